/**
 * Proxy fuzz: fast-check generated requests (traversal, encoded slashes, doubled `/api`,
 * unicode, odd methods, hostile header sets, oversized and malformed bodies, foreign origins)
 * in front of a real simulator, twice: through the proxy's Hono app in Node (`app.request`,
 * whose `Request` normalizes the URL first), and through the real proxy in workerd (wrangler)
 * over raw HTTP, so `..`, `%2e` and doubled slashes reach workerd exactly as written.
 * Checks that only allowlisted upstream paths are ever reached (the simulator's request log),
 * that every refusal is a 4xx JSON `{"error":{"code","message"}}`, and that no response body or
 * log line carries the password or the token.
 */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { simulatorUpstream, startProxy, type RunningProxy } from '../stack/index.js';

/** The part of the proxy's API this test uses. */
interface ProxyModule {
  createApp(options: { log: (line: string) => void }): {
    request(url: string, init: RequestInit, env: Record<string, string>): Promise<Response>;
  };
  findRule(path: string): { methods: readonly string[] } | undefined;
}

// Loaded through a variable so that the root tsconfig (DOM + Node types) does not typecheck the
// proxy's sources, which need the Workers types of packages/proxy/tsconfig.json.
const proxySource = '../../packages/proxy/src/index.js';
const allowlistSource = '../../packages/proxy/src/upstream/allowlist.js';
const { createApp } = (await import(proxySource)) as Pick<ProxyModule, 'createApp'>;
const { findRule } = (await import(allowlistSource)) as Pick<ProxyModule, 'findRule'>;

const SEED = 4242;
/** The demo site the proxy serves as static assets. */
const SITE = new URL('../../dist/site', import.meta.url).pathname;
const RUNS = 400;
const PASSWORD = 'demo123';
const ORIGIN = 'https://shop.example';

let sim: RunningSimulator;
const logs: string[] = [];
const app = createApp({ log: (line) => logs.push(line) });
let env: Record<string, string>;
let token = '';

