import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { envelope, json, testEnv } from './support/env.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

const app = createApp({ log: () => {} });
let upstream: TestUpstream;
let listed: Env;
let sameOnly: Env;
let wildcard: Env;
const API = '/api/api-ms/chatomni/v1/messages';

before(async () => {
  upstream = await startUpstream();
  listed = testEnv({
    TPOS_API_BASE: upstream.url,
    ALLOWED_ORIGINS: ' https://shop.example , https://admin.example/ ',
  });
  sameOnly = testEnv({ TPOS_API_BASE: upstream.url, ALLOWED_ORIGINS: '' });
  wildcard = testEnv({ TPOS_API_BASE: upstream.url, ALLOWED_ORIGINS: '*' });
});
after(() => upstream.close());

describe('CORS', () => {
  it('allows a listed origin, echoing it without credentials', async () => {
    for (const origin of ['https://shop.example', 'https://admin.example']) {
      const res = await app.request(`http://proxy.example${API}`, { headers: { origin } }, listed);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
      assert.equal(
        res.headers.get('access-control-expose-headers'),
        'X-Request-Id,Retry-After,Idempotent-Replayed',
      );
      assert.equal(res.headers.get('vary'), 'Origin');
    }
  });

  it('always allows the proxy’s own origin', async () => {
    const res = await app.request(
      `http://proxy.example:8080${API}`,
      { headers: { origin: 'http://proxy.example:8080' } },
      sameOnly,
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://proxy.example:8080');
  });

  it('answers 403 forbidden_origin to any other origin, before calling upstream', async () => {
    const before = upstream.received.length;
    for (const [origin, env] of [
      ['https://evil.example', listed],
      ['https://shop.example.evil.example', listed],
      ['http://shop.example', listed],
      ['null', listed],
      ['https://shop.example', sameOnly],
      ['http://proxy.example:8081', sameOnly],
    ] as const) {
      const res = await app.request(
        `http://proxy.example:8080${API}`,
        { headers: { origin } },
        env,
      );
      assert.equal(res.status, 403, origin);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(
        await json(res),
        envelope('forbidden_origin', 'This origin may not use the proxy'),
      );
    }
    assert.equal(upstream.received.length, before);
  });

  it('refuses a disallowed origin on preflights, WebSockets and /health too', async () => {
    const origin = 'https://evil.example';
    const requests: [string, RequestInit][] = [
      [API, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } }],
      ['/ws/rt/socket.io/?EIO=4', { headers: { origin, upgrade: 'websocket' } }],
      ['/health', { headers: { origin } }],
    ];
    for (const [path, init] of requests) {
      const res = await app.request(path, init, listed);
      assert.equal(res.status, 403, path);
    }
  });

  it('lets requests without Origin through (non-browser clients)', async () => {
    const res = await app.request(API, {}, listed);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const res = await app.request(
      API,
      {
        method: 'OPTIONS',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      },
      listed,
    );
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET,POST,OPTIONS');
    assert.equal(
      res.headers.get('access-control-allow-headers'),
      'Authorization,Content-Type,Accept,Idempotency-Key',
    );
    assert.equal(res.headers.get('access-control-max-age'), '600');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });

  it('uses * only when configured, and never with credentials', async () => {
    const res = await app.request(API, { headers: { origin: 'https://any.example' } }, wildcard);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });
});
