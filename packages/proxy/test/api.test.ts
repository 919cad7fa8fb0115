import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { ALLOWLIST } from '../src/upstream/allowlist.js';
import { envelope, json, testEnv } from './support/env.js';
import { closedPortUrl, startUpstream, type TestUpstream } from './support/upstream.js';

const app = createApp({ log: () => {} });
let upstream: TestUpstream;
let env: Env;

before(async () => {
  upstream = await startUpstream();
  env = testEnv({ TPOS_API_BASE: upstream.url, MAX_BODY_BYTES: '1000' });
});
after(() => upstream.close());
beforeEach(() => {
  upstream.received.length = 0;
  upstream.respond({});
});

/** A path under each allowlist rule, with a method it allows. */
const allowed = ALLOWLIST.map((rule) => ({
  method: rule.methods[0] ?? 'GET',
  path: rule.path.endsWith('/') ? `${rule.path}v1/x` : rule.path,
}));

describe('/api/* allowlist', () => {
  it('forwards every allowlisted path with its method and query to the tenant', async () => {
    for (const { method, path } of allowed) {
      upstream.received.length = 0;
      const body = method === 'POST' ? '{"a":1}' : undefined;
      const res = await app.request(`/api${path}?$top=1&x=%C3%A1`, { method, body }, env);
      assert.equal(res.status, 200, path);
      assert.deepEqual(await json(res), { ok: true });
      assert.equal(upstream.received.length, 1, path);
      assert.equal(upstream.received[0]?.method, method);
      assert.equal(upstream.received[0]?.url, `${path}?$top=1&x=%C3%A1`);
      assert.equal(upstream.received[0]?.body, body ?? '');
    }
  });

  it('answers 404 for paths outside the allowlist without calling upstream', async () => {
    const paths = [
      '/api/token/',
      '/api/odata/Product',
      '/api/odata/CRMTeam',
      '/api/odata/SaleOnline_Order(1)',
      '/api/odata/crmteam/ODataService.GetAllFacebook',
      '/api/odata/MailTemplate/x',
      '/api/rest/v2.0/chatomni/info/',
      '/api/api-ms/chatomni/',
      '/api/api-ms/other/v1',
      '/api/api/common/getpartnerstatus2',
      '/api/',
      '/api',
    ];
    for (const path of paths) {
      const res = await app.request(path, {}, env);
      assert.equal(res.status, 404, path);
      assert.deepEqual(await json(res), envelope('not_found', 'No such API path'), path);
    }
    assert.equal(upstream.received.length, 0);
  });

  it('answers 405 with Allow for a method the path does not allow', async () => {
    const cases = [
      ['PUT', '/api/api-ms/chatomni/v1/conversations/search', 'GET, POST'],
      ['DELETE', '/api/api-ms/chatomni/v1/messages', 'GET, POST'],
      ['POST', '/api/odata/CRMTeam/ODataService.GetAllFacebook', 'GET'],
      ['GET', '/api/odata/SaleOnline_Order', 'POST'],
      ['PATCH', '/api/rest/v2.0/facebook-graph/comment/reply', 'POST'],
    ] as const;
    for (const [method, path, allow] of cases) {
      const res = await app.request(path, { method }, env);
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow);
      assert.deepEqual(
        await json(res),
        envelope('method_not_allowed', `Allowed methods: ${allow}`),
      );
    }
    assert.equal(upstream.received.length, 0);
  });

  it('refuses traversal and ambiguous encodings with 400 before matching', async () => {
    const cases = [
      ['/api/api-ms/chatomni/v1/..%2f..%2ftoken', 'encoded slashes are not allowed'],
      ['/api/api-ms/chatomni/v1/.%2E./x', 'encoded dots are not allowed'],
      ['/api/api-ms/chatomni/v1/a%5c..%5ctoken', 'backslashes are not allowed'],
      ['/api/api-ms/chatomni/v1//token', 'empty path segments are not allowed'],
      ['/api//odata/MailTemplate', 'empty path segments are not allowed'],
      ['/api/api-ms/chatomni/v1/%252e%252e/token', 'double encoding is not allowed'],
      ['/api/api-ms/chatomni/v1/%00', 'control characters are not allowed'],
      ['/api/api-ms/chatomni/v1/%zz', 'malformed percent-encoding'],
    ] as const;
    for (const [path, reason] of cases) {
      const res = await app.request(path, {}, env);
      assert.equal(res.status, 400, path);
      assert.deepEqual(await json(res), envelope('bad_request', `Unsafe path: ${reason}`), path);
    }
    assert.equal(upstream.received.length, 0);
  });

  it('resolves plain dot segments before routing, so they cannot leave /api/', async () => {
    // The URL parser has already applied `..` (also `%2e%2e`): this is GET /token.
    for (const path of ['/api/api-ms/chatomni/../../../token', '/api/odata/%2e%2e/%2E%2E/token']) {
      const res = await app.request(path, {}, env);
      assert.equal(res.status, 404, path);
      assert.deepEqual(await json(res), envelope('not_found', 'Not found'));
    }
    assert.equal(upstream.received.length, 0);
  });

  it('refuses credentials in the query string', async () => {
    for (const name of ['access_token', 'Token', 'refresh_token', 'password']) {
      const res = await app.request(`/api/api-ms/chatomni/v1/messages?${name}=x`, {}, env);
      assert.equal(res.status, 400, name);
      assert.deepEqual(
        await json(res),
        envelope('bad_request', 'Credentials must not be sent in the URL'),
      );
    }
    assert.equal(upstream.received.length, 0);
  });
});

