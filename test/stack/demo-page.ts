/**
 * Driving the demo page in Chromium: open it, log in, and read what the elements show
 * (their shadow DOM) and what the shared session knows. Used by the end-to-end tests, the
 * screenshot script and the benchmarks.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** An open demo page and what went wrong on it. */
export interface DemoPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions of the page. */
  pageErrors: string[];
  /** Content-Security-Policy violations (`directive blocked-uri element`). */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Options of {@link openDemo}. */
export interface OpenDemoOptions {
  /** Attributes set on all three elements before anything else happens (e.g. `poll-interval`). */
  attributes?: Record<string, string>;
  /**
   * Session settings applied through the elements' `config` property before login (e.g.
   * `{ reconnectDelay: 200, slowReconnectDelay: 1000 }`).
   */
  config?: Record<string, unknown>;
  /** Default 1440×900. */
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel (a phone's sharper screenshots). Default 1. */
  deviceScaleFactor?: number;
  /** Called with the new page before it loads anything (e.g. to record every response). */
  beforeLoad?: (page: Page) => void;
  /**
   * Opens the demo as another tab of this context (of an earlier `openDemo`), which shares its
   * cookies, Web Locks and BroadcastChannels; `close()` then closes only this tab.
   */
  context?: BrowserContext;
}

const ELEMENTS = 'chatomni-status, chatomni-inbox, chatomni-thread';

/**
 * Opens the demo at `baseUrl` in a fresh browser context (or as another tab of `options.context`). Requests to other origins (the
 * customers' Facebook avatars) are answered 404 at once: there is no internet here, and the
 * page must cope with failing avatars anyway.
 */
export async function openDemo(
  browser: Browser,
  baseUrl: string,
  options: OpenDemoOptions = {},
): Promise<DemoPage> {
  const origin = new URL(baseUrl).origin;
  const context = options.context ?? (await newDemoContext(browser, origin, options));
  const page = await context.newPage();
  options.beforeLoad?.(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const demo: DemoPage = {
    context,
    page,
    pageErrors,
    cspViolations: [],
    close: () => (options.context ? page.close() : context.close()),
  };
  await loadDemo(page, origin);
  await page.evaluate(
    ({ selector, attributes, config }) => {
      for (const el of document.querySelectorAll(selector)) {
        for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
        if (config) (el as HTMLElement & { config?: unknown }).config = config;
      }
    },
    { selector: ELEMENTS, attributes: options.attributes ?? {}, config: options.config },
  );
  return demo;
}

/** A browser context for the demo: no internet, CSP violations recorded. */
async function newDemoContext(
  browser: Browser,
  origin: string,
  options: OpenDemoOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ status: 404, body: '' }),
  );
  await context.addInitScript(() => {
    // tsx compiles with esbuild's keepNames: functions passed to page.evaluate may call it.
    (globalThis as unknown as { __name: unknown }).__name ??= (fn: unknown) => fn;
    const list: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: list });
    document.addEventListener('securitypolicyviolation', (e) => {
      // The element inside its shadow root, e.g. `span.avatar` (events are retargeted).
      const el = e.composedPath()[0];
      const where =
        el instanceof Element
          ? `${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`
          : '';
      list.push(`${e.violatedDirective} ${e.blockedURI} ${where}`.trim());
    });
  });
  return context;
}

/** Loads the demo into `page` (once more when the load stalls) until its elements are defined. */
async function loadDemo(page: Page, origin: string): Promise<void> {
  // Requests still open, named when a load stalls (it happened once in CI: `load` never came).
  const pending = new Set<string>();
  page.on('request', (r) => pending.add(r.url()));
  page.on('requestfinished', (r) => pending.delete(r.url()));
  page.on('requestfailed', (r) => pending.delete(r.url()));
  for (let attempt = 1; ; attempt++) {
    try {
      // The elements are defined by the module script, which runs before DOMContentLoaded.
      const response = await page.goto(`${origin}/`, {
        waitUntil: 'domcontentloaded',
        timeout: 20_000,
      });
      if (!response?.ok()) throw new Error(`the demo answered ${response?.status()}`);
      await page.waitForFunction(
        () =>
          ['chatomni-status', 'chatomni-inbox', 'chatomni-thread'].every((n) =>
            customElements.get(n),
          ),
        undefined,
        { timeout: 10_000 },
      );
      break;
    } catch (error) {
      const open = [...pending].join(', ') || 'none';
      if (attempt === 2) throw new Error(`${String(error)}; requests still open: ${open}`);
      console.warn(
        `[e2e] the demo did not load (${String(error).split('\n')[0]}; open: ${open}); once more`,
      );
      pending.clear();
    }
  }
}

/** CSP violations seen so far on the page. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...(window as unknown as { __cspViolations: string[] }).__cspViolations,
  ]);
}

/**
 * Polls `probe` (every 25 ms by default) until it returns a truthy value and returns that
 * value; throws with `message` and the last value after `timeout` ms (default 10 s).
 */
