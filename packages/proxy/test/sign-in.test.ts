/**
 * "Ghi nhớ đăng nhập" at the routing level (`app.request` against a recording upstream):
 * what the token routes send TPOS, what they answer, and the sign-in cookie they set. The
 * same against the simulator in workerd: sign-in-workerd.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { REMEMBER_SECONDS } from '../src/session/cookie.js';
import type { SavedSession } from '../src/session/seal.js';
import { envelope, json, testEnv } from './support/env.js';
import {
  CLEARED_COOKIE,
  COOKIE_ATTRIBUTES,
  COOKIE_NAME,
  cookieHeader,
  cookieValue,
  jwt,
  newSessionKey,
  openCookie,
  sealCookie,
  tamper,
} from './support/sign-in.js';
import { closedPortUrl, startUpstream, type TestUpstream } from './support/upstream.js';

const PROXY = 'http://proxy.example';
const LISTED = 'https://admin.shop.example';
const FORM = 'application/x-www-form-urlencoded';
const KEY = newSessionKey();
const lines: string[] = [];
const app = createApp({ log: (line) => lines.push(line) });
let upstream: TestUpstream;
let env: Env;
/** Every secret of the run, looked for in the log at the end. */
const secrets = new Set<string>([KEY]);

const DEMO = { tenant: 'shop.tpos.vn', userId: 'u-demo', userName: 'demo' };
const access = (who: typeof DEMO, n = 1) =>
  jwt({ TenantId: who.tenant, UserId: who.userId, UserName: who.userName, n });

/** A TPOS token answer for `who` carrying refresh token `refresh`. */
function answer(who: typeof DEMO, refresh: string | undefined, n = 1) {
  const body: Record<string, unknown> = {
    access_token: access(who, n),
    token_type: 'bearer',
    expires_in: 1295999,
    userName: who.userName,
    userId: who.userId,
  };
  if (refresh !== undefined) {
    body.refresh_token = refresh;
    secrets.add(refresh);
  }
  return body;
}

function login(body: string, headers: Record<string, string> = { origin: PROXY }, e = env) {
  secrets.add(new URLSearchParams(body).get('password') ?? '');
  return app.request(
    `${PROXY}/api/token`,
    { method: 'POST', headers: { 'content-type': FORM, ...headers }, body },
    e,
  );
}

function refresh(headers: Record<string, string>, e = env) {
  return app.request(`${PROXY}/api/token/refresh`, { method: 'POST', headers }, e);
}

/** A cookie as the proxy would have set it for `who` (30 days from now unless told). */
async function saved(who: typeof DEMO, refreshToken: string, more: Partial<SavedSession> = {}) {
  secrets.add(refreshToken);
  const value = await sealCookie(KEY, {
    ...who,
    refreshToken,
    upstream: new URL(upstream.url).origin,
    expires: Math.floor(Date.now() / 1000) + REMEMBER_SECONDS,
    ...more,
  });
  secrets.add(value);
  return value;
}

before(async () => {
  upstream = await startUpstream();
  env = testEnv({ TPOS_API_BASE: upstream.url, ALLOWED_ORIGINS: LISTED }) as Env & {
    SESSION_KEY: string;
  };
  Object.assign(env, { SESSION_KEY: KEY });
});
after(() => upstream.close());
beforeEach(() => {
  upstream.received.length = 0;
  upstream.respond({ body: answer(DEMO, 'rt-login') });
});

