/**
 * The parts of the widgets loaded on first use, end to end: the demo served by the proxy in real
 * workerd, against the simulator, in Chromium. The first load is one script; the rest comes
 * when the page is idle after the inbox's rows (the status badges also after the sign-in form),
 * within the page's CSP (`script-src 'self'`), and opening things then
 * fetches nothing; a part whose chunk cannot be fetched says so where it would be, and "Thử
 * lại" loads it once the network is back. The sockets' code comes right after the rows; while
 * it cannot be fetched, polling delivers and the fetch is tried again. The single-file build
 * (`chatomni-widgets.all.js`) works on its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { SITE_DIR } from '../../scripts/build-site.js';
import {
  cspViolations,
  login,
  openDemo,
  startStack,
  statusView,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';

let stack: E2EStack;
const pages: DemoPage[] = [];

/** The widget scripts the page fetched, as site paths. */
function scripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.startsWith('/widgets/') && p.endsWith('.js')),
  );
}

/**
 * The demo, with the chunk named `chunk` (e.g. `thread-view`) unreachable until the returned
 * `restore()` (the request fails as with a lost connection).
 */
async function demoWithout(chunk: string): Promise<{ page: Page; restore: () => Promise<void> }> {
  const demo = await openDemo(stack.browser, stack.proxy.url);
  pages.push(demo);
  const pattern = new RegExp(`/widgets/chunks/${chunk}-[\\w-]+\\.js$`);
  const fail = (route: Route) => route.abort('internetdisconnected');
  await demo.context.route(pattern, fail);
  await login(demo.page);
  return { page: demo.page, restore: () => demo.context.unroute(pattern, fail) };
}

