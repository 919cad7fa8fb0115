/**
 * The demo page end to end: Chromium (playwright-core) drives `demo/index.html` served by the
 * proxy in real workerd (wrangler), which talks to a real simulator. One simulator, one
 * Worker and one browser are shared by the steps below, which run in order and build on
 * each other (logged in → conversation open → ...). Everything is stopped at the end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  bothSocketsUp,
  cspViolations,
  eventLog,
  inboxRows,
  login,
  openDemo,
  sessionView,
  shadowText,
  simControl,
  startStack,
  statusView,
  submitLogin,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';

/** Poll interval set on the elements before login (the default is 10 s). */
const POLL_MS = 1000;
const CHATOMNI = '/api-ms/chatomni/v1';

let stack: E2EStack;
let demo: DemoPage;
let page: Page;
/** The conversation opened in the thread. */
let open: { id: string; name: string };
/** Texts pushed into the open conversation, each must be shown exactly once. */
const pushedToOpen: string[] = [];

let counter = 0;
/** A message text that appears nowhere else. */
const unique = (label: string) => `E2E ${label} #${++counter} ${Date.now().toString(36)}`;

async function emit(conversationId: string, text: string): Promise<{ Id: string }> {
  return simControl<{ Id: string }>(stack.sim, 'emit', { conversationId, text, kind: 'message' });
}

/** A conversation as `/__sim/conversations/<id>` shows it (the fields read here). */
interface SimThread {
  ItemIds: string[];
  OrderIds: string[];
  /** Each item's REST id and socket id (another one in the recorded profile). */
  Items: { Id: string; SocketId: string }[];
}

/**
 * Both ids of each upstream item: a message pushed over a socket is stored under its socket
 * id until a REST read pairs it with its REST copy (docs/tpos-protocol.md §7.5).
 */
const anyId = (item: { Id: string; SocketId: string } | undefined) =>
  item ? [item.Id, item.SocketId] : [];

