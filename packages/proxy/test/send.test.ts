/**
 * POST /api/send in workerd against the simulator and its Graph stand-in: who may send,
 * what is refused before anything is posted, images, private replies, and every Graph
 * error turned into our envelope.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { envelope } from './support/env.js';
import {
  startSendStack,
  type SendStack,
  type TestConversation,
  type TestPage,
} from './support/send-stack.js';

let stack: SendStack;
let demo: string;
let pages: TestPage[];
let open: TestConversation;
const key = () => randomUUID();

before(async () => {
  stack = await startSendStack();
  demo = await stack.login('demo', 'demo123');
  pages = await stack.pages(demo);
  const [first] = await stack.conversations(demo);
  open = first!;
  stack.sim.emit({ conversationId: open.id, text: 'Shop ơi áo này còn không?' });
});
after(() => stack.stop());
beforeEach(async () => {
  await stack.control('graph/reset');
  await stack.control('graph/clear-faults');
  await stack.control('graph/rate-limit', { sends: 600, perMs: 60_000 });
});

const text = (message: string, to: TestConversation = open) => ({
  pageId: to.pageId,
  psid: to.psid,
  text: message,
});

describe('POST /api/send: a text', () => {
  it('posts through the Send API with the page token in the header and answers its ids', async () => {
    const res = await stack.send(demo, key(), text('Dạ còn ạ'));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('idempotent-replayed'), null);
    assert.deepEqual(Object.keys(res.body).sort(), ['messageId', 'recipientId']);
    assert.equal(res.body.recipientId, open.psid);
    const graph = await stack.graphSends();
    assert.equal(graph.succeeded, 1);
    const [sent] = graph.sends;
    assert.deepEqual(
      [sent.pageId, sent.recipient, sent.kind, sent.text, sent.tokenIn, sent.messageId],
      [open.pageId, { id: open.psid }, 'text', 'Dạ còn ạ', 'header', res.body.messageId],
    );
    const thread = await stack.call(
      `/api/api-ms/chatomni/v1/messages?type=4&channelId=${open.pageId}&userId=${open.psid}`,
      { headers: { authorization: `Bearer ${demo}` } },
    );
    assert.equal(thread.body.Data[0].Data.id, res.body.messageId);
    assert.equal(thread.body.Data[0].IsOwner, true);
  });

  it('answers 403 page_not_allowed for a page TPOS does not give the user, posting nothing', async () => {
    const shop2 = await stack.login('shop2', 'shop2pass');
    const [theirs] = await stack.pages(shop2);
    assert.ok(theirs && !pages.some((p) => p.id === theirs.id));
    const res = await stack.send(demo, key(), { pageId: theirs.id, psid: open.psid, text: 'x' });
    assert.equal(res.status, 403);
    assert.deepEqual(
      res.body,
      envelope('page_not_allowed', 'Your TPOS account cannot send as this page'),
    );
    assert.equal((await stack.graphSends()).received, 0);
  });

  it('answers 401 without a bearer or with one TPOS refuses', async () => {
    const none = await stack.call('/api/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key() },
      body: JSON.stringify(text('x')),
    });
    assert.equal(none.status, 401);
    assert.deepEqual(
      none.body,
      envelope('unauthorized', 'Authorization: Bearer <TPOS access token> is required'),
    );
    const forged = await stack.send('eyJhbGciOiJIUzI1NiJ9.e30.forged', key(), text('x'));
    assert.equal(forged.status, 401);
    assert.deepEqual(forged.body, envelope('unauthorized', 'TPOS did not accept the access token'));
    assert.equal((await stack.graphSends()).received, 0);
  });

  it('refuses malformed requests with a 4xx naming what is wrong, before asking anyone', async () => {
    const cases: [unknown, string | undefined, number, string, string][] = [
      [text('x'), undefined, 400, 'bad_request', 'The Idempotency-Key header is required'],
      [
        text('x'),
        'short',
        400,
        'bad_request',
        'Idempotency-Key must be 16 to 128 letters, digits, "-" or "_"',
      ],
      [{ ...text('x'), extra: 1 }, key(), 400, 'bad_request', 'Unknown field: extra'],
      [
        { pageId: open.pageId, text: 'x' },
        key(),
        400,
        'bad_request',
        'Give exactly one of psid (a Messenger message) and commentId (a private reply)',
      ],
      [
        { ...text('x'), commentId: '1_2' },
        key(),
        400,
        'bad_request',
        'Give exactly one of psid (a Messenger message) and commentId (a private reply)',
      ],
      [
        { ...text('x'), pageId: '../me' },
        key(),
        400,
        'bad_request',
        'pageId must be a Facebook id',
      ],
      [text('   '), key(), 400, 'bad_request', 'text must be a non-empty string'],
      [[1], key(), 400, 'bad_request', 'The body must be a JSON object'],
      [
        text('a'.repeat(2001)),
        key(),
        422,
        'text_too_long',
        'Messages are limited to 2000 characters',
      ],
    ];
    for (const [body, idem, status, code, message] of cases) {
      const res = await stack.send(demo, idem as string, body);
      assert.equal(res.status, status, message);
      assert.deepEqual(res.body, envelope(code, message));
    }
    const notJson = await stack.call('/api/send', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo}`,
        'content-type': 'application/json',
        'idempotency-key': key(),
      },
      body: '{"pageId":',
    });
    assert.deepEqual(notJson.body, envelope('bad_request', 'The body is not valid JSON'));
    const plain = await stack.call('/api/send', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo}`,
        'content-type': 'text/plain',
        'idempotency-key': key(),
      },
      body: 'hi',
    });
    assert.equal(plain.status, 415);
    assert.deepEqual(
      plain.body,
      envelope(
        'unsupported_media_type',
        'Content-Type must be application/json (text) or multipart/form-data (image)',
      ),
    );
    const get = await stack.call('/api/send', { headers: { authorization: `Bearer ${demo}` } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal((await stack.graphSends()).received, 0);
  });

  it('counts 2,000 characters as the Send API does (an emoji is one)', async () => {
    const res = await stack.send(demo, key(), text('😀'.repeat(2000)));
    assert.equal(res.status, 200, res.text);
  });
});

describe('POST /api/send: page tokens', () => {
  /** How often TPOS was asked for the pages since the counters were reset. */
  async function pageLookups(): Promise<number> {
    const res = await fetch(`${stack.sim.restUrl}/__sim/counters`);
    const counters = (await res.json()) as { rest: { byRoute: Record<string, number> } };
    return counters.rest.byRoute['GET /odata/CRMTeam/ODataService.GetAllFacebook'] ?? 0;
  }

  it('keeps a caller’s page tokens for minutes under their own bearer, and drops them after a 190', async () => {
    await stack.control('reset-counters');
    const bearer = await stack.login('demo', 'demo123');
    assert.equal((await stack.send(bearer, key(), text('một'))).status, 200);
    assert.equal((await stack.send(bearer, key(), text('hai'))).status, 200);
    assert.equal(await pageLookups(), 1);
    const other = await stack.login('demo', 'demo123');
    assert.equal((await stack.send(other, key(), text('ba'))).status, 200);
    assert.equal(await pageLookups(), 2, 'another bearer is not served from the first one’s entry');
    await stack.control('graph/fail', { error: { code: 190 } });
    assert.equal((await stack.send(bearer, key(), text('bốn'))).status, 422);
    assert.equal((await stack.send(bearer, key(), text('năm'))).status, 200);
    assert.equal(await pageLookups(), 3, 'TPOS is asked again after the token was refused');
  });
});