describe('POST /api/token with remember=1', () => {
  it('keeps the refresh token in the cookie, exactly, and never in the body', async () => {
    const body =
      'client_id=tmtWebApp&grant_type=password&username=demo&password=p%26w+1&remember=1&scope=profile';
    const started = Math.floor(Date.now() / 1000);
    const res = await login(body);
    assert.equal(res.status, 200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^__Secure-chatomni_session=[A-Za-z0-9_-]{40,}; /);
    assert.equal(setCookie.slice(setCookie.indexOf(';') + 2), COOKIE_ATTRIBUTES);
    const { refresh_token: _refresh, ...visible } = answer(DEMO, 'rt-login');
    assert.deepEqual(await json(res), visible);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const kept = await openCookie(KEY, cookieValue(setCookie));
    assert.ok(kept && kept.expires >= started + REMEMBER_SECONDS);
    assert.deepEqual(kept, {
      ...DEMO,
      refreshToken: 'rt-login',
      upstream: new URL(upstream.url).origin,
      expires: kept.expires,
    });
    // `remember` is the proxy's: TPOS gets the rest, byte for byte.
    assert.equal(
      upstream.received[0]?.body,
      'client_id=tmtWebApp&grant_type=password&username=demo&password=p%26w+1&scope=profile',
    );
  });

  it('answers a listed origin with credentials, never `*`', async () => {
    const res = await login('grant_type=password&username=demo&password=pw1&remember=1', {
      origin: LISTED,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), LISTED);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    const preflight = await app.request(
      `${PROXY}/api/token/refresh`,
      {
        method: 'OPTIONS',
        headers: {
          origin: LISTED,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      },
      env,
    );
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), LISTED);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
  });

  it('refuses, before TPOS sees the password, an origin the cookie may not serve', async () => {
    const anyOrigin = testEnv({ TPOS_API_BASE: upstream.url, ALLOWED_ORIGINS: '*' });
    Object.assign(anyOrigin, { SESSION_KEY: KEY });
    const cases: [Record<string, string>, Env][] = [
      [{}, env],
      [{ origin: 'https://other.example' }, anyOrigin],
    ];
    for (const [headers, e] of cases) {
      const res = await login(
        'grant_type=password&username=demo&password=pw2&remember=1',
        headers,
        e,
      );
      assert.equal(res.status, 403);
      assert.deepEqual(
        await json(res),
        envelope('forbidden_origin', 'This origin may not use the saved sign-in'),
      );
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    }
    assert.equal(upstream.received.length, 0);
  });

  it('answers 500 misconfigured without a usable SESSION_KEY, before calling TPOS', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'SESSION_KEY is not set: staying signed in is unavailable'],
      ['c2hvcnQ=', 'SESSION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)'],
      [
        'not base64 at all!',
        'SESSION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)',
      ],
    ];
    for (const [key, message] of cases) {
      const e = testEnv({ TPOS_API_BASE: upstream.url });
      if (key !== undefined) Object.assign(e, { SESSION_KEY: key });
      const res = await login(
        'grant_type=password&username=demo&password=pw3&remember=1',
        {
          origin: PROXY,
        },
        e,
      );
      assert.equal(res.status, 500, String(key));
      assert.deepEqual(await json(res), envelope('misconfigured', message));
    }
    assert.equal(upstream.received.length, 0);
  });

  it('passes a refusal through and leaves the cookie alone', async () => {
    upstream.respond({ status: 400, body: '{"error":"invalid_grant"}' });
    const res = await login('grant_type=password&username=demo&password=wrong1&remember=1');
    assert.equal(res.status, 400);
    assert.equal(await res.text(), '{"error":"invalid_grant"}');
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('keeps nothing when TPOS sends no refresh token, and 502s an answer that is not JSON', async () => {
    upstream.respond({ body: answer(DEMO, undefined) });
    const none = await login('grant_type=password&username=demo&password=pw4&remember=1');
    assert.equal(none.status, 200);
    assert.equal(none.headers.get('set-cookie'), CLEARED_COOKIE);
    upstream.respond({ body: '<html>login</html>' });
    const html = await login('grant_type=password&username=demo&password=pw5&remember=1');
    assert.equal(html.status, 502);
    assert.deepEqual(
      await json(html),
      envelope('bad_gateway', 'The upstream token answer is not a JSON object'),
    );
  });
});