/** How often `needle` occurs in `haystack`. */
function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Conversations as the upstream lists them, newest first. */
async function upstreamConversations(): Promise<{ Id: string; Name: string }[]> {
  const token = stack.sim.login('demo').access_token;
  const res = await fetch(`${stack.sim.restUrl}${CHATOMNI}/conversations/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Limit: 200, Type: 'all', FromNewToOld: true }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { Data: { Id: string; Name: string }[] }).Data;
}

describe('the demo page, through the proxy in workerd, against the simulator', () => {
  before(async () => {
    stack = await startStack({ simulator: { conversations: 40, seed: 11 } });
    demo = await openDemo(stack.browser, stack.proxy.url, {
      attributes: { 'poll-interval': String(POLL_MS) },
      // Quick socket retries, so "sockets come back" does not wait for the 30 s slow retry.
      config: { reconnectDelay: 100, slowReconnectDelay: 500 },
    });
    page = demo.page;
  });

  after(async () => {
    await demo?.close();
    await stack?.close();
  });

  it('serves the page and the bundle with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${stack.proxy.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await res.text();
    assert.match(html, /<meta\s+http-equiv="Content-Security-Policy"/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    const bundle = await fetch(`${stack.proxy.url}/widgets/chatomni-widgets.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    await bundle.arrayBuffer();
    assert.equal(await page.locator('chatomni-inbox form[part~="login"]').count(), 1);
    // Against the simulator, the page tells a first-time visitor the demo login.
    await page.locator('#sim-hint').waitFor({ state: 'visible' });
    assert.equal(
      (await page.locator('#sim-hint').textContent())?.replace(/\s+/g, ' ').trim(),
      'Đang chạy với máy mô phỏng TPOS: đăng nhập bằng demo / demo123.',
    );
  });

  it('logs in and lists the conversations newest first, as the upstream does', async () => {
    await login(page);
    // The sockets connect right after the rows show, each in its own time.
    const status = await waitUntil(async () => {
      const view = await statusView(page);
      return view.chat === '🟢Chat' && view.rt === '🟢RT' ? view : null;
    }, 'both sockets connected');
    assert.deepEqual([status.mode, status.loginRequired], ['⚡Realtime', false]);
    const upstream = await upstreamConversations();
    const rows = await inboxRows(page);
    assert.ok(rows.length >= 5, `only ${rows.length} rows rendered`);
    assert.deepEqual(
      rows.map((r) => r.name),
      upstream.slice(0, rows.length).map((c) => c.Name),
    );
    const view = await sessionView(page);
    assert.deepEqual(
      view.order.map((c) => c.id),
      upstream.map((c) => c.Id),
    );
  });

  it('renders the rows where they belong (one below the other, visible)', async () => {
    const boxes = await page.evaluate(() => {
      const root = document.querySelector('chatomni-inbox')!.shadowRoot!;
      return [...root.querySelectorAll('[role="option"]')]
        .slice(0, 3)
        .map((row) => row.getBoundingClientRect())
        .map((r) => ({ top: r.top, height: r.height }));
    });
    assert.equal(boxes.length, 3);
    assert.ok(boxes.every((b) => b.height > 0));
    assert.ok(
      boxes[0]!.top < boxes[1]!.top && boxes[1]!.top < boxes[2]!.top,
      JSON.stringify(boxes),
    );
  });

  it('opens a conversation and shows its latest messages', async () => {
    const rows = await inboxRows(page);
    const view = await sessionView(page);
    // Not the top row, so that "moved to the top" below means something; a row whose list
    // answer had no text says so (docs/tpos-protocol.md §7.7), which no thread shows.
    const index = rows.findIndex(
      (r, i) => i >= 2 && /^[\p{L}]/u.test(r.last) && r.last !== 'Không có nội dung chữ',
    );
    assert.ok(index >= 2, 'a conversation whose last line is text');
    open = { id: view.order[index]!.id, name: rows[index]!.name };
    await page.locator('chatomni-inbox [role="option"]').nth(index).click();
    const last = rows[index]!.last.replace(/^Bạn: /, '');
    await waitUntil(async () => (await shadowText(page, 'chatomni-thread')).includes(last), last);
    const after = await sessionView(page);
    assert.equal(after.selectedId, open.id);
    const upstream = await simControl<SimThread>(stack.sim, `conversations/${open.id}`);
    assert.ok(after.threadIds.length > 0);
    assert.equal(after.threadIds.at(-1), upstream.ItemIds.at(-1));
    assert.ok(after.threadIds.every((id) => upstream.ItemIds.includes(id)));
    assert.equal((await inboxRows(page)).find((r) => r.name === open.name)?.selected, true);
  });

  it('shows a pushed message in the open thread and moves its conversation to the top', async () => {
    const text = unique('open');
    pushedToOpen.push(text);
    await emit(open.id, text);
    await waitUntil(async () => (await shadowText(page, 'chatomni-thread')).includes(text), text);
    await waitUntil(async () => (await inboxRows(page))[0]?.name === open.name, 'open on top');
    const top = (await inboxRows(page))[0]!;
    assert.equal(top.last, text);
    assert.equal(top.unread, 0, 'the open conversation is being read');
  });

  it('moves another conversation to the top with one more unread message', async () => {
    const view = await sessionView(page);
    const other = view.order.find((c, i) => i >= 4 && c.id !== open.id)!;
    const before = other.unread;
    const text = unique('other');
    await emit(other.id, text);
    await waitUntil(async () => (await inboxRows(page))[0]?.name === other.name, 'other on top');
    const top = (await inboxRows(page))[0]!;
    assert.deepEqual([top.last, top.unread], [text, before + 1]);
    assert.equal(occurrences(await shadowText(page, 'chatomni-thread'), text), 0);
  });

  it('falls back to polling when both sockets drop, and still shows new messages', async () => {
    await simControl(stack.sim, 'refuse', { server: 'both', seconds: 600 });
    await simControl(stack.sim, 'disconnect', { server: 'both', transport: true });
    await waitUntil(async () => (await statusView(page)).mode.includes('Polling'), 'Polling');
    const status = await statusView(page);
    assert.ok(!status.chat.includes('🟢') && !status.rt.includes('🟢'), JSON.stringify(status));
    assert.equal((await sessionView(page)).polling, true);
    const text = unique('polled');
    pushedToOpen.push(text);
    await emit(open.id, text);
    // Only the poller can bring it: both sockets are refused.
    await waitUntil(
      async () => (await shadowText(page, 'chatomni-thread')).includes(text),
      `polled message within a few poll intervals`,
      { timeout: POLL_MS * 8 },
    );
    // The inbox renders a busy session's changes at most every 100 ms: it follows the thread.
    await waitUntil(async () => (await inboxRows(page))[0]?.name === open.name, 'open on top');
  });

  it('goes back to Realtime when the sockets return, without duplicating anything', async () => {
    await simControl(stack.sim, 'refuse', { server: 'both', seconds: 0 });
    await waitUntil(async () => bothSocketsUp(await statusView(page)), 'both sockets back', {
      timeout: 20_000,
    });
    const text = unique('back');
    pushedToOpen.push(text);
    await emit(open.id, text);
    await waitUntil(async () => (await shadowText(page, 'chatomni-thread')).includes(text), text);
    // A settle, not a wait for an event: what is checked next is that nothing shows up twice,
    // which no condition can signal, so a poll or catch-up still in flight gets two poll
    // intervals to land (and to duplicate something, if it would) before counting.
    await page.waitForTimeout(POLL_MS * 2);
    const thread = await shadowText(page, 'chatomni-thread');
    for (const pushed of pushedToOpen) assert.equal(occurrences(thread, pushed), 1, pushed);
    const view = await sessionView(page);
    assert.equal(new Set(view.threadIds).size, view.threadIds.length, 'thread ids unique');
    const ids = view.order.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'conversations unique');
    const upstream = await simControl<SimThread>(stack.sim, `conversations/${open.id}`);
    assert.ok(anyId(upstream.Items.at(-1)).includes(view.threadIds.at(-1)!), 'last message');
    const known = new Set(upstream.Items.flatMap(anyId));
    assert.ok(
      view.threadIds.every((id) => known.has(id)),
      'thread ids are upstream ids',
    );
    const names = (await inboxRows(page)).map((r) => r.name);
    assert.equal(new Set(names).size, names.length, 'no row twice');
  });

  it('creates an order: the page logs both events and the order code is shown', async () => {
    const before = await simControl<{ OrderIds: string[] }>(stack.sim, `conversations/${open.id}`);
    await page.locator('chatomni-thread').getByRole('button', { name: 'Tạo đơn hàng' }).click();
    const entries = await waitUntil(async () => {
      const log = await eventLog(page);
      return log.some((e) => e.type === 'chatomni-order-created') ? log : null;
    }, 'chatomni-order-created in the log panel');
    // rich answers the order's Code; recorded only its Id, and the code shown is the one the
    // `created` event or a read found (docs/tpos-protocol.md §7.6): in both a real code.
    const created = entries.find((e) => e.type === 'chatomni-order-created')!;
    const requested = entries.find((e) => e.type === 'chatomni-create-order');
    assert.equal(requested?.text, `Tạo đơn cho ${open.name}`);
    assert.equal(created.codes.length, 1);
    const code = created.codes[0]!;
    assert.match(code, /\d{6,}/);
    const afterOrder = await simControl<{ OrderIds: string[] }>(
      stack.sim,
      `conversations/${open.id}`,
    );
    assert.equal(afterOrder.OrderIds.length, before.OrderIds.length + 1);
    const plain = /(\d{6,})$/.exec(code)![1]!;
    await waitUntil(
      async () => (await shadowText(page, 'chatomni-thread')).includes(plain),
      `order code ${plain} in the thread`,
    );
  });

  it('shows the customer info and tells the page (chatomni-info)', async () => {
    await page.locator('chatomni-thread').getByRole('button', { name: 'Thông tin' }).click();
    const entry = await waitUntil(
      async () => (await eventLog(page)).find((e) => e.type === 'chatomni-info'),
      'chatomni-info in the log panel',
    );
    assert.match(entry.text, /^Khách: \S/);
  });

  it('asks to log in again when the token expires, then shows the current inbox', async () => {
    await simControl(stack.sim, 'expire-tokens', {});
    await waitUntil(async () => (await statusView(page)).loginRequired, '🔒 sign-in badge');
    await page.locator('chatomni-inbox form[part~="login"]').waitFor({ timeout: 10_000 });
    assert.equal((await sessionView(page)).auth, 'auth-required');
    // Happens while the page cannot see it.
    const view = await sessionView(page);
    const missed = view.order.find((c, i) => i >= 3 && c.id !== open.id)!;
    const text = unique('missed');
    await emit(missed.id, text);
    await submitLogin(page);
    await waitUntil(async () => (await inboxRows(page))[0]?.name === missed.name, 'missed on top', {
      timeout: 15_000,
    });
    assert.equal((await inboxRows(page))[0]?.last, text);
    await waitUntil(async () => !(await statusView(page)).loginRequired, 'signed in again');
    const upstream = await upstreamConversations();
    assert.deepEqual(
      (await sessionView(page)).order.map((c) => c.id),
      upstream.map((c) => c.Id),
    );
  });

  it('accepts a token the page already has ("Dùng token có sẵn")', async () => {
    await simControl(stack.sim, 'expire-tokens', {});
    await waitUntil(async () => (await statusView(page)).loginRequired, '🔒 sign-in badge');
    const token = stack.sim.login('demo').access_token;
    await page.locator('#token-input').fill(token);
    await page.locator('#token-form button[type="submit"]').click();
    await waitUntil(
      async () => {
        const s = await statusView(page);
        return !s.loginRequired && s.mode.includes('Realtime') ? s : null;
      },
      'realtime with the given token',
      { timeout: 20_000 },
    );
    assert.equal(await page.locator('#token-input').inputValue(), '');
    assert.equal(await page.locator('#token-result').textContent(), 'Đã dùng token.');
    assert.ok(!page.url().includes(token));
    const text = unique('after-token');
    await emit(open.id, text);
    await waitUntil(async () => (await inboxRows(page))[0]?.last === text, text);
  });

  it('ran without uncaught errors or Content-Security-Policy violations', async () => {
    assert.deepEqual(demo.pageErrors, []);
    // Distinct violations, e.g. `style-src-attr inline` for a style="" attribute set by markup
    // or setAttribute (CSSOM `element.style.setProperty` is allowed).
    assert.deepEqual([...new Set(await cspViolations(page))], []);
  });
});
