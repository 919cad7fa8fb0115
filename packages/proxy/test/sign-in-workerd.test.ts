/**
 * "Ghi nhớ đăng nhập" in real workerd (wrangler's `unstable_startWorker`, the root
 * wrangler.toml) against the real simulator, whose refresh tokens are single-use: the
 * cookie, its rotation, and every way a cookie is refused. Routing details:
 * sign-in.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { captureOutput, type OutputCapture } from './support/capture.js';
import { envelope, json } from './support/env.js';
import {
  CLEARED_COOKIE,
  COOKIE_ATTRIBUTES,
  cookieHeader,
  cookieValue,
  newSessionKey,
  openCookie,
  sealCookie,
  tamper,
} from './support/sign-in.js';
import { passwordGrant, startProxy, type RunningProxy } from './support/worker.js';

const KEY = newSessionKey();
let sim: RunningSimulator;
let worker: RunningProxy;
let proxy: string;
let output: OutputCapture;
/** Every secret of the run, looked for in the Worker's output at the end. */
const secrets = new Set<string>([KEY, 'demo123', 'shop2pass']);

function claims(token: unknown): Record<string, unknown> {
  const payload = String(token).split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Logs in through the proxy with the box ticked; the cookie's value and the JSON body. */
async function remembered(username: string, password: string) {
  const res = await fetch(
    `${proxy}/api/token`,
    passwordGrant(username, password, { remember: '1' }, { origin: proxy }),
  );
  assert.equal(res.status, 200);
  const setCookie = res.headers.get('set-cookie');
  const body = (await res.json()) as Record<string, unknown>;
  const cookie = cookieValue(setCookie);
  const kept = await openCookie(KEY, cookie);
  for (const secret of [cookie, kept?.refreshToken, body.access_token]) secrets.add(String(secret));
  return { setCookie, cookie, kept, body };
}

/** `POST /api/token/refresh` from the proxy's own page. */
async function refresh(cookie: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${proxy}/api/token/refresh`, {
    method: 'POST',
    headers: { origin: proxy, cookie: cookieHeader(cookie), ...headers },
  });
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie');
  if (setCookie && setCookie !== CLEARED_COOKIE) secrets.add(cookieValue(setCookie));
  const body = JSON.parse(text) as Record<string, unknown>;
  if (typeof body.access_token === 'string') secrets.add(body.access_token);
  return { status: res.status, body, text, setCookie };
}

before(async () => {
  output = captureOutput();
  sim = await startSimulator({ conversations: 5 });
  worker = await startProxy({
    TPOS_API_BASE: new URL(sim.restUrl).origin,
    TPOS_RT_WS: `ws://${new URL(sim.rtUrl).host}`,
    TPOS_CHAT_WS: `ws://${new URL(sim.chatUrl).host}`,
    ALLOWED_ORIGINS: '',
    SESSION_KEY: KEY,
  });
  proxy = worker.url;
});

after(async () => {
  await worker?.dispose();
  await sim?.close();
  output?.stop();
});