describe('POST /api/send: Graph errors become our codes', () => {
  const cases: [{ code: number; subcode?: number }, number, string, string, string | null][] = [
    [
      { code: 10, subcode: 2018278 },
      422,
      'outside_window',
      'The customer last wrote more than 24 hours ago; Facebook allows no reply now',
      null,
    ],
    [
      { code: 551, subcode: 1545041 },
      422,
      'recipient_unavailable',
      'The customer cannot receive messages right now',
      null,
    ],
    [
      { code: 190 },
      422,
      'page_token_invalid',
      "The page's Facebook connection is invalid or expired; reconnect the page in TPOS",
      null,
    ],
    [
      { code: 4 },
      429,
      'rate_limited',
      "Facebook is limiting this page's sends; try again later",
      '60',
    ],
    [
      { code: 32 },
      429,
      'rate_limited',
      "Facebook is limiting this page's sends; try again later",
      '60',
    ],
    [
      { code: 613 },
      429,
      'rate_limited',
      "Facebook is limiting this page's sends; try again later",
      '60',
    ],
    [{ code: 100 }, 422, 'message_invalid', 'Facebook refused the message as invalid', null],
    [
      { code: 2 },
      503,
      'graph_unavailable',
      'Facebook had a temporary error; try again later',
      '30',
    ],
    [
      { code: 200 },
      422,
      'permission_denied',
      "The page's Facebook app lacks permission to send this message",
      null,
    ],
    [
      { code: 10900 },
      422,
      'reply_already_sent',
      'This comment already has its private reply',
      null,
    ],
    [
      { code: 10903 },
      422,
      'comment_too_old',
      'This comment can no longer get a private reply (it is over 7 days old)',
      null,
    ],
    [{ code: 12345 }, 502, 'graph_error', 'Facebook refused the message', null],
  ];
  for (const [error, status, code, message, retryAfter] of cases) {
    it(`maps Graph ${error.code}${error.subcode ? `/${error.subcode}` : ''} to ${status} ${code}`, async () => {
      await stack.control('graph/fail', { error });
      const res = await stack.send(demo, key(), text('x'));
      assert.equal(res.status, status, res.text);
      const expected = envelope(code, message);
      if (retryAfter) Object.assign(expected.error, { retryAfter: Number(retryAfter) });
      assert.deepEqual(res.body, expected);
      assert.equal(res.headers.get('retry-after'), retryAfter);
    });
  }

  it('takes the rate-limit wait from Graph’s usage header', async () => {
    await stack.control('graph/rate-limit', { sends: 1, perMs: 3 * 60_000 });
    assert.equal((await stack.send(demo, key(), text('một'))).status, 200);
    const limited = await stack.send(demo, key(), text('hai'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '180');
    assert.equal(limited.body.error.retryAfter, 180);
  });

  it('says outside_window for a customer who last wrote three days ago (the real rule)', async () => {
    const conversations = await stack.conversations(demo);
    const old = conversations.find((c) => c.id !== open.id && c.pageId === open.pageId)!;
    const res = await stack.send(demo, key(), text('x', old));
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'outside_window');
  });
});

