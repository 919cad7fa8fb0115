/**
 * "Ghi nhớ đăng nhập" end to end: the demo page in Chromium (playwright-core), served by the
 * proxy in real workerd, against the simulator. One browser context is one browser profile:
 * its cookies outlive a reload, as a seller's do. The page's scripts never see a refresh
 * token; the access token lives in the session's memory only.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  inboxRows,
  login,
  newSessionKey,
  openDemo,
  sessionView,
  simControl,
  startStack,
  statusView,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';

/** The part of the proxy's sign-in code this test uses: opening a cookie with the key. */
interface SealModule {
  openSession(key: CryptoKey, value: string): Promise<{ refreshToken: string } | null>;
}
interface KeyModule {
  sessionKey(env: { SESSION_KEY: string }): Promise<CryptoKey>;
}
// Loaded through a variable so that the root tsconfig (DOM + Node types) does not typecheck the
// proxy's sources, which need the Workers types of packages/proxy/tsconfig.json.
const sealSource = '../../packages/proxy/src/session/seal.js';
const keySource = '../../packages/proxy/src/session/key.js';
const { openSession } = (await import(sealSource)) as SealModule;
const { sessionKey } = (await import(keySource)) as KeyModule;

const COOKIE = '__Secure-chatomni_session';
const KEY = newSessionKey();

let stack: E2EStack;
const open: DemoPage[] = [];

/**
 * The demo in a new browser profile, recording every request URL the page makes, every
 * token the proxy hands it, and whether a login form was ever painted (checked each frame
 * from the first script on, so a flash of it during a reload is seen).
 */
async function profile() {
  const demo = await openDemo(stack.browser, stack.proxy.url);
  open.push(demo);
  const urls: string[] = [];
  const tokens = new Set<string>();
  /** `<status> <path>` of each answer of the proxy's API. */
  const answers: string[] = [];
  demo.page.on('request', (request) => urls.push(request.url()));
  demo.page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== stack.proxy.url || !url.pathname.startsWith('/api/')) return;
    answers.push(`${response.status()} ${url.pathname}`);
    if (!/^\/api\/token(\/refresh)?$/.test(url.pathname)) return;
    response
      .json()
      .then((body: { access_token?: string }) => body.access_token && tokens.add(body.access_token))
      .catch(() => {});
  });
  await demo.context.addInitScript(() => {
    const w = window as unknown as { __sawLoginForm: boolean };
    w.__sawLoginForm = false;
    const look = () => {
      const form = document.querySelector('chatomni-inbox')?.shadowRoot?.querySelector('form');
      if (form) w.__sawLoginForm = true;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  return { ...demo, urls, tokens, answers };
}

/** Whether a login form was painted since the page (re)loaded (see {@link profile}). */
function sawLoginForm(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sawLoginForm: boolean }).__sawLoginForm);
}

/** Reloads and waits until the elements are defined again. */
async function reload(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => customElements.get('chatomni-inbox'));
}

/** The login form is shown (the kept sign-in, if tried, found nothing). */
async function loginFormShown(page: Page): Promise<void> {
  await page.locator('chatomni-inbox form[part~="login"]').waitFor({ state: 'visible' });
  assert.equal((await sessionView(page)).auth, 'anonymous');
}

/** Every cookie of the profile, as the browser holds them (whatever their path). */
async function cookies(demo: DemoPage) {
  return demo.context.cookies();
}

/** The refresh token the profile's cookie holds (opened with the proxy's key). */
async function keptRefreshToken(demo: DemoPage): Promise<string> {
  const cookie = (await cookies(demo)).find((c) => c.name === COOKIE);
  assert.ok(cookie, 'no sign-in cookie');
  const kept = await openSession(await sessionKey({ SESSION_KEY: KEY }), cookie.value);
  assert.ok(kept, 'the cookie does not open');
  return kept.refreshToken;
}

/** What {@link pageVisibleState} is when the page keeps nothing. */
const NOTHING_VISIBLE = { local: [], session: [], indexedDB: [], caches: [], cookie: '' };

/** Everything the page's scripts can store or read: storages, IndexedDB, caches, cookies. */
async function pageVisibleState(page: Page) {
  return page.evaluate(async () => ({
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
    caches: await caches.keys(),
    cookie: document.cookie,
  }));
}

before(async () => {
  stack = await startStack({
    simulator: { conversations: 20, seed: 5 },
    proxyVars: { SESSION_KEY: KEY },
  });
});

afterEach(async () => {
  for (const demo of open.splice(0)) await demo.close();
});

after(async () => {
  await stack?.close();
});