export async function waitUntil<T>(
  probe: () => Promise<T> | T,
  message: string,
  { timeout = 10_000, interval = 25 }: { timeout?: number; interval?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms: ${message} (last: ${JSON.stringify(last)})`);
    }
    await sleep(interval);
  }
}

/**
 * Fills and submits the login form of `<chatomni-inbox>`, ticking "Ghi nhớ đăng nhập" when
 * `remember` (default false).
 */
export async function submitLogin(
  page: Page,
  username = 'demo',
  password = 'demo123',
  remember = false,
) {
  const form = page.locator('chatomni-inbox form[part~="login"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="remember"]').setChecked(remember);
  await form.locator('button[type="submit"]').click();
}

/** Logs in through the inbox's form (see {@link submitLogin}) and waits until rows are shown. */
export async function login(
  page: Page,
  username = 'demo',
  password = 'demo123',
  remember = false,
): Promise<void> {
  await submitLogin(page, username, password, remember);
  await waitUntil(async () => (await inboxRows(page)).length > 0, 'inbox rows after login', {
    timeout: 20_000,
  });
}

/** One rendered row of the inbox. */
export interface InboxRow {
  /** Position in the list (0 = top). */
  index: number;
  name: string;
  /** The unread badge (0 without one; 100 for "99+"). */
  unread: number;
  selected: boolean;
  /** The last-message line. */
  last: string;
}

/** The rows `<chatomni-inbox>` has in its DOM now, top first. */
export async function inboxRows(page: Page): Promise<InboxRow[]> {
  return page.evaluate(() => {
    const root = document.querySelector('chatomni-inbox')?.shadowRoot;
    if (!root) return [];
    return [...root.querySelectorAll<HTMLElement>('[role="option"]')]
      .map((row) => {
        // The count is the badge's own text (Lit's comment markers and the .sr label aside).
        const badgeEl = row.querySelector('[part~="unread"]');
        const badge = [...(badgeEl?.childNodes ?? [])]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .trim();
        return {
          index: Number(row.dataset.index ?? row.getAttribute('aria-posinset') ?? 0),
          name: row.querySelector('[part~="name"]')?.textContent?.trim() ?? '',
          unread: badge === '' ? 0 : badge === '99+' ? 100 : Number(badge),
          selected: row.getAttribute('aria-selected') === 'true',
          last: row.querySelector('.last')?.textContent?.trim() ?? '',
        };
      })
      .sort((a, b) => a.index - b.index);
  });
}

/** What `<chatomni-status>` shows. */
export interface StatusView {
  chat: string;
  rt: string;
  /** E.g. `⚡Realtime`, `🔄Polling`. */
  mode: string;
  /** The 🔒 sign-in badge is shown. */
  loginRequired: boolean;
}

/** Reads the badges of `<chatomni-status>`. */
export async function statusView(page: Page): Promise<StatusView> {
  return page.evaluate(() => {
    const root = document.querySelector('chatomni-status')?.shadowRoot;
    // Visible text only: the screen-reader labels (.sr) are left out.
    const text = (part: string) => {
      const el = root?.querySelector(`[part~="${part}"]`)?.cloneNode(true) as Element | undefined;
      el?.querySelectorAll('.sr').forEach((sr) => sr.remove());
      return el?.textContent?.replace(/\s+/g, '') ?? '';
    };
    return {
      chat: text('chat'),
      rt: text('rt'),
      mode: text('mode'),
      loginRequired: Boolean(root?.querySelector('.auth')),
    };
  });
}

/** The status shows ⚡Realtime with both sockets 🟢 (the steady state after login). */
export function bothSocketsUp(status: StatusView): boolean {
  return status.mode.includes('Realtime') && status.chat.includes('🟢') && status.rt.includes('🟢');
}

/** All text in an element's shadow root (nested shadow roots included), whitespace collapsed. */
export async function shadowText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      for (const child of node.childNodes) walk(child);
    };
    const host = document.querySelector(sel);
    if (host?.shadowRoot) walk(host.shadowRoot);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  }, selector);
}

/** What the shared session knows (through `<chatomni-inbox>.chatSession`). */
export interface SessionView {
  auth: string;
  mode: string;
  polling: boolean;
  selectedId: string | null;
  /** Conversations, newest activity first. */
  order: { id: string; name: string; unread: number; pageId: string; psid: string }[];
  /** Message ids of the selected conversation's thread, oldest first. */
  threadIds: string[];
}

/** Reads the session behind the elements. */
export async function sessionView(page: Page): Promise<SessionView> {
  return page.evaluate(() => {
    type Session = {
      status: { auth: string; mode: string; polling: boolean };
      selectedId: string | null;
      store: {
        sortedConversations(): {
          id: string;
          name: string;
          unreadCount: number;
          pageId: string;
          psid: string;
        }[];
        getThread(id: string): { messages: readonly { id: string }[] } | undefined;
      };
    };
    const session = (
      document.querySelector('chatomni-inbox') as unknown as { chatSession: Session }
    ).chatSession;
    const selected = session.selectedId;
    return {
      auth: session.status.auth,
      mode: session.status.mode,
      polling: session.status.polling,
      selectedId: selected,
      order: session.store.sortedConversations().map((c) => ({
        id: c.id,
        name: c.name,
        unread: c.unreadCount,
        pageId: c.pageId,
        psid: c.psid,
      })),
      threadIds: selected
        ? (session.store.getThread(selected)?.messages.map((m) => m.id) ?? [])
        : [],
    };
  });
}

/** Entries of the demo's event log panel, newest first. */
export async function eventLog(
  page: Page,
): Promise<{ type: string; text: string; codes: string[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#event-log li')].map((li) => ({
      type: li.dataset.type ?? '',
      text: li.querySelector('.log-text')?.textContent ?? '',
      codes: [...li.querySelectorAll('.order-code')].map((c) => c.textContent ?? ''),
    })),
  );
}