describe('parts loaded on first use', () => {
  before(async () => {
    stack = await startStack({ simulator: { conversations: 30, seed: 5 } });
  });

  after(async () => {
    for (const demo of pages) await demo.close();
    await stack?.close();
  });

  it('loads one script before the rows, the rest when idle, and nothing more on opening', async () => {
    const demo = await openDemo(stack.browser, stack.proxy.url);
    pages.push(demo);
    const { page } = demo;
    // The sign-in form comes with the first script; the status badges ("🔒 Cần đăng nhập")
    // come when the page is idle.
    const first = await scripts(page);
    assert.equal(first[0], '/widgets/chatomni-widgets.js');
    assert.deepEqual(
      first.slice(1).filter((p) => !/\/chunks\/status-view-[\w-]+\.js$/.test(p)),
      [],
    );
    await page.locator('chatomni-status [part~="badges"] .auth').waitFor();
    await login(page);
    // Every chunk but the English texts (this page is Vietnamese), once the page is idle.
    const chunks = readdirSync(join(SITE_DIR, 'widgets', 'chunks'))
      .filter((f) => f.endsWith('.js') && !f.startsWith('messages-en-'))
      .map((f) => `/widgets/chunks/${f}`);
    assert.ok(chunks.some((c) => c.includes('/thread-view-')));
    await waitUntil(async () => {
      const fetched = await scripts(page);
      return chunks.every((c) => fetched.includes(c));
    }, 'every chunk prefetched');
    const loaded = await scripts(page);
    await page.locator('chatomni-inbox [role="option"]').first().click();
    await page.locator('chatomni-thread header [part~="name"]').waitFor();
    await page.locator('chatomni-thread [part~="templates-button"]').click();
    await page.locator('chatomni-thread .panel').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.locator('dialog.shortcuts[open] h2').first().waitFor();
    assert.deepEqual(await scripts(page), loaded, 'nothing fetched on opening');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(demo.pageErrors, []);
  });

  it('fetches the sockets right after the rows, and they connect', async () => {
    const demo = await openDemo(stack.browser, stack.proxy.url);
    pages.push(demo);
    const { page } = demo;
    await login(page);
    await waitUntil(async () => (await statusView(page)).mode.includes('Realtime'), 'Realtime');
    const [rowsAt, socketsAt] = await page.evaluate(() => [
      performance.getEntriesByName('chatomni-inbox:rows')[0]?.startTime ?? -1,
      performance
        .getEntriesByType('resource')
        .find((e) => /\/widgets\/chunks\/live-[\w-]+\.js$/.test(e.name))?.startTime ?? -1,
    ]);
    assert.ok(rowsAt > 0, 'the rows mark');
    assert.ok(
      socketsAt > rowsAt,
      `the sockets' chunk at ${socketsAt} ms, the rows at ${rowsAt} ms`,
    );
  });

  it("polls while the sockets' code cannot be fetched, retries, and goes Realtime once it can", async () => {
    const { page, restore } = await demoWithout('live');
    await waitUntil(async () => (await statusView(page)).mode.includes('Polling'), 'Polling');
    // Each failed fetch counts as an attempt of both sockets, as their own reconnects do.
    const retrying = await waitUntil(async () => {
      const view = await statusView(page);
      return /lần\d/.test(view.chat) && /lần\d/.test(view.rt) ? view : null;
    }, 'an attempt shown');
    assert.match(retrying.chat, /^🟡Chat\(lần\d+\)$/);
    assert.match(retrying.rt, /^🟡RT\(lần\d+\)$/);
    await restore();
    // Both sockets connect once their code is there, each in its own time.
    const view = await waitUntil(
      async () => {
        const now = await statusView(page);
        return now.chat === '🟢Chat' && now.rt === '🟢RT' ? now : null;
      },
      'both sockets connected',
      { timeout: 20_000 },
    );
    assert.equal(view.mode, '⚡Realtime');
  });

  it('says so when the conversation view cannot be loaded, and "Thử lại" loads it', async () => {
    const { page, restore } = await demoWithout('thread-view');
    await page.locator('chatomni-inbox [role="option"]').first().click();
    const error = page.locator('chatomni-thread [part="load-error"]');
    await error.waitFor();
    assert.match(
      (await error.textContent()) ?? '',
      /Không tải được phần này của trang\. Kiểm tra kết nối mạng rồi thử lại\./,
    );
    await restore();
    await error.locator('button', { hasText: 'Thử lại' }).click();
    await page.locator('chatomni-thread header [part~="name"]').waitFor();
    assert.equal(await error.count(), 0);
  });

  it('shows the failure in the ? dialog, and "Thử lại" brings the list of shortcuts', async () => {
    const { page, restore } = await demoWithout('shortcuts-dialog');
    await page.keyboard.press('?');
    const dialog = page.locator('chatomni-inbox dialog.shortcuts[open]');
    await dialog.locator('[part="load-error"]').waitFor();
    await restore();
    // A DOM click: under load a pointer click once met the dialog mid re-render ("<html>
    // intercepts pointer events", CI 2026-11-28); what is checked is what "Thử lại" does.
    await dialog.locator('button', { hasText: 'Thử lại' }).dispatchEvent('click');
    await dialog.locator('h2', { hasText: 'Phím tắt' }).waitFor();
  });

  it('turns the bell red when notifications cannot be loaded, and a click loads them', async () => {
    const demo = await openDemo(stack.browser, stack.proxy.url);
    pages.push(demo);
    const pattern = /\/widgets\/chunks\/notify-controller-[\w-]+\.js$/;
    const fail = (route: Route) => route.abort('internetdisconnected');
    await demo.context.route(pattern, fail);
    await login(demo.page);
    const bell = demo.page.locator('chatomni-inbox [part~="sound"]');
    await demo.page.locator('chatomni-inbox [part~="sound"].failed').waitFor();
    assert.match((await bell.getAttribute('title')) ?? '', /Không tải được phần này/);
    await demo.context.unroute(pattern, fail);
    await bell.click();
    await waitUntil(
      async () => (await bell.getAttribute('aria-pressed')) === 'true',
      'the bell working',
    );
  });

  it('works from the single file, which fetches no chunk', async () => {
    const demo = await openDemo(stack.browser, stack.proxy.url);
    pages.push(demo);
    const single = readFileSync(join(SITE_DIR, 'widgets', 'chatomni-widgets.all.js'), 'utf8');
    await demo.context.route(/\/widgets\/chatomni-widgets\.js$/, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: single }),
    );
    await demo.page.reload();
    await login(demo.page);
    await waitUntil(
      async () => (await statusView(demo.page)).mode.includes('Realtime'),
      'Realtime',
    );
    await demo.page.locator('chatomni-inbox [role="option"]').first().click();
    await demo.page.locator('chatomni-thread [part~="message"]').first().waitFor();
    assert.deepEqual(await scripts(demo.page), ['/widgets/chatomni-widgets.js']);
    assert.deepEqual(demo.pageErrors, []);
  });

  it('switches to English when the page does, loading the English texts', async () => {
    const demo = await openDemo(stack.browser, stack.proxy.url);
    pages.push(demo);
    await demo.page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await demo.page
      .locator('chatomni-inbox button[type="submit"]', { hasText: 'Sign in' })
      .waitFor();
    await login(demo.page);
    const search = demo.page.locator('chatomni-inbox input[type="search"]');
    assert.equal(await search.getAttribute('placeholder'), 'Search name, phone, message');
    assert.ok((await scripts(demo.page)).some((p) => p.includes('/messages-en-')));
  });
});