describe('the kept sign-in, in workerd against the simulator', () => {
  it('keeps TPOS’s refresh token in an HttpOnly, Secure, SameSite=Strict cookie, never in a body', async () => {
    const { setCookie, kept, body } = await remembered('demo', 'demo123');
    assert.equal(setCookie?.slice(setCookie.indexOf(';') + 2), COOKIE_ATTRIBUTES);
    assert.equal('refresh_token' in body, false);
    assert.deepEqual(Object.keys(body).sort(), [
      '.expires',
      '.issued',
      'access_token',
      'expires_in',
      'token_type',
      'userId',
      'userName',
    ]);
    assert.match(kept?.refreshToken ?? '', /^[0-9a-f]{48}$/);
    assert.deepEqual(
      [kept?.tenant, kept?.userName, kept?.userId, kept?.upstream],
      ['tomato.tpos.vn', 'demo', body.userId, new URL(sim.restUrl).origin],
    );
  });

  it('refreshes through the cookie and rotates it; the used cookie is then refused and cleared', async () => {
    const { cookie, kept, body: first } = await remembered('demo', 'demo123');
    const next = await refresh(cookie, { authorization: `Bearer ${String(first.access_token)}` });
    assert.equal(next.status, 200);
    assert.equal(next.text.includes('refresh_token'), false);
    assert.equal(claims(next.body.access_token).UserName, 'demo');
    assert.notEqual(next.body.access_token, first.access_token);
    assert.equal(
      next.setCookie?.slice(next.setCookie.indexOf(';') + 2).startsWith('Max-Age='),
      true,
    );
    const rotated = await openCookie(KEY, cookieValue(next.setCookie));
    assert.ok(rotated && kept);
    assert.notEqual(rotated.refreshToken, kept.refreshToken);
    assert.equal(rotated.expires, kept.expires);
    const list = await fetch(`${proxy}/api/api-ms/chatomni/v1/conversations/search`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${String(next.body.access_token)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ Limit: 5, Type: 'all' }),
    });
    assert.equal(list.status, 200);
    await list.body?.cancel();
    // TPOS used the old refresh token up: the old cookie is dead.
    const replay = await refresh(cookie);
    assert.equal(replay.status, 401);
    assert.deepEqual(
      replay.body,
      envelope('unauthorized', 'TPOS no longer accepts the saved sign-in'),
    );
    assert.equal(replay.setCookie, CLEARED_COOKIE);
    // The rotated one still works.
    assert.equal((await refresh(cookieValue(next.setCookie))).status, 200);
  });

  it('answers 401 and clears a tampered, stale or other user’s cookie', async () => {
    const demo = await remembered('demo', 'demo123');
    const shop2 = await remembered('shop2', 'shop2pass');
    assert.equal(shop2.kept?.tenant, 'cachua.tpos.vn');
    const stale = await sealCookie(KEY, {
      ...demo.kept!,
      expires: Math.floor(Date.now() / 1000) - 60,
    });
    // demo's binding around shop2's refresh token: TPOS answers for shop2.
    const swapped = await sealCookie(KEY, {
      ...demo.kept!,
      refreshToken: shop2.kept!.refreshToken,
    });
    const cases: [string, string, Record<string, string>, string][] = [
      ['tampered', tamper(demo.cookie), {}, 'The saved sign-in is not valid'],
      ['stale', stale, {}, 'The saved sign-in has expired'],
      [
        'shop2’s, from demo’s page',
        shop2.cookie,
        { authorization: `Bearer ${String(demo.body.access_token)}` },
        'The saved sign-in belongs to another user',
      ],
      ['holding another user’s token', swapped, {}, 'The saved sign-in belongs to another user'],
    ];
    for (const [name, cookie, headers, message] of cases) {
      const res = await refresh(cookie, headers);
      assert.equal(res.status, 401, name);
      assert.deepEqual(res.body, envelope('unauthorized', message), name);
      assert.equal(res.setCookie, CLEARED_COOKIE, name);
    }
    // None of them was used up: demo's own cookie still works.
    assert.equal((await refresh(demo.cookie)).status, 200);
  });

  it('refuses other sites (403) and answers 401 without a cookie', async () => {
    const { cookie } = await remembered('demo', 'demo123');
    for (const origin of [undefined, 'http://evil.example']) {
      const res = await fetch(`${proxy}/api/token/refresh`, {
        method: 'POST',
        headers: { cookie: cookieHeader(cookie), ...(origin ? { origin } : {}) },
      });
      assert.equal(res.status, 403, String(origin));
      assert.equal(res.headers.get('set-cookie'), null);
      assert.equal(
        ((await json(res)) as { error: { code: string } }).error.code,
        'forbidden_origin',
      );
    }
    const none = await fetch(`${proxy}/api/token/refresh`, {
      method: 'POST',
      headers: { origin: proxy },
    });
    assert.equal(none.status, 204);
    assert.equal(await none.text(), '');
  });

  it('logs out: 204 and the cookie cleared', async () => {
    const { cookie } = await remembered('demo', 'demo123');
    const res = await fetch(`${proxy}/api/token/logout`, {
      method: 'POST',
      headers: { origin: proxy, cookie: cookieHeader(cookie) },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('set-cookie'), CLEARED_COOKIE);
  });

  it('a login without the box clears the cookie and keeps nothing', async () => {
    const res = await fetch(
      `${proxy}/api/token`,
      passwordGrant('demo', 'demo123', {}, { origin: proxy }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('set-cookie'), CLEARED_COOKIE);
    const body = (await res.json()) as Record<string, unknown>;
    secrets.add(String(body.access_token));
    assert.equal('refresh_token' in body, false);
  });

  it('logs no password, token, cookie or key (wrangler output of the whole run)', () => {
    const text = output.text();
    assert.match(text, /POST \/api\/token\/refresh 401/);
    for (const secret of secrets) assert.equal(text.includes(secret), false, 'a secret was logged');
    assert.equal(/bearer |chatomni_session/i.test(text), false);
  });
});