describe('POST /api/send: images', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

  function image(bytes: Uint8Array, type = 'image/png', idem = key()) {
    const form = new FormData();
    form.set('pageId', open.pageId);
    form.set('psid', open.psid);
    form.set('image', new File([bytes], 'photo', { type }));
    return stack.call('/api/send', {
      method: 'POST',
      headers: { authorization: `Bearer ${demo}`, 'idempotency-key': idem },
      body: form,
    });
  }

  it('uploads a PNG to the Send API as multipart filedata; the echo shows it', async () => {
    const res = await image(png);
    assert.equal(res.status, 200, res.text);
    const graph = await stack.graphSends();
    assert.equal(graph.sends[0].kind, 'image');
    const thread = await stack.call(
      `/api/api-ms/chatomni/v1/messages?type=4&channelId=${open.pageId}&userId=${open.psid}`,
      { headers: { authorization: `Bearer ${demo}` } },
    );
    const [newest] = thread.body.Data;
    assert.equal(newest.Data.id, res.body.messageId);
    const served = await fetch(newest.Attachments[0].Payload.Url);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
  });

  it('recognises JPEG, GIF and WebP by their bytes, whatever the declared type', async () => {
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    const webp = Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8 ', 'latin1');
    for (const bytes of [jpeg, gif, webp]) {
      assert.equal((await image(bytes, 'application/octet-stream')).status, 200);
    }
    assert.equal((await stack.graphSends()).succeeded, 3);
  });

  it('refuses other files with 415 and images over 8 MB with 413, posting nothing', async () => {
    const svg = await image(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
    );
    assert.equal(svg.status, 415);
    assert.deepEqual(
      svg.body,
      envelope('unsupported_media_type', 'Images must be JPEG, PNG, GIF or WebP'),
    );
    const big = Buffer.alloc(8 * 1024 * 1024 + 1);
    png.copy(big);
    const tooBig = await image(big);
    assert.equal(tooBig.status, 413);
    assert.deepEqual(
      tooBig.body,
      envelope('payload_too_large', 'Images are limited to 8 MB (8388608 bytes)'),
    );
    const huge = await image(Buffer.alloc(9 * 1024 * 1024));
    assert.equal(huge.status, 413);
    assert.deepEqual(
      huge.body,
      envelope('payload_too_large', 'Images are limited to 8 MB (8388608 bytes)'),
    );
    assert.equal((await stack.graphSends()).received, 0);
  });
});

describe('POST /api/send: private replies', () => {
  it('answers a comment once in Messenger; a second reply is reply_already_sent', async () => {
    const conversations = await stack.conversations(demo);
    const conv = conversations.find((c) => c.id !== open.id)!;
    const emitted = stack.sim.emit({ conversationId: conv.id, kind: 'comment', text: 'ib em giá' });
    const commentId = (emitted.Envelope as { Message: { Data: { id: string } } }).Message.Data.id;
    const body = { pageId: conv.pageId, commentId, text: 'Dạ em nhắn riêng chị nhé' };
    const first = await stack.send(demo, key(), body);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.recipientId, conv.psid);
    const again = await stack.send(demo, key(), body);
    assert.equal(again.status, 422);
    assert.equal(again.body.error.code, 'reply_already_sent');
    const graph = await stack.graphSends();
    assert.deepEqual(
      graph.sends.map((s: { kind: string; outcome: string }) => [s.kind, s.outcome]),
      [
        ['private-reply', 'sent'],
        ['private-reply', 'error'],
      ],
    );
  });
});
