import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BUNDLE, SITE_DIR } from '../../scripts/build-site.js';
import { gzipSize } from '../../scripts/widgets/bundle-sizes.mjs';
import { login, openDemo, waitUntil } from '../../test/stack/index.js';
import { kib, ratio } from '../lib/stats.js';
import type { Figure } from '../lib/types.js';

/** Goal of the first load, gzip: 35 KB of 1024 bytes, as scripts/build-widgets.mjs checks. */
const GOAL_BYTES = 35 * 1024;
/** The mark `<chatomni-inbox>` sets when its first rows render. */
const ROWS_MARK = 'chatomni-inbox:rows';
/** No new script for this long after the rows: the idle prefetch is over. */
const QUIET_MS = 1500;
/** The single-file build, next to the entry. */
const SINGLE = BUNDLE.replace(/\.js$/, '.all.js');

/** A script the page fetched: its path on the site and when the fetch started (page time). */
interface Fetched {
  path: string;
  startTime: number;
}

/** The widget scripts the page fetched so far, in order. */
function widgetScripts(page: Page): Promise<Fetched[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => ({ path: new URL(e.name).pathname, startTime: e.startTime }))
      .filter((e) => e.path.startsWith('/widgets/') && e.path.endsWith('.js')),
  );
}

/** Gzip -9 of the site's copy of each file, as served. */
function gzipped(files: readonly Fetched[]): number {
  return files.reduce((sum, f) => sum + gzipSize(join(SITE_DIR, f.path)), 0);
}

/** The proxy's sign-in cookie of a seller who ticked "Ghi nhớ đăng nhập". */
async function keptSignIn(browser: Browser, origin: string) {
  const demo = await openDemo(browser, origin);
  try {
    await login(demo.page, 'demo', 'demo123', true);
    return await demo.context.cookies();
  } finally {
    await demo.close();
  }
}

/**
 * What a page downloads before the inbox is usable: the demo (all three elements) opened by a
 * returning seller, in a new browser profile (nothing cached), recording the widget scripts it
 * fetches; also what it loads after the rows and when a seller opens things, and the
 * single-file build.
 */
export const bundleFigure: Figure = {
  id: 'bundle',
  method:
    'The demo (all three elements) served by the proxy, opened in a new Chromium profile (empty ' +
    'cache) by a seller whose sign-in the proxy kept ("Ghi nhớ đăng nhập"), so the inbox loads ' +
    `its rows by itself. Counted: every widget script (\`/widgets/**.js\`) whose fetch started before the inbox's first rows rendered (its \`${ROWS_MARK}\` User Timing mark), gzip -9 of the file as built, 1 KB = 1024 bytes. ` +
    'Then: the scripts loaded after the rows until the page is quiet (the idle prefetch), and ' +
    'those fetched when the seller opens the first conversation, its customer info, its ' +
    'templates and the `?` dialog (none once prefetched). Baseline: the single-file build ' +
    '(`chatomni-widgets.all.js`, everything in one file) in the same run.',
  async run(ctx) {
    const stack = await ctx.stack();
    const origin = stack.proxy.url;
    const cookies = await keptSignIn(stack.browser, origin);
    const context = await stack.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    try {
      await context.addCookies(cookies);
      // No internet here: the customers' avatars (Facebook's CDN) fail at once.
      await context.route(
        (url) => url.origin !== new URL(origin).origin,
        (route) => route.fulfill({ status: 404, body: '' }),
      );
      const page = await context.newPage();
      await page.goto(`${origin}/`, { waitUntil: 'domcontentloaded' });
      const rowsAt = await page
        .waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, ROWS_MARK, {
          timeout: 20_000,
        })
        .then((handle) => handle.jsonValue() as Promise<number>);
      let seen = -1;
      let all: Fetched[] = [];
      await waitUntil(
        async () => {
          all = await widgetScripts(page);
          const quiet = all.length === seen;
          seen = all.length;
          return quiet;
        },
        'the page to stop loading scripts',
        { timeout: 20_000, interval: QUIET_MS },
      );
      const before = all.filter((f) => f.startTime < rowsAt);
      const after = all.filter((f) => f.startTime >= rowsAt);

      // A seller opens things: nothing more should be fetched.
      await page.locator('chatomni-inbox [role="option"]').first().click();
      await page.locator('chatomni-thread [part~="info-button"]').click();
      await page.locator('chatomni-thread .panel dl, chatomni-thread .panel p').first().waitFor();
      await page.locator('chatomni-thread [part~="templates-button"]').click();
      await page.locator('chatomni-thread .panel ul, chatomni-thread .panel p').first().waitFor();
      await page.locator('chatomni-thread [part~="panel-close"]').click();
      await page.keyboard.press('?');
      await page.locator('dialog.shortcuts[open]').first().waitFor();
      const opened = (await widgetScripts(page)).slice(all.length);

      const first = gzipped(before);
      const single = gzipSize(SINGLE);
      const names = (files: Fetched[]) => files.map((f) => f.path.replace('/widgets/', ''));
      return [
        {
          figure: 'JavaScript before the inbox shows its rows, gzip',
          value: `${kib(first)} in ${before.length} file(s)`,
          goal: `≤ ${kib(GOAL_BYTES)}`,
          met: first <= GOAL_BYTES,
          baseline: `${kib(single)} (one file)`,
          ratio: ratio(first, single),
          raw: { gzipBytes: first, files: names(before), singleFileGzipBytes: single },
        },
        {
          figure: 'single-file build (chatomni-widgets.all.js), gzip',
          value: kib(single),
          goal: '—',
          met: null,
          raw: { gzipBytes: single },
        },
        {
          figure: 'JavaScript loaded after the rows, when the page is idle, gzip',
          value: `${kib(gzipped(after))} in ${after.length} file(s)`,
          goal: '—',
          met: null,
          raw: { gzipBytes: gzipped(after), files: names(after) },
        },
        {
          figure: 'scripts fetched on opening a conversation, its info, templates and ?',
          value: `${opened.length}`,
          goal: '0 (all prefetched)',
          met: opened.length === 0,
          raw: { files: names(opened) },
        },
      ];
    } finally {
      await context.close();
    }
  },
};
