/**
 * POST /api/send never posts twice: the Idempotency-Key in the Durable Object, in workerd
 * against the simulator's Graph stand-in, whose counters tell how often Facebook was asked.
 * And nothing secret in any answer or log line of the whole run.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { envelope } from './support/env.js';
import { startSendStack, type SendStack, type TestConversation } from './support/send-stack.js';

let stack: SendStack;
let demo: string;
let open: TestConversation;
const key = () => randomUUID();

before(async () => {
  stack = await startSendStack();
  demo = await stack.login('demo', 'demo123');
  await stack.pages(demo);
  const [first] = await stack.conversations(demo);
  open = first!;
  stack.sim.emit({ conversationId: open.id, text: 'Chị lấy 2 cái nhé' });
});
after(() => stack.stop());
beforeEach(async () => {
  await stack.control('graph/reset');
  await stack.control('graph/clear-faults');
});

const text = (message: string) => ({ pageId: open.pageId, psid: open.psid, text: message });

/** How many of the conversation's messages carry `message`. */
async function copies(message: string): Promise<number> {
  const res = await stack.call(
    `/api/api-ms/chatomni/v1/messages?type=4&channelId=${open.pageId}&userId=${open.psid}&limit=200`,
    { headers: { authorization: `Bearer ${demo}` } },
  );
  return (res.body.Data as { Message: string }[]).filter((m) => m.Message === message).length;
}

describe('POST /api/send: never twice', () => {
  it('answers a retry with the same key with the first result, without posting again', async () => {
    const idem = key();
    const first = await stack.send(demo, idem, text('Dạ em gửi 2 cái ạ'));
    assert.equal(first.status, 200);
    const retry = await stack.send(demo, idem, text('Dạ em gửi 2 cái ạ'));
    assert.equal(retry.status, 200);
    assert.equal(retry.text, first.text);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal((await stack.graphSends()).received, 1);
    assert.equal(await copies('Dạ em gửi 2 cái ạ'), 1);
  });

  it('answers the same key again after a new login (the key belongs to the user, not the token)', async () => {
    const idem = key();
    const first = await stack.send(demo, idem, text('Sau khi đăng nhập lại'));
    const again = await stack.login('demo', 'demo123');
    assert.notEqual(again, demo);
    const retry = await stack.send(again, idem, text('Sau khi đăng nhập lại'));
    assert.equal(retry.text, first.text);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal((await stack.graphSends()).received, 1);
  });

  it('gives two concurrent requests with one key one post and the same answer', async () => {
    await stack.control('graph/fail', { delayMs: 800 });
    const idem = key();
    const [a, b] = await Promise.all([
      stack.send(demo, idem, text('Gửi cùng lúc')),
      stack.send(demo, idem, text('Gửi cùng lúc')),
    ]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.equal(a.text, b.text);
    assert.deepEqual(
      [a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort(),
      ['true', null].sort(),
    );
    assert.equal((await stack.graphSends()).received, 1);
    assert.equal(await copies('Gửi cùng lúc'), 1);
  });

  it('refuses a key reused for another message with 422', async () => {
    const idem = key();
    assert.equal((await stack.send(demo, idem, text('Tin một'))).status, 200);
    const other = await stack.send(demo, idem, text('Tin hai'));
    assert.equal(other.status, 422);
    assert.deepEqual(
      other.body,
      envelope('idempotency_key_reused', 'This Idempotency-Key was used for a different message'),
    );
    assert.equal((await stack.graphSends()).received, 1);
  });

  it('keeps keys per user: the same key from another user is their own send', async () => {
    const idem = key();
    assert.equal((await stack.send(demo, idem, text('Của demo'))).status, 200);
    const shop2 = await stack.login('shop2', 'shop2pass');
    const [page] = await stack.pages(shop2);
    const [conv] = (await stack.conversations(shop2)).filter((c) => c.pageId === page!.id);
    stack.sim.emit({ tenant: 'cachua.tpos.vn', conversationId: conv!.id, text: 'alo' });
    const theirs = await stack.send(shop2, idem, {
      pageId: conv!.pageId,
      psid: conv!.psid,
      text: 'Của shop2',
    });
    assert.equal(theirs.status, 200, theirs.text);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
    assert.equal(theirs.body.recipientId, conv!.psid);
    assert.equal((await stack.graphSends()).succeeded, 2);
  });

  it('lets "Thử lại" with the same key post after a refusal (nothing was posted)', async () => {
    await stack.control('graph/fail', { error: { code: 2 } });
    const idem = key();
    assert.equal((await stack.send(demo, idem, text('Thử lại nhé'))).status, 503);
    const retry = await stack.send(demo, idem, text('Thử lại nhé'));
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.headers.get('idempotent-replayed'), null);
    const graph = await stack.graphSends();
    assert.deepEqual([graph.received, graph.failed, graph.succeeded], [2, 1, 1]);
    assert.equal(await copies('Thử lại nhé'), 1);
  });

  it('never posts again after Facebook posted but the answer was lost (timeout)', async () => {
    await stack.control('graph/fail', { hang: true, afterSend: true });
    const idem = key();
    const lost = await stack.send(demo, idem, text('Mất câu trả lời'));
    assert.equal(lost.status, 504);
    assert.deepEqual(
      lost.body,
      envelope(
        'send_unconfirmed',
        'Facebook did not confirm the send; look for it in the conversation before sending again',
      ),
    );
    const retry = await stack.send(demo, idem, text('Mất câu trả lời'));
    assert.equal(retry.status, 504);
    assert.equal(retry.text, lost.text);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal((await stack.graphSends()).received, 1);
    assert.equal(await copies('Mất câu trả lời'), 1);
  });

  it('gives a retry that arrives while the first send hangs that first send’s outcome', async () => {
    await stack.control('graph/fail', { hang: true });
    const idem = key();
    const first = stack.send(demo, idem, text('Treo'));
    // The second arrives once the first is in Facebook's hands.
    while ((await stack.graphSends()).received === 0) await new Promise((r) => setTimeout(r, 20));
    const second = await stack.send(demo, idem, text('Treo'));
    const answered = await first;
    assert.equal(answered.status, 504);
    assert.equal(second.text, answered.text);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal((await stack.graphSends()).received, 1);
  });
});

describe('secrets', () => {
  it('never shows a page token or access token in any answer, header or log line', () => {
    assert.ok(stack.answers.length > 20);
    assert.ok(stack.secrets.size >= 4);
    for (const answer of stack.answers) {
      const headers = [...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
      for (const secret of stack.secrets) {
        // The token answers carry the user's own tokens, as they must.
        if (answer.body?.access_token) continue;
        assert.equal(answer.text.includes(secret), false, 'a secret in a body');
        assert.equal(headers.includes(secret), false, 'a secret in a header');
      }
    }
    const log = stack.output.text();
    assert.match(log, /POST \/api\/send 200/);
    for (const secret of stack.secrets)
      assert.equal(log.includes(secret), false, 'a secret was logged');
    assert.equal(/bearer /i.test(log), false);
  });

  it('never put a page token in a URL sent to Facebook', async () => {
    await stack.send(demo, key(), text('Kiểm tra URL'));
    const graph = await stack.graphSends();
    assert.ok(graph.sends.length > 0);
    for (const send of graph.sends) assert.equal(send.tokenIn, 'header');
  });
});
