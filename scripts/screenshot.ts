/**
 * `npm run screenshot`: renders the demo with simulator data in headless Chromium and writes
 * into `docs/`:
 * - `screenshot.png` (1440×900, light theme): logged in, a conversation open with its messages,
 *   the customer info and a new order in the page's event log, a fresh message elsewhere;
 * - `screenshot-dark.png`: the same page after the demo's theme switch chose "Tối";
 * - `screenshot-phone.png` and `screenshot-phone-thread.png` (360×780 at 2×): the list, then the
 *   open conversation full width with the back button.
 *
 * Needs the widget bundle (`npm run build`); starts and stops its own simulator, proxy
 * (wrangler, workerd) and browser.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  eventLog,
  inboxRows,
  login,
  openDemo,
  sessionView,
  simControl,
  startStack,
  waitUntil,
} from '../test/stack/index.js';
import { ROOT } from './build-site.js';

const DOCS = join(ROOT, 'docs');

/** Picks a theme with the demo's switch, as a seller would. */
async function chooseTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.locator('#theme-select').selectOption(theme);
  await waitUntil(
    () =>
      page.evaluate(
        (t) => document.querySelector('chatomni-thread')?.getAttribute('theme') === t,
        theme,
      ),
    `theme ${theme}`,
  );
}

/** The row of a conversation with a real back-and-forth, not the first one. */
async function richConversation(page: Page): Promise<number> {
  const rows = await inboxRows(page);
  const { order } = await sessionView(page);
  for (let i = 1; i < Math.min(rows.length, order.length, 10); i++) {
    const upstream = await simControl<{ ItemIds: string[] }>(
      stack.sim,
      `conversations/${order[i]!.id}`,
    );
    if (upstream.ItemIds.length >= 6 && /^\p{L}/u.test(rows[i]!.last)) return i;
  }
  return 1;
}

/** Writes `docs/<name>` and says so. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const path = join(DOCS, name);
  await page.screenshot({ path });
  console.log(`written: ${path}`);
}

process.env.WRANGLER_SEND_METRICS = 'false';
const stack = await startStack({ simulator: { conversations: 300, seed: 1 } });
try {
  const demo = await openDemo(stack.browser, stack.proxy.url, {
    viewport: { width: 1440, height: 900 },
  });
  const { page } = demo;
  await chooseTheme(page, 'light');
  await login(page);
  await waitUntil(async () => {
    const view = await sessionView(page);
    return view.mode === 'realtime';
  }, 'realtime');
  const index = await richConversation(page);
  await page.locator('chatomni-inbox [role="option"]').nth(index).click();
  await waitUntil(async () => (await sessionView(page)).threadIds.length >= 3, 'messages');
  const thread = page.locator('chatomni-thread');
  await thread.getByRole('button', { name: 'Thông tin' }).click();
  await waitUntil(async () => (await eventLog(page)).length >= 1, 'chatomni-info logged');
  await thread.getByRole('button', { name: 'Tạo đơn hàng' }).click();
  await waitUntil(
    async () => (await eventLog(page)).some((e) => e.type === 'chatomni-order-created'),
    'order logged',
  );
  // Something arriving elsewhere: an unread badge near the top.
  const now = await sessionView(page);
  const other = now.order.find((c, i) => i >= 3 && c.id !== now.selectedId);
  if (other) {
    await simControl(stack.sim, 'emit', {
      conversationId: other.id,
      kind: 'message',
      text: 'Shop ơi, váy hoa còn size M không ạ?',
    });
    await waitUntil(async () => (await inboxRows(page))[0]?.name === other.name, 'on top');
  }
  // The list keeps its place while rows arrive above; show the top.
  await page.evaluate(() => {
    const list = document
      .querySelector('chatomni-inbox')
      ?.shadowRoot?.querySelector('[part~="list"]');
    list?.scrollTo({ top: 0 });
  });
  mkdirSync(DOCS, { recursive: true });
  await shoot(page, 'screenshot.png');
  await chooseTheme(page, 'dark');
  await shoot(page, 'screenshot-dark.png');
  await demo.close();

  // A phone: the list first, then the conversation full width.
  const phone = await openDemo(stack.browser, stack.proxy.url, {
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
  });
  await chooseTheme(phone.page, 'light');
  await login(phone.page);
  await shoot(phone.page, 'screenshot-phone.png');
  const phoneIndex = await richConversation(phone.page);
  await phone.page.locator('chatomni-inbox [role="option"]').nth(phoneIndex).click();
  await waitUntil(async () => (await sessionView(phone.page)).threadIds.length >= 3, 'messages');
  await shoot(phone.page, 'screenshot-phone-thread.png');
  await phone.close();
} finally {
  await stack.close();
}
