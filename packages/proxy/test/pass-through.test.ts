import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { passThrough } from '../src/pass-through.js';
import { ALLOWLIST } from '../src/upstream/allowlist.js';
import { testEnv } from './support/env.js';
import { closedPortUrl, startUpstream, type TestUpstream } from './support/upstream.js';

let upstream: TestUpstream;
let env: Env;
const PROXY = 'http://proxy.example';
const SEARCH = '/api/api-ms/chatomni/v1/conversations/search';

before(async () => {
  upstream = await startUpstream();
  env = testEnv({
    TPOS_API_BASE: upstream.url,
    ALLOWED_ORIGINS: 'https://shop.example',
    MAX_BODY_BYTES: '1000',
  });
});
after(() => upstream.close());
beforeEach(() => upstream.respond({}));

/**
 * A POST of `body` to `path` on the proxy, with `headers` and its `Content-Length`, as
 * workerd hands a request to the Worker (Node's Request leaves it to the sender).
 */
function post(path: string, headers: Record<string, string> = {}, body = '{"Limit":50}') {
  return new Request(`${PROXY}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
    body,
  });
}

/** Whether the hot path takes `request` (a Promise) or leaves it to the app (undefined). */
function taken(request: Request, vars: Env = env): boolean {
  const answer = passThrough(request, vars, () => {});
  void answer?.then((res) => res.body?.cancel());
  return answer !== undefined;
}

describe('the pass-through hot path', () => {
  it('takes a plain allowlisted request, with or without an allowed Origin', () => {
    assert.equal(taken(post(SEARCH)), true);
    assert.equal(taken(post(SEARCH, { origin: 'https://shop.example' })), true);
    assert.equal(taken(post(SEARCH, { origin: PROXY })), true);
    assert.equal(taken(new Request(`${PROXY}/api/odata/MailTemplate?$top=5`)), true);
  });

  it('leaves everything else to the app, untouched', async () => {
    const before = upstream.received.length;
    const stream = new ReadableStream({ start: (c) => c.close() });
    const leftToApp = [
      post(SEARCH, { origin: 'https://evil.example' }),
      new Request(`${PROXY}${SEARCH}`, { method: 'OPTIONS', headers: { origin: PROXY } }),
      new Request(`${PROXY}/api/odata/MailTemplate`, { method: 'POST', body: '{}' }),
      new Request(`${PROXY}/api/odata/CRMTeam/ODataService.GetAllFacebook`),
      post('/api/odata/Nope'),
      post('/api/api-ms/chatomni/v1/a/..%2ftoken'),
      post(`${SEARCH}?access_token=x`),
      post('/api/token'),
      post('/api/send'),
      post(SEARCH, {}, 'x'.repeat(1001)),
      new Request(`${PROXY}${SEARCH}`, { method: 'POST', body: stream, duplex: 'half' } as never),
      new Request(`${PROXY}/ws/rt/socket.io/`),
      new Request(`${PROXY}/health`),
    ];
    for (const request of leftToApp) assert.equal(taken(request), false, request.url);
    assert.equal(taken(post(SEARCH), testEnv({})), false, 'misconfigured');
    assert.equal(upstream.received.length, before);
  });

  /** Status, body, headers (the request id is the caller's) and log line of `request`. */
  async function outcome(fast: boolean, request: () => Request, vars: Env = env) {
    const lines: string[] = [];
    const app = createApp({ log: (line) => lines.push(line), passThrough: fast });
    const res = await app.request(request(), undefined, vars);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    delete line.durationMs;
    const headers = [...res.headers].filter(([name]) => name !== 'date');
    return { status: res.status, body: await res.text(), headers, line, lines: lines.length };
  }

  it('answers and logs every allowlisted path exactly as the app does', async () => {
    upstream.respond({
      status: 401,
      headers: {
        'set-cookie': ['a=1; Path=/'],
        connection: 'close, x-hop',
        'x-hop': '1',
        'x-powered-by': 'ASP.NET',
        'x-frame-options': 'DENY',
        vary: 'Accept-Encoding',
        'x-upstream': 'kept',
      },
      body: '{"error":"nope"}',
    });
    const requests = ALLOWLIST.filter((rule) => !rule.stripSecrets).flatMap((rule) => {
      const path = `/api${rule.path.endsWith('/') ? `${rule.path}v1/x` : rule.path}?a=1`;
      return rule.methods.map((method) => (origin?: string) => {
        const headers = { 'x-request-id': 'req-1', ...(origin ? { origin } : {}) };
        return method === 'GET' ? new Request(`${PROXY}${path}`, { headers }) : post(path, headers);
      });
    });
    for (const make of requests) {
      for (const origin of [undefined, 'https://shop.example']) {
        const fast = await outcome(true, () => make(origin));
        assert.equal(fast.line.route, '/api/*');
        assert.equal(fast.line.upstreamStatus, 401);
        // Every header, with Hono's secureHeaders' values (the app's chain runs it).
        assert.deepEqual(
          fast.headers.map(([name]) => name),
          [
            ...(origin ? ['access-control-allow-origin', 'access-control-expose-headers'] : []),
            'content-security-policy',
            'content-type',
            'cross-origin-resource-policy',
            'strict-transport-security',
            'vary',
            'x-content-type-options',
            'x-frame-options',
            'x-request-id',
            'x-upstream',
          ],
        );
        assert.equal(new Headers(fast.headers).get('x-frame-options'), 'DENY', 'upstream’s own');
        assert.deepEqual(fast, await outcome(false, () => make(origin)), make(origin).url);
      }
    }
  });

  it('answers a deadline and an unreachable upstream as the app does', async () => {
    upstream.respond({ hang: true });
    const slow = testEnv({ TPOS_API_BASE: upstream.url, UPSTREAM_TIMEOUT_MS: '100' });
    const closed = testEnv({ TPOS_API_BASE: await closedPortUrl() });
    for (const vars of [slow, closed]) {
      const request = () => post(SEARCH, { 'x-request-id': 'req-2' });
      const fast = await outcome(true, request, vars);
      assert.equal(fast.status, vars === slow ? 504 : 502);
      assert.deepEqual(fast, await outcome(false, request, vars));
    }
  });
});
