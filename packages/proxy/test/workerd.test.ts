/**
 * The proxy in real workerd (wrangler's `unstable_startWorker`, the root wrangler.toml)
 * against the real simulator: one worker start shared by every test in this file.
 */
import assert from 'node:assert/strict';
import {
  request as httpRequest,
  createServer,
  type IncomingHttpHeaders,
  type Server as HttpServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { PROXY_VERSION } from '../src/version.js';
import { captureOutput, type OutputCapture } from './support/capture.js';
import { envelope, json } from './support/env.js';
import { passwordGrant, startProxy, type RunningProxy } from './support/worker.js';

const ALLOWED = 'http://allowed.example';
const DEFAULT_VERSION = '5.10.26.1';
const SIM_VERSION = '6.5.11.2';

let sim: RunningSimulator;
let simOrigin: string;
let worker: RunningProxy;
let proxy: string;
let output: OutputCapture;
/** The Socket.IO server behind /ws/chat/, recording each handshake's URL and headers. */
let chatUpstream: Server;
let chatHttp: HttpServer;
let simClosed = false;
let chatWs: string;
const handshakes: { url: string; headers: IncomingHttpHeaders }[] = [];
/** Every secret seen in the run, to look for in the logs at the end. */
const secrets = new Set<string>(['demo123', 'shop2pass']);
const sockets: Socket[] = [];

function wsOrigin(url: string): string {
  const u = new URL(url);
  return `ws://${u.host}`;
}

async function startChatUpstream(): Promise<string> {
  const http = createServer();
  chatHttp = http;
  chatUpstream = new Server(http, {
    allowRequest: (req, callback) => {
      handshakes.push({ url: req.url ?? '', headers: req.headers });
      callback(null, true);
    },
  });
  chatUpstream.of('/chatomni').on('connection', (socket) => {
    socket.emit('on-events', JSON.stringify({ EventName: 'hello', Token: socket.handshake.auth }));
    socket.on('kick', () => socket.disconnect(true));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

async function login(username: string, password: string) {
  const res = await fetch(`${proxy}/api/token`, passwordGrant(username, password));
  // No refresh_token: the proxy never hands one to the browser (sign-in-workerd.test.ts).
  const body = (await res.json()) as { access_token: string };
  if (res.ok) secrets.add(body.access_token);
  return { res, body };
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** The last `limit` requests the simulator received, oldest first. */
async function simRequests(limit: number) {
  const res = await fetch(`${sim.restUrl}/__sim/requests?limit=${limit}`);
  const body = (await res.json()) as unknown;
  const list = (Array.isArray(body) ? body : (body as { requests: unknown[] }).requests) as {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
  }[];
  return list;
}

/** A raw WebSocket handshake (node's fetch cannot send `Upgrade`): status and body. */
function rawUpgrade(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${proxy}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(target: 'rt' | 'chat', token: string, extraHeaders?: Record<string, string>) {
  const socket = io(`${proxy}/chatomni`, {
    path: `/ws/${target}/socket.io`,
    transports: ['websocket'],
    query: { room: 'tomato.tpos.vn' },
    auth: { token },
    reconnection: false,
    ...(extraHeaders ? { extraHeaders } : {}),
  });
  sockets.push(socket);
  return socket;
}

function once<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.once(event, (value: T) => resolve(value));
    socket.once('connect_error', (err: Error) => reject(err));
  });
}

before(async () => {
  output = captureOutput();
  sim = await startSimulator({ tposAppVersion: SIM_VERSION, conversations: 20 });
  simOrigin = new URL(sim.restUrl).origin;
  chatWs = await startChatUpstream();
  const vars: Record<string, string> = {
    TPOS_API_BASE: simOrigin,
    TPOS_RT_WS: wsOrigin(sim.rtUrl),
    TPOS_CHAT_WS: chatWs,
    ALLOWED_ORIGINS: ALLOWED,
    UPSTREAM_TIMEOUT_MS: '5000',
    TPOSAPPVERSION_DEFAULT: DEFAULT_VERSION,
    GRAPH_API_BASE: sim.graphUrl,
  };
  worker = await startProxy(vars);
  proxy = worker.url;
});

after(async () => {
  for (const socket of sockets) socket.close();
  await worker?.dispose();
  if (chatUpstream) {
    const closed = new Promise<void>((resolve) => chatUpstream.close(() => resolve()));
    chatHttp.closeAllConnections();
    await closed;
  }
  if (!simClosed) await sim?.close();
  output?.stop();
});

describe('proxy in workerd', () => {
  it('learns tposappversion from the upstream: default first, the learned one after', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${proxy}/api/api/common/getpartnerstatus`);
      await res.body?.cancel();
    }
    const [first, second] = await simRequests(2);
    assert.equal(first?.path, '/api/common/getpartnerstatus');
    assert.equal(first?.headers.tposappversion, DEFAULT_VERSION);
    assert.equal(second?.headers.tposappversion, SIM_VERSION);
  });

  it('serves /health with the version and upstream hosts', async () => {
    const res = await fetch(`${proxy}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await json(res), {
      ok: true,
      name: '@chatomni/proxy',
      version: PROXY_VERSION,
      upstream: {
        api: new URL(simOrigin).host,
        rt: new URL(sim.rtUrl).host,
        chat: new URL(chatWs).host,
        graph: new URL(sim.graphUrl).host,
      },
    });
  });

  it('serves static files from dist/site and falls through to the JSON 404', async () => {
    const page = await fetch(`${proxy}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    await page.body?.cancel();
    const missing = await fetch(`${proxy}/no-such-file.js`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await json(missing), envelope('not_found', 'Not found'));
  });

  it('logs in through /api/token and passes the upstream refusal through unchanged', async () => {
    const ok = await login('demo', 'demo123');
    assert.equal(ok.res.status, 200);
    assert.equal(ok.res.headers.get('cache-control'), 'no-store');
    assert.equal(claims(ok.body.access_token).TenantId, 'tomato.tpos.vn');

    const body = 'grant_type=password&username=demo&password=wrong-password-1';
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    };
    const viaProxy = await fetch(`${proxy}/api/token`, init);
    const direct = await fetch(`${sim.restUrl}/token`, init);
    assert.equal(viaProxy.status, 400);
    assert.equal(viaProxy.status, direct.status);
    assert.equal(await viaProxy.text(), await direct.text());
    secrets.add('wrong-password-1');
  });

  it('gives two users logging in at once each their own token', async () => {
    const [a, b] = await Promise.all([login('demo', 'demo123'), login('shop2', 'shop2pass')]);
    assert.equal(a.res.status, 200);
    assert.equal(b.res.status, 200);
    assert.deepEqual(
      [claims(a.body.access_token).UserName, claims(a.body.access_token).TenantId],
      ['demo', 'tomato.tpos.vn'],
    );
    assert.deepEqual(
      [claims(b.body.access_token).UserName, claims(b.body.access_token).TenantId],
      ['shop2', 'cachua.tpos.vn'],
    );
  });

  it('forwards an API call with exactly the clean header set', async () => {
    const { body: token } = await login('demo', 'demo123');
    const res = await fetch(`${proxy}/api/api-ms/chatomni/v1/conversations/search?x=1`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json',
        origin: ALLOWED,
        cookie: 'session=browser',
        'x-forwarded-for': '203.0.113.9',
        'cf-connecting-ip': '203.0.113.9',
        'sec-fetch-site': 'cross-site',
        'x-custom': '1',
      },
      body: JSON.stringify({ Keyword: null, Limit: 5, Type: 'all', Channels: [] }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(res.headers.get('set-cookie'), null);
    const data = (await res.json()) as { Data: unknown[] };
    assert.ok(Array.isArray(data.Data));
    const [got] = await simRequests(1);
    assert.equal(got?.method, 'POST');
    assert.equal(got?.path, '/api-ms/chatomni/v1/conversations/search');
    assert.deepEqual(got?.query, { x: '1' });
    const { 'content-length': length, ...headers } = got?.headers ?? {};
    assert.match(length ?? '', /^\d+$/);
    assert.deepEqual(headers, {
      host: new URL(simOrigin).host,
      authorization: 'Bearer <redacted>',
      'content-type': 'application/json',
      accept: 'application/json',
      origin: simOrigin,
      referer: `${simOrigin}/`,
      'x-tpos-lang': 'vi',
      'feature-version': '2',
      tposappversion: SIM_VERSION,
      // Added by workerd itself (Cloudflare adds it in production too).
      'cf-worker': 'chatomni-proxy-dev.example.com',
    });
  });

  it('removes every page token from GetAllFacebook before it leaves the Worker', async () => {
    const { body } = await login('demo', 'demo123');
    const path = '/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs';
    const init = { headers: { authorization: `Bearer ${body.access_token}` } };
    const direct = (await (await fetch(`${sim.restUrl}${path}`, init)).json()) as {
      value: { Childs: Record<string, unknown>[] }[];
    };
    const tokens = direct.value.flatMap((team) => team.Childs.map((p) => p.Facebook_PageToken));
    assert.ok(tokens.length >= 2);
    for (const token of tokens) secrets.add(String(token));
    const res = await fetch(`${proxy}/api${path}`, init);
    assert.equal(res.status, 200);
    const text = await res.text();
    for (const token of tokens) assert.equal(text.includes(String(token)), false);
    const withoutTokens = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (key: string, field: unknown) =>
        /token|secret/i.test(key) ? undefined : field,
      );
    assert.deepEqual(JSON.parse(text), withoutTokens(direct));
    assert.equal(/token|secret/i.test(text), false);
  });

  it('answers 404 outside the allowlist and 400 for traversal, without calling upstream', async () => {
    const [before] = await simRequests(1);
    const notFound = await fetch(`${proxy}/api/odata/Product`);
    assert.equal(notFound.status, 404);
    assert.deepEqual(await json(notFound), envelope('not_found', 'No such API path'));
    const traversal = await fetch(`${proxy}/api/api-ms/chatomni/v1/..%2f..%2ftoken`);
    assert.equal(traversal.status, 400);
    assert.deepEqual(
      await json(traversal),
      envelope('bad_request', 'Unsafe path: encoded slashes are not allowed'),
    );
    const [latest] = await simRequests(1);
    assert.deepEqual(latest, before);
  });

  it('answers CORS preflights for allowed origins and 403 for others', async () => {
    const preflight = await fetch(`${proxy}/api/api-ms/chatomni/v1/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
    const denied = await fetch(`${proxy}/api/api-ms/chatomni/v1/messages`, {
      headers: { origin: 'http://evil.example' },
    });
    assert.equal(denied.status, 403);
    assert.deepEqual(
      await json(denied),
      envelope('forbidden_origin', 'This origin may not use the proxy'),
    );
  });

  it('answers 413 over the 1 MiB default and 405 for a method the path does not allow', async () => {
    const big = await fetch(`${proxy}/api/api-ms/chatomni/v1/conversations/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1_048_577),
    });
    assert.equal(big.status, 413);
    assert.deepEqual(
      await json(big),
      envelope('payload_too_large', 'Request bodies are limited to 1048576 bytes'),
    );
    const put = await fetch(`${proxy}/api/odata/MailTemplate`, { method: 'PUT', body: '{}' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET');
  });

  it('answers 504 when the upstream is slower than UPSTREAM_TIMEOUT_MS', async () => {
    const fail = await fetch(`${sim.restUrl}/__sim/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        count: 1,
        status: 0,
        delayMs: 30_000,
        route: '/api/common/getstylestatusorder',
      }),
    });
    assert.equal(fail.ok, true);
    const res = await fetch(`${proxy}/api/api/common/getstylestatusorder`);
    assert.equal(res.status, 504);
    assert.deepEqual(
      await json(res),
      envelope('gateway_timeout', 'The upstream server did not answer in time'),
    );
  });

  it('carries a Socket.IO session through /ws/rt/ and delivers an emitted on-events', async () => {
    const { body } = await login('demo', 'demo123');
    const socket = connect('rt', body.access_token);
    await once(socket, 'connect');
    const event = once<string>(socket, 'on-events');
    const emitted = await fetch(`${sim.restUrl}/__sim/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ server: 'rt', kind: 'message', text: 'Xin chào shop' }),
    });
    assert.equal(emitted.ok, true);
    const payload = JSON.parse(await event) as { Message: { Message: string } };
    assert.equal(payload.Message.Message, 'Xin chào shop');
    socket.close();
  });

  it('hands the upstream the tenant Origin, no cookies and no token in the URL (/ws/chat/)', async () => {
    handshakes.length = 0;
    const socket = connect('chat', 'ws-token-xyz', { origin: ALLOWED, cookie: 'session=browser' });
    const hello = JSON.parse(await once<string>(socket, 'on-events')) as { Token: unknown };
    assert.deepEqual(hello.Token, { token: 'ws-token-xyz' });
    assert.equal(handshakes.length, 1);
    const [handshake] = handshakes;
    const url = new URL(handshake?.url ?? '', 'http://upstream');
    assert.equal(url.pathname, '/socket.io/');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      room: 'tomato.tpos.vn',
      EIO: '4',
      transport: 'websocket',
    });
    assert.equal(handshake?.headers.origin, simOrigin);
    assert.equal(handshake?.headers.cookie, undefined);
    socket.close();
  });

  it('closes the client when the upstream closes, and the upstream when the client closes', async () => {
    const kicked = connect('chat', 't1');
    await once(kicked, 'connect');
    const reason = once<string>(kicked, 'disconnect');
    kicked.emit('kick');
    assert.equal(await reason, 'io server disconnect');

    const leaving = connect('chat', 't2');
    await once(leaving, 'connect');
    const [server] = await chatUpstream.of('/chatomni').fetchSockets();
    assert.ok(server);
    const gone = new Promise<string>((resolve) =>
      chatUpstream.of('/chatomni').sockets.get(server.id)?.once('disconnect', resolve),
    );
    // Drop the WebSocket itself (no Socket.IO goodbye), as a closing tab would.
    leaving.io.engine.close();
    assert.equal(await gone, 'transport close');
  });

  it('refuses non-upgrade requests with 426 and disallowed origins with 403 on /ws/', async () => {
    const plain = await fetch(`${proxy}/ws/rt/socket.io/?EIO=4&transport=websocket`);
    assert.equal(plain.status, 426);
    assert.deepEqual(
      await json(plain),
      envelope('upgrade_required', 'This path only accepts WebSockets'),
    );
    const denied = await rawUpgrade('/ws/rt/socket.io/?EIO=4&transport=websocket', {
      origin: 'http://evil.example',
    });
    assert.equal(denied.status, 403);
  });

  it('answers 502 when the upstream port is closed', async () => {
    await sim.close();
    simClosed = true;
    const res = await fetch(`${proxy}/api/api/common/getpartnerstatus`);
    assert.equal(res.status, 502);
    assert.deepEqual(
      await json(res),
      envelope('bad_gateway', 'The upstream server could not be reached'),
    );
  });

  it('logs one JSON line per request, and never a password, token, username or query', () => {
    const text = output.text();
    // Found anywhere in a line: the test runner's own messages share the stream unbroken.
    const entries = (text.match(/\{"requestId"[^\n]*\}/g) ?? []).map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    const keys = ['requestId', 'method', 'route', 'status', 'upstreamStatus', 'target'];
    for (const entry of entries) {
      assert.deepEqual(
        Object.keys(entry).filter((key) => key !== 'durationMs' && key !== 'error'),
        keys.filter((key) => key in entry),
      );
      assert.match(String(entry.requestId), /^[0-9a-f-]{36}$/);
      assert.ok(Number.isInteger(entry.durationMs) && Number(entry.durationMs) >= 0);
    }
    const shape = ({ requestId: _, durationMs: __, ...rest }: Record<string, unknown>) => rest;
    const seen = entries.map(shape);
    assert.deepEqual(
      seen.find((e) => e.route === '/api/token' && e.status === 200),
      { method: 'POST', route: '/api/token', status: 200, upstreamStatus: 200 },
    );
    assert.deepEqual(
      seen.find((e) => e.target === 'rt'),
      {
        method: 'GET',
        route: '/ws/:target{rt|chat}/*',
        status: 101,
        upstreamStatus: 101,
        target: 'rt',
      },
    );
    assert.deepEqual(
      seen.find((e) => e.status === 504),
      { method: 'GET', route: '/api/*', status: 504 },
    );
    assert.deepEqual(
      seen.find((e) => e.status === 403 && e.method === 'GET'),
      { method: 'GET', route: '/*', status: 403 },
    );
    for (const secret of secrets) assert.equal(text.includes(secret), false, 'a secret was logged');
    assert.equal(/bearer /i.test(text), false);
    assert.equal(text.includes('shop2'), false, 'a username was logged');
    assert.equal(text.includes('session=browser'), false, 'a cookie was logged');
    assert.equal(text.includes('EIO=4'), false, 'a query string was logged');
  });
});