describe('staying signed in (Ghi nhớ đăng nhập)', () => {
  it('signs in again after a reload without the form, holding no token anywhere the page can read', async () => {
    const demo = await profile();
    const { page } = demo;
    await login(page, 'demo', 'demo123', true);
    const [kept] = await cookies(demo);
    // Secure over http://127.0.0.1: Chromium counts loopback as a secure context.
    assert.deepEqual(kept && [kept.name, kept.path, kept.httpOnly, kept.secure, kept.sameSite], [
      COOKIE,
      '/api/token',
      true,
      true,
      'Strict',
    ]);
    assert.equal((await cookies(demo)).length, 1);
    const refreshToken = await keptRefreshToken(demo);

    await reload(page);
    await waitUntil(async () => (await inboxRows(page)).length > 0, 'rows after the reload', {
      timeout: 20_000,
    });
    assert.equal(await sawLoginForm(page), false, 'the login form flashed during the reload');
    assert.equal((await sessionView(page)).auth, 'authenticated');
    assert.equal((await statusView(page)).loginRequired, false);

    assert.deepEqual(await pageVisibleState(page), NOTHING_VISIBLE);
    // Two access tokens (login, then the reload's refresh) and the kept refresh token: in no
    // URL the page asked for, sockets included.
    await waitUntil(() => demo.tokens.size === 2, 'the access tokens of the login and reload');
    const secrets = [...demo.tokens, refreshToken, await keptRefreshToken(demo)];
    assert.ok(demo.urls.length > 10);
    for (const url of demo.urls) {
      for (const secret of secrets) assert.equal(url.includes(secret), false, url);
      assert.doesNotMatch(url, /token=|password=/i);
    }
  });

  it('renews an expired access token through the cookie, staying signed in', async () => {
    const demo = await profile();
    const { page } = demo;
    await login(page, 'demo', 'demo123', true);
    const before = await keptRefreshToken(demo);
    await simControl(stack.sim, 'expire-tokens', { keepRefresh: true });
    await waitUntil(async () => (await keptRefreshToken(demo)) !== before, 'a rotated cookie', {
      timeout: 15_000,
    });
    const sent = await simControl<{ ConversationId: string }>(stack.sim, 'emit', {
      text: 'sau khi gia hạn',
      kind: 'message',
    });
    await waitUntil(
      async () => (await inboxRows(page)).some((row) => row.last.includes('sau khi gia hạn')),
      `the message to ${sent.ConversationId} after the renewal`,
      { timeout: 15_000 },
    );
    assert.equal((await sessionView(page)).auth, 'authenticated');
  });

  it('shows the login form for a tampered cookie, and clears it', async () => {
    const demo = await profile();
    const { page } = demo;
    await login(page, 'demo', 'demo123', true);
    const [kept] = await cookies(demo);
    assert.ok(kept);
    const cdp = await demo.context.newCDPSession(page);
    const flipped =
      kept.value.slice(0, -6) + (kept.value.at(-6) === 'A' ? 'B' : 'A') + kept.value.slice(-5);
    await cdp.send('Network.setCookie', {
      name: COOKIE,
      value: flipped,
      url: `${stack.proxy.url}/api/token`,
      path: '/api/token',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      expires: kept.expires,
    });
    assert.equal((await cookies(demo))[0]?.value, flipped);
    await reload(page);
    await loginFormShown(page);
    assert.deepEqual(await cookies(demo), []);
  });

  it('logs out with 🚪 Đăng xuất: the next reload shows the login form', async () => {
    const demo = await profile();
    const { page } = demo;
    await login(page, 'demo', 'demo123', true);
    await reload(page);
    await waitUntil(async () => (await inboxRows(page)).length > 0, 'rows after the reload', {
      timeout: 20_000,
    });
    await page.locator('chatomni-status button[part~="logout"]').click();
    await loginFormShown(page);
    await waitUntil(async () => (await cookies(demo)).length === 0, 'the cookie cleared');
    await reload(page);
    await loginFormShown(page);
  });

  it('keeps nothing without the box: the reload shows the login form', async () => {
    const demo = await profile();
    const { page } = demo;
    await login(page, 'demo', 'demo123', false);
    assert.deepEqual(await cookies(demo), []);
    demo.answers.length = 0;
    await reload(page);
    await loginFormShown(page);
    // Nothing kept is not an error: the reload's one try answers 204, so no failed request
    // shows in the console of a page that was never asked to remember.
    assert.deepEqual(demo.answers, ['204 /api/token/refresh']);
    // The probe of the first test sees a form when there is one.
    await waitUntil(() => sawLoginForm(page), 'the probe saw the form');
    assert.deepEqual(await pageVisibleState(page), NOTHING_VISIBLE);
  });
});
