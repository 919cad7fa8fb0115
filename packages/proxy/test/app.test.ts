import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { PROXY_VERSION } from '../src/version.js';
import { envelope, json, testEnv } from './support/env.js';

const app = createApp({ log: () => {} });
const env = testEnv({
  TPOS_API_BASE: 'https://cachua.tpos.vn',
  TPOS_RT_WS: 'wss://rt.example.test',
  TPOS_CHAT_WS: 'ws://127.0.0.1:8093',
  GRAPH_API_BASE: 'http://127.0.0.1:8094',
});

describe('routing and the error envelope', () => {
  it('answers GET /health with the version and upstream hosts only', async () => {
    const res = await app.request('/health', {}, env);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await json(res), {
      ok: true,
      name: '@chatomni/proxy',
      version: PROXY_VERSION,
      upstream: {
        api: 'cachua.tpos.vn',
        rt: 'rt.example.test',
        chat: '127.0.0.1:8093',
        graph: '127.0.0.1:8094',
      },
    });
  });

  it('keeps PROXY_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(PROXY_VERSION, pkg.version);
  });

  it('answers 405 with Allow for POST /health', async () => {
    const res = await app.request('/health', { method: 'POST' }, env);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.deepEqual(await json(res), envelope('method_not_allowed', 'Allowed methods: GET, HEAD'));
  });

  it('answers unknown paths with a JSON 404 envelope', async () => {
    for (const path of ['/', '/index.html', '/ws/other/socket.io/', '/health/x', '/apix']) {
      const res = await app.request(path, {}, env);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await json(res), envelope('not_found', 'Not found'), path);
    }
  });

  it('sets security headers and a request id on every response', async () => {
    const res = await app.request('/nope', {}, env);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(
      res.headers.get('content-security-policy'),
      "default-src 'none'; frame-ancestors 'none'",
    );
    assert.equal(
      res.headers.get('strict-transport-security'),
      'max-age=15552000; includeSubDomains',
    );
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
    // Superseded by CSP frame-ancestors, and meaningless for JSON (README, SECURE_HEADERS).
    assert.equal(res.headers.get('x-frame-options'), null);
    assert.equal(res.headers.get('referrer-policy'), null);
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers 500 misconfigured naming TPOS_API_BASE when no shop is configured', async () => {
    for (const vars of [{}, { TPOS_API_BASE: '' }]) {
      const res = await app.request('/health', {}, testEnv(vars));
      assert.equal(res.status, 500);
      assert.deepEqual(await json(res), envelope('misconfigured', 'TPOS_API_BASE is not set'));
    }
  });

  it('answers a misconfigured deployment with 500 naming the var, not its value', async () => {
    const res = await app.request('/health', {}, testEnv({ TPOS_API_BASE: 'ftp://secret@x' }));
    assert.equal(res.status, 500);
    assert.deepEqual(
      await json(res),
      envelope('misconfigured', 'TPOS_API_BASE must use https: or http:'),
    );
  });
});

describe('WebSocket routes without a WebSocket', () => {
  it('answers 426 upgrade_required to a plain GET on /ws/rt/ and /ws/chat/', async () => {
    for (const path of ['/ws/rt/socket.io/?EIO=4', '/ws/chat/socket.io/', '/ws/rt']) {
      const res = await app.request(path, {}, env);
      assert.equal(res.status, 426, path);
      assert.equal(res.headers.get('upgrade'), 'websocket');
      assert.deepEqual(
        await json(res),
        envelope('upgrade_required', 'This path only accepts WebSockets'),
      );
    }
  });

  it('answers 405 to other methods', async () => {
    const res = await app.request('/ws/rt/socket.io/', { method: 'POST', body: 'x' }, env);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET');
  });

  it('refuses a token in the query string', async () => {
    const res = await app.request(
      '/ws/rt/socket.io/?EIO=4&transport=websocket&token=abc',
      { headers: { upgrade: 'websocket' } },
      env,
    );
    assert.equal(res.status, 400);
    assert.deepEqual(
      await json(res),
      envelope('bad_request', 'Credentials must not be sent in the URL'),
    );
  });
});

describe('logging', () => {
  /** The app, with every line it logs. */
  function logged() {
    const lines: string[] = [];
    return { app: createApp({ log: (line) => lines.push(line) }), lines };
  }

  it('logs one JSON line: id, method, route pattern, status, duration; never query, headers or body', async () => {
    const { app: logging, lines } = logged();
    const headers = {
      authorization: 'Bearer SECRET-TOKEN',
      cookie: 'session=COOKIE-VALUE',
      'content-type': 'text/plain',
      'x-request-id': 'req-1',
    };
    const body = 'grant_type=password&username=shopowner&password=hunter2';
    // Refused by the route (wrong Content-Type), then by the URL guard on /api/* (credential).
    await logging.request('/api/token', { method: 'POST', headers, body }, env);
    await logging.request('/api/token?password=hunter2', { method: 'POST', headers, body }, env);
    assert.equal(lines.length, 2);
    assert.match(
      lines[0] ?? '',
      /^\{"requestId":"req-1","method":"POST","route":"\/api\/token","status":400,"durationMs":\d+\}$/,
    );
    assert.match(
      lines[1] ?? '',
      /^\{"requestId":"req-1","method":"POST","route":"\/api\/\*","status":400,"durationMs":\d+\}$/,
    );
    for (const secret of ['hunter2', 'SECRET-TOKEN', 'COOKIE-VALUE', 'shopowner', '?', 'grant']) {
      assert.equal(lines.join('\n').includes(secret), false, secret);
    }
  });

  it('logs the pattern of a parameterized route, not the path', async () => {
    const { app: logging, lines } = logged();
    await logging.request('/ws/chat/socket.io/?EIO=4&room=secret-room', {}, env);
    await logging.request('/api/odata/Product?$top=1', {}, env);
    await logging.request('/no/such/page', {}, env);
    assert.deepEqual(
      lines.map((line) => {
        const { requestId, durationMs, ...rest } = JSON.parse(line) as Record<string, unknown>;
        assert.match(String(requestId), /^[0-9a-f-]{36}$/);
        assert.equal(typeof durationMs, 'number');
        return rest;
      }),
      [
        { method: 'GET', route: '/ws/:target{rt|chat}/*', status: 426 },
        { method: 'GET', route: '/api/*', status: 404 },
        { method: 'GET', route: '/*', status: 404 },
      ],
    );
  });

  it('names the missing or invalid var of a misconfigured deployment in the same line', async () => {
    const { app: logging, lines } = logged();
    for (const vars of [{}, { TPOS_API_BASE: 'ftp://secret@x' }]) {
      const init = { headers: { 'x-request-id': 'req-2' } };
      assert.equal((await logging.request('/health', init, testEnv(vars))).status, 500);
    }
    const line = (error: string) =>
      `{"requestId":"req-2","method":"GET","route":"/*","status":500,"durationMs":0,"error":"${error}"}`;
    assert.deepEqual(
      lines.map((entry) => entry.replace(/"durationMs":\d+/, '"durationMs":0')),
      [
        line('ConfigError: TPOS_API_BASE is not set'),
        line('ConfigError: TPOS_API_BASE must use https: or http:'),
      ],
    );
  });
});
