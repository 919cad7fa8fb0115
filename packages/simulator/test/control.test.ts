import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import { isLoopback } from '../src/rest/server.js';
import {
  TOMATO,
  call,
  collect,
  connected,
  control,
  login,
  search,
  socketTo,
  until,
  type Json,
} from './helpers.js';

const SEARCH = '/api-ms/chatomni/v1/conversations/search';

describe('REST robustness and the control API', () => {
  let sim: RunningSimulator;
  let token: string;

  before(async () => {
    sim = await startSimulator({ conversations: 60, seed: 5 });
    token = (await login(sim)).access_token;
  });
  afterEach(() => control(sim, 'clear-faults'));
  after(() => sim.close());

  describe('bad input', () => {
    it('answers unknown routes 404 and wrong methods 405, as JSON', async () => {
      const missing = await call(`${sim.restUrl}/api-ms/nope`, { token });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'NotFound');
      assert.match(missing.headers.get('content-type')!, /^application\/json/);
      const wrong = await call(`${sim.restUrl}${SEARCH}`, { token });
      assert.equal(wrong.status, 405);
      assert.equal(wrong.body.error.code, 'MethodNotAllowed');
    });

    it('answers malformed JSON with 400', async () => {
      const res = await call(`${sim.restUrl}${SEARCH}`, {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: '{"Keyword": "a"',
      });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, {
        error: { code: 'BadRequest', message: 'The request body is not valid JSON.' },
      });
    });

    it('answers bodies over 1 MB with 413 and keeps serving', async () => {
      const res = await call(`${sim.restUrl}${SEARCH}`, {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Keyword: 'x'.repeat(1024 * 1024 + 10) }),
      });
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, 'PayloadTooLarge');
      assert.equal((await search(sim, token, { Limit: 1 })).status, 200);
    });

    it('answers a malformed HTTP request with 400 and keeps serving', async () => {
      const { connect } = await import('node:net');
      const reply = await new Promise<string>((resolve) => {
        const s = connect(sim.restPort, '127.0.0.1', () => s.write('NONSENSE\r\n\r\n'));
        let data = '';
        s.on('data', (d) => (data += d));
        s.on('close', () => resolve(data));
      });
      assert.match(reply, /^HTTP\/1\.1 400 /);
      assert.equal((await search(sim, token, { Limit: 1 })).status, 200);
    });
  });

  describe('POST /__sim/fail', () => {
    it('fails the next N matching requests with the status and a JSON error', async () => {
      await control(sim, 'fail', { count: 2, status: 503, route: 'conversations/search' });
      assert.equal(
        (await call(`${sim.restUrl}/api/common/getpartnerstatus`, { token })).status,
        200,
      );
      const a = await search(sim, token, {});
      const b = await search(sim, token, {});
      const c = await search(sim, token, {});
      assert.deepEqual([a.status, b.status, c.status], [503, 503, 200]);
      assert.equal(a.body.error.code, 'SimulatedFailure');
    });

    it('defaults to 500 on every route, /token included', async () => {
      await control(sim, 'fail', { count: 1 });
      const res = await call(`${sim.restUrl}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=demo&password=demo123',
      });
      assert.equal(res.status, 500);
    });

    it('answers slowly but correctly with delayMs and status 200', async () => {
      await control(sim, 'fail', { count: 1, status: 200, delayMs: 1500, route: 'search' });
      await control(sim, 'reset-counters');
      let settled = false;
      const pending = search(sim, token, { Limit: 3 }).finally(() => (settled = true));
      const recorded = async () => (await call(`${sim.restUrl}/__sim/requests`)).body.length === 1;
      while (!(await recorded())) await sleep(10);
      assert.equal(settled, false, 'the answer is held back while other requests are served');
      const res = await pending;
      assert.equal(res.status, 200);
      assert.equal(res.body.Data.length, 3);
    });

    it('hangs then destroys the connection with status 0', async () => {
      await control(sim, 'fail', { count: 1, status: 0, delayMs: 100, route: 'search' });
      await assert.rejects(search(sim, token, {}), /fetch failed/);
      assert.equal((await search(sim, token, {})).status, 200);
    });

    it('counts the rules pending and the requests they were applied to', async () => {
      await control(sim, 'reset-counters');
      await control(sim, 'fail', { count: 3, status: 500, route: 'search' });
      await search(sim, token, {});
      const c = (await call(`${sim.restUrl}/__sim/counters`)).body;
      assert.deepEqual(c.faults, { pending: 2, applied: 1 });
      await control(sim, 'clear-faults');
      await control(sim, 'reset-counters');
      const after = (await call(`${sim.restUrl}/__sim/counters`)).body;
      assert.deepEqual(after.faults, { pending: 0, applied: 0 });
    });

    it('sends truncated, empty, wrong-type and html bodies', async () => {
      await control(sim, 'fail', { count: 1, body: 'truncated', route: 'search' });
      const truncated = await search(sim, token, { Limit: 2 });
      assert.equal(truncated.status, 200);
      assert.equal(truncated.body, undefined);
      assert.ok(truncated.text.startsWith('{"Data":[{'));
      await control(sim, 'fail', { count: 1, body: 'empty', route: 'search' });
      const empty = await search(sim, token, {});
      assert.deepEqual([empty.status, empty.text], [200, '']);
      await control(sim, 'fail', { count: 1, body: 'wrong-type', route: 'search' });
      const wrong = await search(sim, token, {});
      assert.equal(wrong.status, 200);
      assert.equal(wrong.body.Data, 'not-an-array');
      await control(sim, 'fail', { count: 1, body: 'html', route: 'search' });
      const html = await search(sim, token, {});
      assert.equal(html.status, 500);
      assert.match(html.headers.get('content-type')!, /^text\/html/);
      assert.match(html.text, /^<!DOCTYPE html>/);
    });

    it('validates its own body', async () => {
      assert.equal((await control(sim, 'fail', { count: 'x' })).status, 400);
      assert.equal((await control(sim, 'fail', { body: 'xml' })).status, 400);
    });
  });

  describe('POST /__sim/outage', () => {
    it('fails every REST request with 503 and refuses and drops the sockets, then ends', async () => {
      const socket = await connected(socketTo(sim.rtUrl, { room: TOMATO, token }));
      const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      await control(sim, 'reset-counters');
      const down = await control(sim, 'outage', { seconds: 60 });
      assert.deepEqual([down.status, down.body.disconnected], [200, 1]);
      assert.equal(await dropped, 'transport close');
      const refused = await search(sim, token, {});
      assert.deepEqual([refused.status, refused.body.error.code], [503, 'SimulatedOutage']);
      assert.equal((await call(`${sim.restUrl}/token`, { method: 'POST' })).status, 503);
      await assert.rejects(connected(socketTo(sim.chatUrl, { room: TOMATO, token })));
      const c = (await call(`${sim.restUrl}/__sim/counters`)).body;
      assert.deepEqual(
        [c.faults.applied, c.sockets.chat.handshakes, c.sockets.chat.connections],
        [2, 1, 0],
      );
      // The control API still answers; seconds: 0 ends the outage at once.
      await control(sim, 'outage', { seconds: 0 });
      assert.equal((await search(sim, token, {})).status, 200);
      (await connected(socketTo(sim.chatUrl, { room: TOMATO, token }))).close();
      socket.close();
    });

    it('can leave REST or the sockets up, and validates its body', async () => {
      await control(sim, 'outage', { seconds: 60, rest: false });
      assert.equal((await search(sim, token, {})).status, 200);
      await assert.rejects(connected(socketTo(sim.rtUrl, { room: TOMATO, token })));
      await control(sim, 'outage', { seconds: 0 });
      await control(sim, 'outage', { seconds: 60, server: 'none' });
      (await connected(socketTo(sim.rtUrl, { room: TOMATO, token }))).close();
      assert.equal((await search(sim, token, {})).status, 503);
      await control(sim, 'clear-faults');
      assert.equal((await search(sim, token, {})).status, 200);
      assert.equal((await control(sim, 'outage', { seconds: -1 })).status, 400);
      assert.equal((await control(sim, 'outage', { server: 'all' })).status, 400);
    });
  });

  describe('emit', () => {
    it('stores each kind so REST returns it, and rejects unknown input', async () => {
      const conv = (await search(sim, token, { Limit: 1 })).body.Data[0];
      const msg = await control(sim, 'emit', { conversationId: conv.Id, text: 'abc' });
      assert.equal(msg.status, 200);
      assert.equal(msg.body.ConversationId, conv.Id);
      const comment = await control(sim, 'emit', { conversationId: conv.Id, kind: 'comment' });
      const fresh = await control(sim, 'emit', { newConversation: true, name: 'Bà Tám' });
      const state = (await call(`${sim.restUrl}/__sim/conversations/${conv.Id}`)).body;
      assert.deepEqual(state.ItemIds.slice(-2), [msg.body.Id, comment.body.Id]);
      const top = (await search(sim, token, { Limit: 2 })).body.Data;
      assert.deepEqual(
        top.map((c: Json) => c.Id),
        [fresh.body.ConversationId, conv.Id],
      );
      assert.equal(top[0].Name, 'Bà Tám');
      assert.equal((await control(sim, 'emit', { kind: 'video' })).status, 400);
      assert.equal((await control(sim, 'emit', { conversationId: 'nope' })).status, 404);
      assert.equal((await control(sim, 'emit', { tenant: 'nope.tpos.vn' })).status, 404);
      assert.equal((await control(sim, 'emit', { attachments: [{ type: 1 }] })).status, 400);
      assert.equal((await call(`${sim.restUrl}/__sim/conversations/abc`)).status, 404);
    });

    it('emits a batch, spread over time, all stored', async () => {
      const rt = await connected(socketTo(sim.rtUrl, { room: TOMATO, token }));
      try {
        const got = collect<string>(rt, 'on-events');
        const res = await control(sim, 'emit-batch', {
          count: 30,
          spreadMs: 200,
          conversations: 3,
        });
        assert.equal(res.status, 200);
        assert.equal(res.body.Ids.length, 30);
        assert.equal(new Set(res.body.Ids).size, 30);
        await until(() => got.length === 30, 5000, '30 events');
        const received = got.map((s) => JSON.parse(s).Message.Id);
        assert.deepEqual(received, res.body.Ids);
        const convs = new Set(got.map((s) => JSON.parse(s).Conversation.Id));
        assert.equal(convs.size, 3);
        for (const id of convs) {
          const state = (await call(`${sim.restUrl}/__sim/conversations/${id}`)).body;
          assert.equal(state.MessageIds.slice(-10).length, 10);
          for (const mid of state.MessageIds.slice(-10)) assert.ok(res.body.Ids.includes(mid));
        }
      } finally {
        rt.close();
      }
    });
  });

  describe('observation', () => {
    it('records request headers with Authorization redacted', async () => {
      await call(`${sim.restUrl}/api/api-ms/chatomni/v1/messages?type=4&channelId=1&userId=2`, {
        token,
        headers: { 'x-tpos-lang': 'vi', tposappversion: '5.10.26.1' },
      });
      const [last] = (await call(`${sim.restUrl}/__sim/requests?limit=1`)).body;
      assert.equal(last.method, 'GET');
      assert.equal(last.path, '/api/api-ms/chatomni/v1/messages');
      assert.deepEqual(last.query, { type: '4', channelId: '1', userId: '2' });
      assert.equal(last.headers.authorization, 'Bearer <redacted>');
      assert.equal(last.headers['x-tpos-lang'], 'vi');
      assert.equal(last.headers.tposappversion, '5.10.26.1');
      assert.match(last.at, /\.\d{3}Z$/);
      const log = JSON.stringify((await call(`${sim.restUrl}/__sim/requests?limit=1000`)).body);
      assert.ok(!log.includes(token));
    });

    it('counts REST requests by route and resets', async () => {
      await control(sim, 'reset-counters');
      await search(sim, token, {});
      await call(`${sim.restUrl}/api${SEARCH}`, { method: 'POST', token, json: {} });
      await call(`${sim.restUrl}/nowhere`);
      const c = (await call(`${sim.restUrl}/__sim/counters`)).body;
      assert.equal(c.rest.total, 3);
      assert.deepEqual(c.rest.byRoute, { [`POST ${SEARCH}`]: 2, unmatched: 1 });
      assert.equal((await call(`${sim.restUrl}/__sim/requests`)).body.length, 3);
    });

    it('accepts the control API from loopback only', () => {
      for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.10'])
        assert.equal(isLoopback(a), true, a);
      for (const a of ['10.0.0.1', '::ffff:192.168.1.2', '2001:db8::1', '', undefined]) {
        assert.equal(isLoopback(a), false, String(a));
      }
    });
  });

  describe('live mode', () => {
    it('starts and stops through the control API and stores what it emits', async () => {
      const rt = await connected(socketTo(sim.rtUrl, { room: TOMATO, token }));
      try {
        const got = collect<string>(rt, 'on-events');
        const on = await control(sim, 'live', { on: true, intervalMs: 30 });
        assert.deepEqual(on.body, { ok: true, live: true, minMs: 30, maxMs: 30 });
        await until(() => got.length >= 3, 5000, 'three live events');
        const off = await control(sim, 'live', { on: false });
        assert.equal(off.body.live, false);
        const chat = got
          .map((s) => JSON.parse(s))
          .find((e) => e.EventName === 'chatomni.on-message');
        const state = (await call(`${sim.restUrl}/__sim/conversations/${chat.Conversation.Id}`))
          .body;
        assert.ok(state.ItemIds.includes(chat.Message.Id));
      } finally {
        rt.close();
      }
    });
  });
});

describe('CORS', () => {
  const preflight = (port: number) =>
    new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'OPTIONS',
          path: SEARCH,
          headers: {
            origin: 'http://localhost:5173',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode!, headers: res.headers });
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('answers preflights and echoes the origin when on', async () => {
    const sim = await startSimulator({ conversations: 5, cors: true });
    try {
      const pre = await preflight(sim.restPort);
      assert.equal(pre.status, 204);
      assert.equal(pre.headers['access-control-allow-origin'], 'http://localhost:5173');
      assert.equal(pre.headers['access-control-allow-headers'], 'authorization,content-type');
      const res = await call(`${sim.restUrl}/api/common/getpartnerstatus`, {
        headers: { origin: 'http://localhost:5173' },
      });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    } finally {
      await sim.close();
    }
  });

  it('sends no CORS headers by default', async () => {
    const sim = await startSimulator({ conversations: 5, tposAppVersion: '6.5.11.2' });
    try {
      const pre = await preflight(sim.restPort);
      assert.equal(pre.status, 405);
      assert.equal(pre.headers['access-control-allow-origin'], undefined);
      const res = await call(`${sim.restUrl}/api/common/getpartnerstatus`, {
        headers: { origin: 'http://localhost:5173' },
      });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('tposappversion'), '6.5.11.2');
    } finally {
      await sim.close();
    }
  });
});