describe('POST /api/token/refresh', () => {
  it('turns the cookie into a new access token and rotates it (same expiry)', async () => {
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const cookie = await saved(DEMO, 'rt-old', { expires });
    upstream.respond({ body: answer(DEMO, 'rt-new', 2) });
    const res = await refresh({
      origin: PROXY,
      cookie: `other=1; ${cookieHeader(cookie)}`,
      authorization: `Bearer ${access(DEMO)}`,
      accept: 'application/json',
    });
    assert.equal(res.status, 200);
    const { refresh_token: _refresh, ...visible } = answer(DEMO, 'rt-new', 2);
    assert.deepEqual(await json(res), visible);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(
      setCookie,
      /; Max-Age=(3600|3599); Path=\/api\/token; HttpOnly; Secure; SameSite=Strict$/,
    );
    assert.deepEqual(await openCookie(KEY, cookieValue(setCookie)), {
      ...DEMO,
      refreshToken: 'rt-new',
      upstream: new URL(upstream.url).origin,
      expires,
    });
    const [got] = upstream.received;
    assert.equal(got?.url, '/token');
    assert.equal(got?.body, 'grant_type=refresh_token&refresh_token=rt-old&client_id=tmtWebApp');
    assert.equal(got?.headers['content-type'], FORM);
    assert.equal(got?.headers.accept, 'application/json');
    assert.equal(got?.headers.cookie, undefined);
    assert.equal(got?.headers.authorization, undefined);
  });

  it('keeps the old refresh token when TPOS sends no new one', async () => {
    const cookie = await saved(DEMO, 'rt-kept');
    upstream.respond({ body: answer(DEMO, undefined) });
    const res = await refresh({ origin: PROXY, cookie: cookieHeader(cookie) });
    assert.equal(res.status, 200);
    const kept = await openCookie(KEY, cookieValue(res.headers.get('set-cookie')));
    assert.equal(kept?.refreshToken, 'rt-kept');
  });

  it('answers 204 without a cookie, setting none', async () => {
    const cases: Record<string, string>[] = [
      { origin: PROXY },
      { origin: PROXY, cookie: `${COOKIE_NAME}=` },
    ];
    for (const headers of cases) {
      const res = await refresh(headers);
      assert.equal(res.status, 204);
      assert.equal(await res.text(), '');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('set-cookie'), null);
    }
    assert.equal(upstream.received.length, 0);
  });

  it('answers 401 and clears a tampered, foreign, stale or other user’s cookie, before TPOS', async () => {
    const good = await saved(DEMO, 'rt-good');
    const other = { tenant: 'shop.tpos.vn', userId: 'u-shop2', userName: 'shop2' };
    const cases: [string, string, Record<string, string>, string][] = [
      ['tampered', tamper(good), {}, 'The saved sign-in is not valid'],
      ['truncated', good.slice(0, 20), {}, 'The saved sign-in is not valid'],
      ['not base64', 'a.b.c', {}, 'The saved sign-in is not valid'],
      [
        'sealed under another key',
        await sealCookie(newSessionKey(), (await openCookie(KEY, good))!),
        {},
        'The saved sign-in is not valid',
      ],
      [
        'for another upstream',
        await saved(DEMO, 'rt-elsewhere', { upstream: 'https://other.tpos.vn' }),
        {},
        'The saved sign-in is not valid',
      ],
      [
        'expired',
        await saved(DEMO, 'rt-stale', { expires: Math.floor(Date.now() / 1000) - 1 }),
        {},
        'The saved sign-in has expired',
      ],
      [
        'another user’s (by the bearer)',
        await saved(other, 'rt-other'),
        { authorization: `Bearer ${access(DEMO)}` },
        'The saved sign-in belongs to another user',
      ],
      [
        'another tenant’s (by the bearer)',
        good,
        { authorization: `Bearer ${access({ ...DEMO, tenant: 'cachua.tpos.vn' })}` },
        'The saved sign-in belongs to another user',
      ],
    ];
    for (const [name, value, headers, message] of cases) {
      const res = await refresh({ origin: PROXY, cookie: cookieHeader(value), ...headers });
      assert.equal(res.status, 401, name);
      assert.deepEqual(await json(res), envelope('unauthorized', message), name);
      assert.equal(res.headers.get('set-cookie'), CLEARED_COOKIE, name);
    }
    assert.equal(upstream.received.length, 0);
  });

  it('answers 401 and clears the cookie when TPOS refuses it or answers for another user', async () => {
    const cases: [Parameters<TestUpstream['respond']>[0], string][] = [
      [
        { status: 400, body: { error: 'invalid_grant' } },
        'TPOS no longer accepts the saved sign-in',
      ],
      [{ status: 401, body: '' }, 'TPOS no longer accepts the saved sign-in'],
      [
        { body: answer({ ...DEMO, userId: 'u-x', userName: 'x' }, 'rt-x') },
        'The saved sign-in belongs to another user',
      ],
    ];
    for (const [canned, message] of cases) {
      upstream.respond(canned);
      const res = await refresh({ origin: PROXY, cookie: cookieHeader(await saved(DEMO, 'rt-r')) });
      assert.equal(res.status, 401, message);
      assert.deepEqual(await json(res), envelope('unauthorized', message));
      assert.equal(res.headers.get('set-cookie'), CLEARED_COOKIE);
    }
  });

  it('keeps the cookie when TPOS fails or cannot be reached (502)', async () => {
    upstream.respond({ status: 500, body: { error: 'boom' } });
    const failed = await refresh({
      origin: PROXY,
      cookie: cookieHeader(await saved(DEMO, 'rt-5')),
    });
    assert.equal(failed.status, 502);
    assert.deepEqual(
      await json(failed),
      envelope('bad_gateway', 'The upstream server could not refresh the token'),
    );
    assert.equal(failed.headers.get('set-cookie'), null);
    const closed = await closedPortUrl();
    const down = testEnv({ TPOS_API_BASE: closed });
    Object.assign(down, { SESSION_KEY: KEY });
    const cookie = await saved(DEMO, 'rt-6', { upstream: new URL(closed).origin });
    const unreachable = await refresh({ origin: PROXY, cookie: cookieHeader(cookie) }, down);
    assert.equal(unreachable.status, 502);
    assert.equal(unreachable.headers.get('set-cookie'), null);
  });

  it('refuses 403 a request without an Origin the cookie may serve, and 405 other methods', async () => {
    const cookie = cookieHeader(await saved(DEMO, 'rt-o'));
    const anyOrigin = testEnv({ TPOS_API_BASE: upstream.url, ALLOWED_ORIGINS: '*' });
    Object.assign(anyOrigin, { SESSION_KEY: KEY });
    for (const [headers, e] of [
      [{ cookie }, env],
      [{ cookie, origin: 'https://other.example' }, anyOrigin],
    ] as const) {
      const res = await refresh(headers, e);
      assert.equal(res.status, 403);
      assert.deepEqual(
        await json(res),
        envelope('forbidden_origin', 'This origin may not use the saved sign-in'),
      );
    }
    const evil = await refresh({ cookie, origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    for (const path of ['/api/token/refresh', '/api/token/logout']) {
      const res = await app.request(`${PROXY}${path}`, { headers: { cookie } }, env);
      assert.equal(res.status, 405, path);
      assert.equal(res.headers.get('allow'), 'POST');
    }
    assert.equal(upstream.received.length, 0);
  });
});

describe('POST /api/token/logout', () => {
  it('clears the cookie (204) without calling TPOS', async () => {
    const res = await app.request(
      `${PROXY}/api/token/logout`,
      {
        method: 'POST',
        headers: { origin: LISTED, cookie: cookieHeader(await saved(DEMO, 'rt-l')) },
      },
      env,
    );
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('set-cookie'), CLEARED_COOKIE);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(await res.text(), '');
    const foreign = await app.request(`${PROXY}/api/token/logout`, { method: 'POST' }, env);
    assert.equal(foreign.status, 403);
    assert.equal(upstream.received.length, 0);
  });
});

describe('the log of the token routes', () => {
  it('holds no password, token, cookie or key', () => {
    assert.ok(lines.length > 20);
    for (const line of lines) {
      for (const secret of secrets) {
        if (secret) assert.equal(line.includes(secret), false, `${line} contains a secret`);
      }
      assert.equal(/rt-|chatomni_session|Bearer/i.test(line), false, line);
    }
  });
});