before(async () => {
  sim = await startSimulator({ conversations: 20, log: (line) => logs.push(line) });
  env = {
    TPOS_API_BASE: sim.restUrl,
    TPOS_RT_WS: sim.rtUrl.replace(/^http/, 'ws'),
    TPOS_CHAT_WS: sim.chatUrl.replace(/^http/, 'ws'),
    ALLOWED_ORIGINS: ORIGIN,
    UPSTREAM_TIMEOUT_MS: '5000',
    MAX_BODY_BYTES: '65536',
  };
  const res = await app.request(
    '/api/token',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=tmtWebApp&grant_type=password&username=demo&password=${PASSWORD}&scope=profile`,
    },
    env,
  );
  assert.equal(res.status, 200);
  token = ((await res.json()) as { access_token: string }).access_token;
  assert.ok(token.length > 20);
});
after(() => sim.close());

const ALLOWED_PATHS = [
  '/api-ms/chatomni/v1/conversations/search',
  '/api-ms/chatomni/v1/messages',
  '/odata/CRMTeam/ODataService.GetAllFacebook',
  '/odata/MailTemplate',
  '/api/common/getpartnerstatus',
  '/rest/v2.0/chatomni/info/1_2',
  '/odata/SaleOnline_Order',
];
const SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%2f',
  '%2F..',
  '%5c',
  '\\..',
  '',
  '__sim',
  'emit',
  'reset-counters',
  'token',
  'api',
  'api-ms',
  'chatomni',
  'odata',
  'Product',
  'CRMTeam',
  '%252e%252e',
  '%00',
  '%0a',
  '%',
  '%zz',
  'ｃｈａｔｏｍｎｉ',
  'chat\u202eomni',
  'ư',
  '%C3%A1',
  ';x=1',
  'a?b',
  '#frag',
];

const path = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ALLOWED_PATHS).map((p) => `/api${p}`) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...ALLOWED_PATHS, '', '/token', '/__sim/counters'),
        fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 }),
        fc.nat(3),
      )
      .map(([base, segs, where]) => {
        const parts = base.split('/');
        parts.splice(Math.min(where + 1, parts.length), 0, ...segs);
        return `/api${parts.join('/')}`;
      }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '/api/api/api-ms/chatomni/v1/messages',
      '/api//api-ms/chatomni/v1/messages',
      '/api/api-ms/chatomni/',
      '/api/api-ms/chatomni/../../__sim/reset-counters',
      '/api/api-ms/chatomni/%2e%2e/%2e%2e/__sim/counters',
      '/api/api-ms/chatomni/..%2f..%2f__sim%2fcounters',
      '/api/odata/SaleOnline_Order/../../__sim/emit',
      '/api/__sim/emit',
      '/api/token/../__sim/counters',
      '/API/api-ms/chatomni/v1/messages',
      '/api/Api-Ms/chatomni/v1/messages',
      '/__sim/counters',
      '/ws/rt/../../__sim/counters',
      '/ws/chat/socket.io/?EIO=4&transport=polling',
      '/health/../api/__sim/counters',
    ),
  },
  { weight: 1, arbitrary: fc.webPath().map((p) => `/api${p.startsWith('/') ? p : `/${p}`}`) },
);
const query = fc.oneof(
  fc.constant(''),
  fc.constant('?limit=1'),
  fc.constant(`?access_token=TOKEN`),
  fc.constant(`?password=${PASSWORD}`),
  fc.constant('?x=%zz&y=%00'),
  fc.webQueryParameters().map((q) => `?${q}`),
);
const method = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'HEAD',
  'PROPFIND',
);
const headers = fc.record(
  {
    origin: fc.oneof(
      { weight: 4, arbitrary: fc.constant(ORIGIN) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('https://evil.example', 'null', '*', `${ORIGIN}.evil.example`),
      },
    ),
    authorization: fc.constantFrom(
      'Bearer TOKEN',
      'Bearer TOKEN',
      'Bearer TOKEN',
      'Bearer',
      'Basic ZGVtbzpkZW1vMTIz',
      'TOKEN',
    ),
    cookie: fc.constantFrom('session=abc', `token=TOKEN`),
    'content-type': fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-7',
    ),
    'x-forwarded-for': fc.constant('10.0.0.1'),
    'x-forwarded-host': fc.constant('evil.example'),
    'access-control-request-method': fc.constantFrom('POST', 'DELETE'),
    'x-http-method-override': fc.constantFrom('DELETE', 'PUT'),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.constant('{"Limit":1}'),
  fc.constant('{"Limit":'),
  fc.constant(`username=demo&password=${PASSWORD}&grant_type=password`),
  fc.constant('x'.repeat(70_000)),
  fc.constant(JSON.stringify({ a: 'Ư'.repeat(30_000) })),
  fc.string({ maxLength: 50 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);
const request = fc.record({ path, query, method, headers, body });

/** Replaces the TOKEN placeholder by the real token. */
const withToken = (text: string) => text.replaceAll('TOKEN', token);

/** A generated request, with the TOKEN placeholders replaced. */
interface Sample {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function materialize(r: (typeof samples)[number]): Sample {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) h[k] = withToken(v);
  const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
  return {
    method: r.method,
    url: withToken(`${r.path}${r.query}`),
    headers: h,
    body: hasBody ? withToken(r.body!) : undefined,
  };
}

const samples = fc.sample(request, { numRuns: RUNS, seed: SEED });

/**
 * One raw HTTP/1.1 request on a kept-alive connection: the path goes on the request line as
 * written (non-ASCII escaped).
 */
function rawRequest(origin: string, r: Sample): Promise<{ status: number; text: string }> {
  const base = new URL(origin);
  const path = r.url.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  // Node frames no body of a DELETE or OPTIONS without an explicit length (it would be read
  // as the start of the next request on the connection).
  const headers =
    r.body === undefined
      ? r.headers
      : { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, method: r.method, path, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Where the URL lands after the runtime's URL parsing: a file of the demo site (not the Worker's routes). */
function isStaticFile(url: string): boolean {
  const path = new URL(url, 'http://proxy.invalid').pathname;
  if (/^\/(api|ws)\/|^\/health$/u.test(path)) return false;
  const file = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
  return existsSync(join(SITE, file)) && statSync(join(SITE, file)).isFile();
}

/**
 * Sends every sample through `send`, checks the answers and what reached the simulator, and
 * returns a report line.
 */
async function fuzz(
  name: string,
  send: (r: Sample) => Promise<{ status: number; text: string }>,
): Promise<string> {
  await fetch(`${sim.restUrl}/__sim/reset-counters`, { method: 'POST', body: '{}' });
  const statuses = new Map<number, number>();
  let refused = 0;
  let staticRefusals = 0;
  for (const r of samples.map(materialize)) {
    let answer: { status: number; text: string };
    try {
      answer = await send(r);
    } catch (error) {
      assert.fail(`${name}: ${r.method} ${r.url} threw: ${String(error)}`);
    }
    const { status, text } = answer;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const label = `${name}: ${r.method} ${r.url.slice(0, 120)} → ${status} ${text.slice(0, 200)}`;
    assert.ok(!text.includes(PASSWORD), `password in body: ${label}`);
    assert.ok(!text.includes(token), `token in body: ${label}`);
    assert.ok(status < 500, `server error: ${label}`);
    if (status >= 400) {
      refused++;
      if (r.method === 'HEAD') {
        assert.equal(text, '', label);
        continue;
      }
      if (name === 'workerd' && status === 405 && text === '' && isStaticFile(r.url)) {
        // Workers' static-assets layer answers a write to an existing file itself: the
        // Worker (and so the upstream) never sees it.
        staticRefusals++;
        continue;
      }
      let parsed: { error?: unknown; error_description?: unknown };
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        assert.fail(`refusal is not JSON: ${label}`);
      }
      const oauth = r.url.startsWith('/api/token') && typeof parsed.error === 'string';
      if (!oauth) {
        const error = parsed.error as { code?: unknown; message?: unknown } | undefined;
        assert.equal(typeof error?.code, 'string', label);
        assert.equal(typeof error?.message, 'string', label);
        assert.deepEqual(Object.keys(parsed), ['error'], label);
      }
    }
  }
  const reached = (await (await fetch(`${sim.restUrl}/__sim/requests?limit=5000`)).json()) as {
    method: string;
    path: string;
  }[];
  const report = `[report] proxy fuzz (${name}): ${RUNS} requests, ${refused} refused (${staticRefusals} by the static-assets layer), ${reached.length} reached upstream; statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
  assert.ok(reached.length > 0, 'nothing reached upstream: the fuzz only hit refusals');
  assert.ok(refused > RUNS / 4, 'too few refusals: the fuzz did not reach the guards');
  for (const req of reached) {
    const p = req.path.split('?')[0]!;
    const rule = p === '/token' ? { methods: ['POST'] } : findRule(p);
    assert.ok(rule, `${name}: upstream reached outside the allowlist: ${req.method} ${req.path}`);
    assert.ok(
      (rule.methods as readonly string[]).includes(req.method),
      `${name}: method outside the allowlist: ${req.method} ${req.path}`,
    );
  }
  return report;
}

function assertNoSecrets(lines: readonly string[]): void {
  for (const line of lines) {
    assert.ok(!line.includes(PASSWORD), `password in a log line: ${line}`);
    assert.ok(!line.includes(token), `token in a log line: ${line}`);
  }
}

describe('proxy fuzz', () => {
  it(`refuses ${RUNS} hostile requests cleanly and forwards only allowlisted paths (Node)`, async () => {
    const report = await fuzz('node', async (r) => {
      const res = await app.request(
        r.url,
        { method: r.method, headers: r.headers, body: r.body },
        env,
      );
      return { status: res.status, text: await res.text() };
    });
    console.log(report);
    assertNoSecrets(logs);
  });

  it(`does the same in workerd, with paths sent exactly as written`, async () => {
    let proxy: RunningProxy | undefined;
    let report = '';
    // wrangler prints the Worker's console output here; keep it for the secret check.
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    try {
      proxy = await startProxy({
        ...simulatorUpstream(sim),
        vars: { ALLOWED_ORIGINS: ORIGIN, UPSTREAM_TIMEOUT_MS: '5000', MAX_BODY_BYTES: '65536' },
        logs: true,
      });
      report = await fuzz('workerd', (r) => rawRequest(proxy!.url, r));
    } finally {
      await proxy?.close();
      process.stdout.write = write;
    }
    console.log(report);
    assert.ok(printed.join('').length > 0, 'wrangler printed nothing: the log check saw nothing');
    assertNoSecrets(printed.join('').split('\n'));
  });
});
