/**
 * The framework examples end to end (examples/react, examples/vue, examples/plain-html): each
 * is installed and built as its developers would (the React and Vue ones with Vite, against
 * the packed @chatomni/widgets; the plain page uses the CDN build), served from its own origin,
 * and driven in Chromium against the proxy in workerd (allowed by ALLOWED_ORIGINS) and the
 * simulator: it logs in through the proxy, shows the inbox, shows a pushed message, and the
 * page's own handler (React prop, Vue `@chatomni-order-created`, `addEventListener`) receives
 * `chatomni-order-created` and shows the order.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { BUNDLE } from '../../scripts/build-site.js';
import {
  bothSocketsUp,
  inboxRows,
  launchChromium,
  login,
  sessionView,
  shadowText,
  simControl,
  simulatorUpstream,
  startProxy,
  statusView,
  waitUntil,
  type RunningProxy,
} from '../stack/index.js';
import { buildExample, EXAMPLES_DIR } from './example-build.js';
import { startStaticServer, type StaticServer } from './static-server.js';

/** The origin the plain page names for its proxy (`wrangler dev`), replaced when served. */
const DEV_PROXY = 'http://127.0.0.1:8080';

let sim: RunningSimulator;
let proxy: RunningProxy;
let site: StaticServer;
let browser: Browser;
/** Conversations already used by an example (each takes a fresh one). */
const used = new Set<string>();

/** One run of an example: its folder, and versions installed over its lock. */
interface Variant {
  label: string;
  name: string;
  swap?: string[];
  /** What the React page shows as its React version. */
  react?: RegExp;
}

const VARIANTS: Variant[] = [
  { label: 'react (React 19)', name: 'react', react: /^React 19\./ },
  {
    label: 'react (React 18)',
    name: 'react',
    swap: ['react@18', 'react-dom@18', '@types/react@18', '@types/react-dom@18'],
    react: /^React 18\./,
  },
  { label: 'vue', name: 'vue' },
  { label: 'plain-html', name: 'plain-html' },
];

/**
 * Serves examples/<name> as built, or for the plain page examples/ as written (the page is at
 * /plain-html/, next to the shared stylesheet) plus the CDN build in its vendor/ folder.
 * @returns the page's path
 */
async function serve({ label, name, swap }: Variant): Promise<string> {
  if (name === 'plain-html') {
    site.mount(
      {
        '/': EXAMPLES_DIR,
        '/plain-html/vendor/chatomni-widgets/': join(BUNDLE, '..'),
      },
      (_path, text) => text.replaceAll(DEV_PROXY, proxy.url),
    );
    console.log('plain-html: no install or build (the CDN build from `npm run build`)');
    return '/plain-html/';
  }
  const built = await buildExample(name, proxy.url, swap);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`${label}: install ${s(built.installMs)}, build ${s(built.buildMs)}`);
  site.mount({ '/': built.dir });
  return '/';
}

/** Opens the served page in a fresh context that can reach only the page and the proxy. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const allowed = new Set([site.origin, proxy.url]);
  await context.route(
    (url) => !allowed.has(url.origin),
    (route) => route.fulfill({ status: 404, body: '' }),
  );
  await context.addInitScript(() => {
    // tsx compiles with esbuild's keepNames: functions passed to page.evaluate may call it.
    (globalThis as unknown as { __name: unknown }).__name ??= (fn: unknown) => fn;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}${path}`);
  return { page, errors };
}

/** Orders the page lists in its own "Đơn vừa tạo" panel. */
const pageOrders = (page: Page) => page.locator('#orders li').allTextContents();

async function exercise(variant: Variant): Promise<void> {
  const { page, errors } = await open(await serve(variant));
  try {
    if (variant.react) {
      assert.match((await page.locator('#react-version').textContent()) ?? '', variant.react);
    }
    // Logs in through the inbox's own form, through the proxy (another origin).
    await page.locator('chatomni-inbox form[part~="login"]').waitFor();
    await login(page);
    await waitUntil(async () => bothSocketsUp(await statusView(page)), 'both sockets up');

    // Opens a conversation no other example used, and sees a pushed message.
    const view = await sessionView(page);
    const index = view.order.findIndex((c, i) => i >= 1 && !used.has(c.id));
    const conversation = view.order[index]!;
    used.add(conversation.id);
    await page.locator('chatomni-inbox [role="option"]').nth(index).click();
    await waitUntil(async () => (await sessionView(page)).selectedId === conversation.id, 'open');
    const text = `Ví dụ ${variant.label} ${Date.now().toString(36)}`;
    await simControl(sim, 'emit', { conversationId: conversation.id, text, kind: 'message' });
    await waitUntil(async () => (await shadowText(page, 'chatomni-thread')).includes(text), text);
    await waitUntil(async () => (await inboxRows(page))[0]?.last === text, 'pushed row on top');

    // The page's own handler hears chatomni-order-created and lists the order.
    const before = await simControl<{ OrderIds: string[] }>(
      sim,
      `conversations/${conversation.id}`,
    );
    assert.deepEqual(await pageOrders(page), []);
    await page.locator('chatomni-thread').getByRole('button', { name: 'Tạo đơn hàng' }).click();
    const [code] = await waitUntil(async () => {
      const orders = await pageOrders(page);
      return orders.length ? orders : null;
    }, 'the page lists the created order');
    const afterOrder = await simControl<{ OrderIds: string[] }>(
      sim,
      `conversations/${conversation.id}`,
    );
    assert.equal(afterOrder.OrderIds.length, before.OrderIds.length + 1);
    assert.match(code!, /\d{6,}/);
    const digits = /(\d{6,})$/.exec(code!)![1]!;
    await waitUntil(
      async () => (await shadowText(page, 'chatomni-thread')).includes(digits),
      digits,
    );
    assert.deepEqual(await pageOrders(page), [code], 'exactly one order listed');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
}

describe('the framework examples, built and run against the proxy and the simulator', () => {
  before(async () => {
    sim = await startSimulator({ conversations: 12, seed: 21 });
    site = await startStaticServer();
    proxy = await startProxy({
      ...simulatorUpstream(sim),
      vars: { ALLOWED_ORIGINS: site.origin },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
    await site?.close();
    await sim?.close();
  });

  for (const variant of VARIANTS) {
    it(`${variant.label}: logs in, shows a pushed message and hands chatomni-order-created to the page`, () =>
      exercise(variant));
  }
});
