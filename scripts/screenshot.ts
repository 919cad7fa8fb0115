/**
 * `npm run screenshot`: renders the demo with simulator data in headless Chromium and writes
 * `docs/screenshot.png` (1440×900): logged in, a conversation open with its messages, the
 * customer info and a new order in the page's event log, a fresh message elsewhere.
 *
 * Needs the widget bundle (`npm run build`); starts and stops its own simulator, proxy
 * (wrangler, workerd) and browser.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

const OUT = join(ROOT, 'docs', 'screenshot.png');

process.env.WRANGLER_SEND_METRICS = 'false';
const stack = await startStack({ simulator: { conversations: 300, seed: 1 } });
try {
  const demo = await openDemo(stack.browser, stack.proxy.url, {
    viewport: { width: 1440, height: 900 },
  });
  const { page } = demo;
  await login(page);
  await waitUntil(async () => {
    const view = await sessionView(page);
    return view.mode === 'realtime';
  }, 'realtime');
  // A conversation with a real back-and-forth, not the first row.
  const rows = await inboxRows(page);
  const { order } = await sessionView(page);
  let index = 1;
  for (let i = 1; i < Math.min(rows.length, order.length, 10); i++) {
    const upstream = await simControl<{ ItemIds: string[] }>(
      stack.sim,
      `conversations/${order[i]!.id}`,
    );
    if (upstream.ItemIds.length >= 6 && /^\p{L}/u.test(rows[i]!.last)) {
      index = i;
      break;
    }
  }
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
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`written: ${OUT}`);
  await demo.close();
} finally {
  await stack.close();
}