describe('/api/* headers', () => {
  it('sends the clean header set: only Authorization, Content-Type, Accept from the browser', async () => {
    const res = await app.request(
      '/api/api-ms/chatomni/v1/conversations/search',
      {
        method: 'POST',
        headers: {
          authorization: 'Bearer user-a',
          'content-type': 'application/json',
          accept: 'application/json',
          cookie: 'session=browser',
          host: 'proxy.example',
          'cf-connecting-ip': '203.0.113.9',
          'x-forwarded-for': '203.0.113.9',
          'x-forwarded-host': 'proxy.example',
          'sec-fetch-site': 'cross-site',
          'x-request-id': 'abc',
          'x-custom': '1',
          referer: 'https://shop.example/page',
        },
        body: '{"Limit":50}',
      },
      env,
    );
    assert.equal(res.status, 200);
    const got = upstream.received[0]?.headers ?? {};
    const origin = new URL(upstream.url).origin;
    assert.equal(got.authorization, 'Bearer user-a');
    assert.equal(got['content-type'], 'application/json');
    assert.equal(got.accept, 'application/json');
    assert.equal(got.origin, origin);
    assert.equal(got.referer, `${origin}/`);
    assert.equal(got['x-tpos-lang'], 'vi');
    assert.equal(got['feature-version'], '2');
    assert.equal(got['tposappversion'], '6.5.11.2');
    assert.equal(got.host, new URL(upstream.url).host);
    for (const name of [
      'cookie',
      'cf-connecting-ip',
      'x-forwarded-for',
      'x-forwarded-host',
      'x-request-id',
      'x-custom',
    ]) {
      assert.equal(got[name], undefined, name);
    }
    assert.notEqual(got['sec-fetch-site'], 'cross-site');
  });

  it('passes the upstream status and body through, without cookies or hop-by-hop headers', async () => {
    upstream.respond({
      status: 401,
      headers: {
        'set-cookie': ['ARRAffinity=1; Path=/', 'x=2'],
        'x-upstream': 'kept',
        'access-control-allow-origin': '*',
        connection: 'close, x-hop',
        'x-hop': 'dropped',
        'x-powered-by': 'ASP.NET',
      },
      body: '{"error":{"code":"UnexpectedError","message":"nope"}}',
    });
    const res = await app.request('/api/api-ms/chatomni/v1/messages', {}, env);
    assert.equal(res.status, 401);
    assert.equal(await res.text(), '{"error":{"code":"UnexpectedError","message":"nope"}}');
    assert.equal(res.headers.get('x-upstream'), 'kept');
    // Exactly: the upstream's own headers, then the proxy's (security, CORS, request id).
    assert.deepEqual([...res.headers.keys()].sort(), [
      'content-security-policy',
      'content-type',
      'cross-origin-resource-policy',
      'date',
      'strict-transport-security',
      'vary',
      'x-content-type-options',
      'x-request-id',
      'x-upstream',
    ]);
  });

  it('passes a compressed answer on decoded, without its encoding headers', async () => {
    const body = '{"Data":[' + '{"Id":"x"},'.repeat(200) + '{"Id":"y"}]}';
    upstream.respond({
      headers: { 'content-encoding': 'gzip', 'content-length': String(gzipSync(body).length) },
      body: gzipSync(body),
    });
    const res = await app.request('/api/api-ms/chatomni/v1/messages', {}, env);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), null);
    assert.equal(res.headers.get('content-length'), null);
    assert.equal(await res.text(), body);
  });

  it('learns a valid tposappversion from a response and ignores invalid ones', async () => {
    const learner = await startUpstream();
    const learnEnv = testEnv({ TPOS_API_BASE: learner.url, TPOSAPPVERSION_DEFAULT: '5.10.26.1' });
    const sent = async () => {
      await (await app.request('/api/api/common/getpartnerstatus', {}, learnEnv)).text();
      return learner.received.at(-1)?.headers.tposappversion;
    };
    try {
      learner.respond({ headers: { tposappversion: '6.5.11' } });
      assert.equal(await sent(), '5.10.26.1');
      learner.respond({ headers: { tposappversion: '6.5.11.2' } });
      assert.equal(await sent(), '5.10.26.1');
      learner.respond({ headers: { tposappversion: '1.2.3.4 <script>' } });
      assert.equal(await sent(), '6.5.11.2');
      assert.equal(await sent(), '6.5.11.2');
      // Per upstream: another tenant still gets its own default.
      await app.request('/api/api/common/getpartnerstatus', {}, env);
      assert.equal(upstream.received.at(-1)?.headers.tposappversion, '6.5.11.2');
    } finally {
      await learner.close();
    }
  });
});

