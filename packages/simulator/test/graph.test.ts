/** The Graph API stand-in: the Send API's rules, its error shapes, echoes and controls. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import type { Socket } from 'socket.io-client';
import {
  TOMATO,
  call,
  collect,
  connected,
  control,
  login,
  socketTo,
  until,
  type Json,
} from './helpers.js';

const DAY = 86_400_000;
const V1 = '/api-ms/chatomni/v1';

interface Page {
  id: string;
  token: string;
}

/** The tenant's pages with their tokens, read as a TPOS user reads them. */
async function pagesOf(sim: RunningSimulator, token: string): Promise<Page[]> {
  const res = await call(
    `${sim.restUrl}/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs`,
    { token },
  );
  return res.body.value[0].Childs.map((p: Json) => ({
    id: p.Facebook_PageId,
    token: p.Facebook_PageToken,
  }));
}

/** A Send API call with the page token in the Authorization header. */
function send(sim: RunningSimulator, pageId: string, token: string, body: unknown) {
  return call(`${sim.graphUrl}/v25.0/${pageId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    json: body,
  });
}

const text = (psid: string, message: string) => ({
  recipient: { id: psid },
  messaging_type: 'RESPONSE',
  message: { text: message },
});

function assertGraphError(res: Json, status: number, code: number, subcode?: number) {
  assert.equal(res.status, status, res.text);
  const { error } = res.body;
  assert.deepEqual(
    Object.keys(error).sort(),
    [
      ...(subcode === undefined ? [] : ['error_subcode']),
      'code',
      'fbtrace_id',
      'message',
      'type',
    ].sort(),
  );
  assert.equal(error.code, code);
  assert.equal(error.error_subcode, subcode);
  assert.equal(typeof error.message, 'string');
  assert.match(error.fbtrace_id, /^[\w-]{11}$/);
}

describe('Graph stand-in: Send API', () => {
  let sim: RunningSimulator;
  let userToken: string;
  let pages: Page[];
  const sockets: Socket[] = [];
  /** A conversation with a fresh customer message: inside the 24-hour window. */
  let open: { id: string; pageId: string; psid: string; token: string };

  async function conversation(filter: (c: Json) => boolean): Promise<Json> {
    const res = await call(`${sim.restUrl}${V1}/conversations/search`, {
      method: 'POST',
      token: userToken,
      json: { Limit: 1000 },
    });
    const found = res.body.Data.find(filter);
    assert.ok(found, 'no conversation matches');
    return found;
  }

  async function messages(pageId: string, psid: string): Promise<Json[]> {
    const res = await call(
      `${sim.restUrl}${V1}/messages?type=4&channelId=${pageId}&userId=${psid}&limit=200`,
      { token: userToken },
    );
    return res.body.Data;
  }

  before(async () => {
    // History ends three days ago: every generated conversation is outside the window.
    sim = await startSimulator({ conversations: 60, seed: 5, now: Date.now() - 3 * DAY });
    userToken = (await login(sim)).access_token;
    pages = await pagesOf(sim, userToken);
    const conv = await conversation((c) => c.LastActivities.Message);
    sim.emit({ conversationId: conv.Id, text: 'Shop ơi còn hàng không?' });
    const page = pages.find((p) => p.id === conv.Channel.Id)!;
    open = { id: conv.Id, pageId: page.id, psid: conv.User.Id, token: page.token };
  });
  after(async () => {
    for (const s of sockets) s.close();
    await sim.close();
  });
  beforeEach(async () => {
    await control(sim, 'graph/reset');
    await control(sim, 'graph/clear-faults');
    await control(sim, 'graph/rate-limit', { sends: 600, perMs: 60_000 });
  });

  it('posts a text inside the window and echoes it on both sockets and in the messages REST', async () => {
    const rt = await connected(socketTo(sim.rtUrl, { room: TOMATO, token: userToken }));
    const chat = await connected(socketTo(sim.chatUrl, { room: TOMATO, token: userToken }));
    sockets.push(rt, chat);
    const onRt = collect<string>(rt, 'on-events');
    const onChat = collect<string>(chat, 'on-events');
    const res = await send(sim, open.pageId, open.token, text(open.psid, 'Dạ còn ạ'));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), ['message_id', 'recipient_id']);
    assert.equal(res.body.recipient_id, open.psid);
    assert.match(res.body.message_id, /^m_/);
    await until(() => onRt.length === 1 && onChat.length === 1, 5000, 'both echoes');
    for (const raw of [onRt[0]!, onChat[0]!]) {
      const event = JSON.parse(raw);
      assert.equal(event.EventName, 'chatomni.on-message');
      assert.equal(event.Conversation.Id, open.id);
      assert.equal(event.Message.IsOwner, true);
      assert.equal(event.Message.MessageType, 11);
      assert.equal(event.Message.Message, 'Dạ còn ạ');
      assert.equal(event.Message.Data.id, res.body.message_id);
      assert.deepEqual(event.Message.Data.from, { id: open.pageId });
      assert.equal(event.Message.CreatedBy, null);
    }
    const [newest] = await messages(open.pageId, open.psid);
    assert.equal(newest.Message, 'Dạ còn ạ');
    assert.equal(newest.IsOwner, true);
    assert.equal(newest.Data.id, res.body.message_id);
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.equal(sends.received, 1);
    assert.equal(sends.succeeded, 1);
    assert.deepEqual(sends.sends[0], {
      at: sends.sends[0].at,
      pageId: open.pageId,
      recipient: { id: open.psid },
      kind: 'text',
      text: 'Dạ còn ạ',
      tokenInUrl: false,
      tokenIn: 'header',
      outcome: 'sent',
      messageId: res.body.message_id,
    });
  });

  it('refuses a token that is no page token (190) and a page the token is not for (100/33)', async () => {
    assertGraphError(await send(sim, open.pageId, 'EAAForged', text(open.psid, 'x')), 400, 190);
    const other = pages.find((p) => p.id !== open.pageId)!;
    assertGraphError(await send(sim, other.id, open.token, text(open.psid, 'x')), 400, 100, 33);
    const noToken = await call(`${sim.graphUrl}/v25.0/me/messages`, {
      method: 'POST',
      json: text(open.psid, 'x'),
    });
    assertGraphError(noToken, 400, 2500);
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.deepEqual([sends.received, sends.succeeded, sends.failed], [3, 0, 3]);
  });

  it('answers 10/2018278 outside the 24-hour window; a comment does not open it', async () => {
    const old = await conversation(
      (c) => c.LastActivities.Message && Date.now() - Date.parse(c.UpdatedTime) > DAY,
    );
    const page = pages.find((p) => p.id === old.Channel.Id)!;
    assertGraphError(
      await send(sim, page.id, page.token, text(old.User.Id, 'x')),
      400,
      10,
      2018278,
    );
    sim.emit({ conversationId: old.Id, kind: 'comment', text: 'ib em' });
    assertGraphError(
      await send(sim, page.id, page.token, text(old.User.Id, 'x')),
      400,
      10,
      2018278,
    );
    sim.emit({ conversationId: old.Id, text: 'alo shop' });
    assert.equal((await send(sim, page.id, page.token, text(old.User.Id, 'Dạ'))).status, 200);
  });

  it('counts 2,000 characters, not UTF-16 units, and refuses one more with 100', async () => {
    const emoji = '😀'.repeat(2000);
    assert.equal((await send(sim, open.pageId, open.token, text(open.psid, emoji))).status, 200);
    assertGraphError(
      await send(sim, open.pageId, open.token, text(open.psid, 'a'.repeat(2001))),
      400,
      100,
    );
    assertGraphError(await send(sim, open.pageId, open.token, text('999', 'x')), 400, 100, 2018001);
  });

  it('takes one private reply per comment, into the Messenger conversation', async () => {
    // Untouched by the other tests: its customer last wrote over a day ago.
    const conv = await conversation((c) => Date.now() - Date.parse(c.UpdatedTime) > DAY);
    const page = pages.find((p) => p.id === conv.Channel.Id)!;
    const emitted = sim.emit({ conversationId: conv.Id, kind: 'comment', text: 'còn size M ko' });
    const commentId = (emitted.Envelope as Json).Message.Data.id as string;
    const reply = {
      recipient: { comment_id: commentId },
      message: { text: 'Dạ còn ạ, em nhắn riêng' },
    };
    const first = await send(sim, page.id, page.token, reply);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.recipient_id, conv.User.Id);
    const [newest] = await messages(page.id, conv.User.Id);
    assert.equal(newest.Message, 'Dạ còn ạ, em nhắn riêng');
    assert.equal(newest.MessageType, 11);
    assert.equal(newest.IsOwner, true);
    assertGraphError(await send(sim, page.id, page.token, reply), 400, 10900);
    // A private reply does not open the window: the customer has not answered (their
    // messages are all from before the history's end, three days ago).
    assertGraphError(
      await send(sim, page.id, page.token, text(conv.User.Id, 'x')),
      400,
      10,
      2018278,
    );
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.deepEqual(sends.sends.map((s: Json) => [s.kind, s.outcome]).slice(0, 2), [
      ['private-reply', 'sent'],
      ['private-reply', 'error'],
    ]);
  });

  it('uploads an image (multipart filedata) and serves it for the echo', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const form = new FormData();
    form.set('recipient', JSON.stringify({ id: open.psid }));
    form.set('messaging_type', 'RESPONSE');
    form.set(
      'message',
      JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: false } } }),
    );
    form.set('filedata', new File([png], 'a.png', { type: 'image/png' }));
    const res = await call(`${sim.graphUrl}/v25.0/${open.pageId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${open.token}` },
      body: form,
    });
    assert.equal(res.status, 200, res.text);
    const [newest] = await messages(open.pageId, open.psid);
    assert.equal(newest.Data.id, res.body.message_id);
    assert.equal(newest.Attachments.length, 1);
    const url: string = newest.Attachments[0].Payload.Url;
    assert.ok(url.startsWith(`${sim.graphUrl}/media/`), url);
    const image = await fetch(url);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), png);
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.equal(sends.sends[0].kind, 'image');
  });

  it('fails the next sends with a given Graph error, then works again', async () => {
    await control(sim, 'graph/fail', { count: 2, error: { code: 551, subcode: 1545041 } });
    for (let i = 0; i < 2; i++) {
      assertGraphError(
        await send(sim, open.pageId, open.token, text(open.psid, 'x')),
        400,
        551,
        1545041,
      );
    }
    assert.equal((await send(sim, open.pageId, open.token, text(open.psid, 'ok'))).status, 200);
    await control(sim, 'graph/fail', { error: { code: 2 } });
    assertGraphError(await send(sim, open.pageId, open.token, text(open.psid, 'x')), 500, 2);
  });

  it('hangs without posting, or posts and then hangs (a lost answer)', async () => {
    const before = (await messages(open.pageId, open.psid)).length;
    await control(sim, 'graph/fail', { hang: true });
    await assert.rejects(
      fetch(`${sim.graphUrl}/v25.0/${open.pageId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${open.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(text(open.psid, 'lost')),
        signal: AbortSignal.timeout(300),
      }),
    );
    assert.equal((await messages(open.pageId, open.psid)).length, before);
    await control(sim, 'graph/fail', { hang: true, afterSend: true });
    await assert.rejects(
      fetch(`${sim.graphUrl}/v25.0/${open.pageId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${open.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(text(open.psid, 'sent but unanswered')),
        signal: AbortSignal.timeout(300),
      }),
    );
    const [newest] = await messages(open.pageId, open.psid);
    assert.equal(newest.Message, 'sent but unanswered');
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.deepEqual([sends.received, sends.hung, sends.succeeded], [2, 2, 0]);
    assert.equal(sends.sends[1].messageId, newest.Data.id);
  });

  it('succeeds slowly when told to', async () => {
    await control(sim, 'graph/fail', { delayMs: 200 });
    const res = await send(sim, open.pageId, open.token, text(open.psid, 'chậm'));
    assert.equal(res.status, 200);
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.deepEqual([sends.succeeded, sends.pendingFaults], [1, 0]);
  });

  it('rate-limits a page with 613 and says when it may send again', async () => {
    await control(sim, 'graph/rate-limit', { sends: 2, perMs: 60_000 });
    for (let i = 0; i < 2; i++) {
      assert.equal(
        (await send(sim, open.pageId, open.token, text(open.psid, `n${i}`))).status,
        200,
      );
    }
    const limited = await send(sim, open.pageId, open.token, text(open.psid, 'n2'));
    assertGraphError(limited, 400, 613);
    const usage = JSON.parse(limited.headers.get('x-business-use-case-usage') ?? '{}');
    assert.equal(usage[open.pageId][0].estimated_time_to_regain_access, 1);
  });

  it('records a token sent in the query string (the proxy must never do that)', async () => {
    const res = await call(
      `${sim.graphUrl}/v25.0/me/messages?access_token=${encodeURIComponent(open.token)}`,
      { method: 'POST', json: text(open.psid, 'query') },
    );
    assert.equal(res.status, 200);
    const sends = (await call(`${sim.restUrl}/__sim/graph/sends`)).body;
    assert.deepEqual([sends.sends[0].tokenIn, sends.sends[0].tokenInUrl], ['query', true]);
  });

  it('answers unknown paths and methods with the Graph error shape', async () => {
    assertGraphError(
      await call(`${sim.graphUrl}/v25.0/${open.pageId}/feed`, { method: 'POST' }),
      400,
      100,
      33,
    );
    assertGraphError(await call(`${sim.graphUrl}/v25.0/${open.pageId}/messages`), 400, 100, 33);
    const bad = await control(sim, 'graph/fail', { hang: true, error: { code: 2 } });
    assert.equal(bad.status, 400);
  });
});

describe('Graph stand-in: private replies after 7 days', () => {
  let sim: RunningSimulator;
  after(() => sim.close());

  it('refuses a private reply to a comment older than 7 days with 10903', async () => {
    sim = await startSimulator({ conversations: 20, seed: 7, now: Date.now() - 10 * DAY });
    const userToken = (await login(sim)).access_token;
    const pages = await pagesOf(sim, userToken);
    const list = await call(`${sim.restUrl}${V1}/conversations/search`, {
      method: 'POST',
      token: userToken,
      json: { Limit: 100, Type: 'comment' },
    });
    const conv = list.body.Data[0];
    const comments = await call(
      `${sim.restUrl}${V1}/messages/comments?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`,
      { token: userToken },
    );
    const comment = comments.body.Data.find((c: Json) => !c.IsOwner);
    const page = pages.find((p) => p.id === conv.Channel.Id)!;
    const res = await send(sim, page.id, page.token, {
      recipient: { comment_id: comment.Data.id },
      message: { text: 'muộn quá' },
    });
    assertGraphError(res, 400, 10903);
  });
});
