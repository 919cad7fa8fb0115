/**
 * The demo on a phone (360×740) end to end, through the proxy in workerd against the simulator:
 * one pane at a time (the list, then the open conversation full width with a back button),
 * the status folded into one badge, nothing wider than the screen; then the theme switch and
 * the shortcuts on the same page. The steps build on each other, as a seller's would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  inboxRows,
  login,
  openDemo,
  sessionView,
  waitUntil,
  startStack,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';

const WIDTH = 360;

let stack: E2EStack;
let demo: DemoPage;
let page: Page;

/** Left, right and width of an element (shadow DOM pierced), or null when it is not shown. */
async function box(
  selector: string,
): Promise<{ left: number; right: number; width: number } | null> {
  const b = await page.locator(selector).first().boundingBox();
  return b && b.width > 0 ? { left: b.x, right: b.x + b.width, width: b.width } : null;
}

/** Elements wider than the screen or outside it, and the page's own horizontal scroll. */
async function overflow(): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth}`);
    }
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        const r = el.getBoundingClientRect();
        const shown = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        // Text cut with an ellipsis and scrolled-away rows inside a scroller are fine: only
        // boxes that reach past the screen's edges count.
        if (shown && (r.left < -0.5 || r.right > width + 0.5)) {
          out.push(`${el.localName}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  }, WIDTH);
}

const shownPane = () =>
  page.evaluate(() => ({
    inbox: getComputedStyle(document.querySelector('chatomni-inbox')!).display !== 'none',
    thread: getComputedStyle(document.querySelector('.thread-pane')!).display !== 'none',
  }));

describe('the demo on a 360 px phone', () => {
  before(async () => {
    stack = await startStack({ simulator: { conversations: 40, seed: 5 } });
    demo = await openDemo(stack.browser, stack.proxy.url, {
      viewport: { width: WIDTH, height: 740 },
    });
    page = demo.page;
  });

  after(async () => {
    await demo?.close();
    await stack?.close();
  });

  it('shows the list full width, the status folded into one badge, nothing wider', async () => {
    await login(page);
    await waitUntil(
      async () =>
        (await page.locator('chatomni-status [part~="summary"]').textContent())?.includes(
          'Realtime',
        ),
      'folded Realtime badge',
    );
    assert.equal(await page.locator('chatomni-status [part~="chat"]').count(), 0);
    assert.deepEqual(await shownPane(), { inbox: true, thread: false });
    const inbox = (await box('chatomni-inbox'))!;
    assert.ok(inbox.left >= 0 && inbox.right <= WIDTH, JSON.stringify(inbox));
    assert.ok(inbox.width >= WIDTH - 24, `the list is ${inbox.width} px wide`);
    assert.deepEqual(await overflow(), []);
    assert.equal(await page.locator('#back').isVisible(), false);
    // Notifications are on in the demo: the bell is there.
    assert.equal(await page.locator('chatomni-inbox [part~="sound"]').isVisible(), true);
  });

  it('opens a conversation full width with a back button', async () => {
    const rows = await inboxRows(page);
    await page.locator('chatomni-inbox [role="option"]').nth(1).click();
    await waitUntil(async () => (await shownPane()).thread, 'thread pane');
    assert.deepEqual(await shownPane(), { inbox: false, thread: true });
    const name = await page.locator('chatomni-thread [part~="name"]').textContent();
    assert.equal(name?.trim(), rows[1]!.name);
    await waitUntil(async () => (await sessionView(page)).threadIds.length > 0, 'messages');
    const thread = (await box('chatomni-thread'))!;
    assert.ok(thread.width >= WIDTH - 24, `the thread is ${thread.width} px wide`);
    for (const part of ['create-order', 'info-button', 'templates-button', 'send']) {
      const b = (await box(`chatomni-thread [part~="${part}"]`))!;
      assert.ok(b.right <= thread.right, `${part} sticks out: ${JSON.stringify(b)}`);
    }
    assert.deepEqual(await overflow(), []);
    assert.equal(await page.locator('#back').isVisible(), true);
  });

  it('shows the customer info over the messages, full width', async () => {
    await page.locator('chatomni-thread [part~="info-button"]').click();
    await page.locator('chatomni-thread [part~="panel"] dl').waitFor();
    const panel = (await box('chatomni-thread [part~="panel"]'))!;
    const thread = (await box('chatomni-thread'))!;
    assert.ok(Math.abs(panel.width - (thread.width - 2)) <= 1, JSON.stringify({ panel, thread }));
    await page.locator('chatomni-thread [part~="panel-close"]').click();
    assert.equal(await page.locator('chatomni-thread [part~="panel"]').count(), 0);
  });

  it('goes back to the list with the back button and with the browser back', async () => {
    await page.locator('#back').click();
    await waitUntil(async () => (await shownPane()).inbox, 'list after back');
    assert.deepEqual(await shownPane(), { inbox: true, thread: false });
    await page.locator('chatomni-inbox [role="option"]').nth(2).click();
    await waitUntil(async () => (await shownPane()).thread, 'thread pane again');
    await page.goBack();
    await waitUntil(async () => (await shownPane()).inbox, 'list after the browser back');
    assert.deepEqual(await shownPane(), { inbox: true, thread: false });
  });

  it('opens the next conversation with J and shows it, and lists the shortcuts with ?', async () => {
    const before = (await sessionView(page)).selectedId;
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await waitUntil(async () => (await shownPane()).thread, 'thread pane after J');
    assert.notEqual((await sessionView(page)).selectedId, before);
    await page.locator('#back').click();
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const dialog = page.locator('chatomni-inbox dialog[part~="shortcuts"]');
    await dialog.waitFor();
    assert.equal((await dialog.locator('h2').textContent())?.trim(), 'Phím tắt');
    const b = (await box('chatomni-inbox dialog[part~="shortcuts"]'))!;
    assert.ok(b.left >= 0 && b.right <= WIDTH, JSON.stringify(b));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('switches to the dark theme and keeps it after a reload', async () => {
    await page.locator('#theme-select').selectOption('dark');
    const themes = () =>
      page.evaluate(() => ({
        page: document.documentElement.dataset['theme'] ?? null,
        elements: [
          ...document.querySelectorAll('chatomni-status, chatomni-inbox, chatomni-thread'),
        ].map((el) => el.getAttribute('theme')),
        bg: getComputedStyle(document.querySelector('chatomni-inbox')!).backgroundColor,
      }));
    assert.deepEqual(await themes(), {
      page: 'dark',
      elements: ['dark', 'dark', 'dark'],
      bg: 'rgb(17, 24, 39)',
    });
    await page.reload();
    await page.locator('#theme-select').waitFor();
    await waitUntil(async () => (await themes()).page === 'dark', 'dark after reload');
    assert.deepEqual((await themes()).elements, ['dark', 'dark', 'dark']);
    assert.equal(await page.locator('#theme-select').inputValue(), 'dark');
    await page.locator('#theme-select').selectOption('system');
    assert.deepEqual(await themes(), {
      page: null,
      elements: [null, null, null],
      bg: 'rgb(255, 255, 255)',
    });
    assert.deepEqual(demo.pageErrors, []);
  });
});