describe('/api/* limits and failures', () => {
  it('answers 413 to a body over MAX_BODY_BYTES without calling upstream', async () => {
    const res = await app.request(
      '/api/api-ms/chatomni/v1/conversations/search',
      { method: 'POST', body: 'x'.repeat(1001), headers: { 'content-type': 'application/json' } },
      env,
    );
    assert.equal(res.status, 413);
    assert.deepEqual(
      await json(res),
      envelope('payload_too_large', 'Request bodies are limited to 1000 bytes'),
    );
    assert.equal(upstream.received.length, 0);
  });

  it('answers 413 to a streamed body (no Content-Length) over the limit', async () => {
    const chunk = new TextEncoder().encode('y'.repeat(600));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await app.request(
      '/api/api-ms/chatomni/v1/conversations/search',
      { method: 'POST', body, duplex: 'half' } as RequestInit,
      env,
    );
    assert.equal(res.status, 413);
    assert.equal(upstream.received.length, 0);
  });

  it('forwards a body of exactly MAX_BODY_BYTES', async () => {
    const body = 'z'.repeat(1000);
    const res = await app.request(
      '/api/api-ms/chatomni/v1/conversations/search',
      { method: 'POST', body },
      env,
    );
    assert.equal(res.status, 200);
    assert.equal(upstream.received[0]?.body, body);
  });

  it('answers 502 bad_gateway when the upstream is unreachable', async () => {
    const res = await app.request(
      '/api/api-ms/chatomni/v1/messages',
      {},
      testEnv({ TPOS_API_BASE: await closedPortUrl() }),
    );
    assert.equal(res.status, 502);
    assert.deepEqual(
      await json(res),
      envelope('bad_gateway', 'The upstream server could not be reached'),
    );
  });

  it('answers 504 gateway_timeout when the upstream is slower than UPSTREAM_TIMEOUT_MS', async () => {
    upstream.respond({ hang: true });
    const res = await app.request(
      '/api/api-ms/chatomni/v1/messages',
      {},
      testEnv({ TPOS_API_BASE: upstream.url, UPSTREAM_TIMEOUT_MS: '200' }),
    );
    assert.equal(res.status, 504);
    assert.deepEqual(
      await json(res),
      envelope('gateway_timeout', 'The upstream server did not answer in time'),
    );
    assert.equal(upstream.received.length, 1);
  });
});
