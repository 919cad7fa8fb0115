/**
 * One connection per browser, end to end: three tabs of the demo in one Chromium context
 * (they share Web Locks and BroadcastChannels as a seller's tabs do), through the proxy in
 * workerd, against the simulator. One tab leads; the simulator sees one socket per server;
 * every tab shows every pushed message once; closing the leader in the middle of a burst, or
 * hanging its main thread, loses nothing and doubles nothing; a hidden leader without sockets
 * hands the lead to a visible tab, whose polls every tab then sees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import {
  login,
  openDemo,
  sessionView,
  shadowText,
  simControl,
  startStack,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';

/** Quick socket retries, so a reconnect never waits for the 30 s slow retry. */
const CONFIG = { reconnectDelay: 100, slowReconnectDelay: 500 };

let stack: E2EStack;
const tabs: DemoPage[] = [];
/** The conversation open in every tab. */
let openId: string;
/**
 * Messages pushed into it, each must be in every tab's thread exactly once: by its REST id or
 * its socket id (a message is stored under its socket id until a REST read pairs the two).
 */
const pushed: string[][] = [];

/** Sockets open at the simulator now, per server. */
async function openSockets(): Promise<string> {
  const c = await simControl<{ sockets: Record<'rt' | 'chat', { connected: number }> }>(
    stack.sim,
    'counters',
  );
  return `rt ${c.sockets.rt.connected}, chat ${c.sockets.chat.connected}`;
}

/** This tab's part in the shared connection, and whether its sockets (or its leader's) are up. */
async function tabState(page: Page): Promise<{ tab: string | null; realtime: boolean }> {
  return page.evaluate(() => {
    type Status = { tab: string | null; rt: { state: string }; chat: { state: string } };
    const s = (
      document.querySelector('chatomni-inbox') as unknown as {
        chatSession: { status: Status };
      }
    ).chatSession.status;
    return { tab: s.tab, realtime: s.rt.state === 'connected' && s.chat.state === 'connected' };
  });
}

async function leaderOf(open: DemoPage[]): Promise<DemoPage[]> {
  const states = await Promise.all(open.map((t) => tabState(t.page)));
  return open.filter((_, i) => states[i]!.tab === 'leader' && states[i]!.realtime);
}

/** How many of `items` the tab's open thread misses, and how many it holds more than once. */
async function missingAndDoubled(page: Page, items: string[][]): Promise<[number, number]> {
  const stored = await page.evaluate(() => {
    type Message = { id: string; aliases?: string[] };
    const session = (
      document.querySelector('chatomni-inbox') as unknown as {
        chatSession: {
          selectedId: string | null;
          thread(id: string): { messages: readonly Message[] } | undefined;
        };
      }
    ).chatSession;
    const id = session.selectedId;
    const messages = id ? (session.thread(id)?.messages ?? []) : [];
    return messages.map((m) => [m.id, ...(m.aliases ?? [])]);
  });
  const copies = (ids: string[]) =>
    stored.filter((names) => names.some((name) => ids.includes(name))).length;
  const counts = items.map(copies);
  return [counts.filter((n) => n === 0).length, counts.filter((n) => n > 1).length];
}

/** Waits until the tab's open thread holds each of `ids` once; fails at once on a double. */
async function waitOnce(t: DemoPage, ids: string[][], timeout = 10_000): Promise<void> {
  let last: [number, number] = [ids.length, 0];
  await waitUntil(
    async () => {
      last = await missingAndDoubled(t.page, ids);
      assert.equal(last[1], 0, `${last[1]} messages doubled in ${t.page.url()}`);
      return last[0] === 0;
    },
    'every message once',
    { timeout },
  ).catch((error: Error) => {
    throw new Error(
      `${error.message}: ${last[0]} of ${ids.length} missing in a ${tabs.indexOf(t)}th tab`,
    );
  });
}

/**
 * Pushes `count` messages into the open conversation, one after the other with `pauseMs`
 * between them, each with its own text (the client pairs a pushed message with its REST copy
 * by text and time where the ids differ, so a burst of equal texts would be ambiguous). Each
 * pushed message's ids join {@link pushed} as soon as it is sent; resolves when all are.
 */
async function burst(count: number, pauseMs: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const sent = await simControl<{ Id: string; SocketId: string | null }>(stack.sim, 'emit', {
      conversationId: openId,
      kind: 'message',
      text: `${label} ${i} ${Date.now().toString(36)}`,
    });
    pushed.push([sent.Id, sent.SocketId ?? sent.Id]);
    if (pauseMs) await sleep(pauseMs);
  }
}

describe('three tabs share one connection', () => {
  before(async () => {
    stack = await startStack({ simulator: { conversations: 20, seed: 7 } });
    const first = await openDemo(stack.browser, stack.proxy.url, { config: CONFIG });
    tabs.push(first);
    for (let i = 0; i < 2; i++) {
      tabs.push(
        await openDemo(stack.browser, stack.proxy.url, { config: CONFIG, context: first.context }),
      );
    }
    for (const t of tabs) await login(t.page);
  });

  after(async () => {
    await tabs[0]?.context.close().catch(() => {});
    await stack?.close();
  });

  it('leads from one tab: the simulator sees one socket per server', async () => {
    await waitUntil(async () => (await leaderOf(tabs)).length === 1, 'one leading tab');
    // Each tab joins once its live half is loaded, right after its first list.
    const states = await waitUntil(async () => {
      const now = await Promise.all(tabs.map((t) => tabState(t.page)));
      return now.every((s) => s.tab !== null) ? now : null;
    }, 'every tab joined');
    assert.deepEqual(states.map((s) => s.tab).sort(), ['follower', 'follower', 'leader']);
    await waitUntil(
      async () => (await Promise.all(tabs.map((t) => tabState(t.page)))).every((s) => s.realtime),
      'every tab shows the sockets up',
    );
    await waitUntil(async () => (await openSockets()) === 'rt 1, chat 1', 'one socket per server');
  });

  it('shows every pushed message in every tab, once', async () => {
    openId = (await sessionView(tabs[0]!.page)).order[0]!.id;
    for (const t of tabs) {
      await t.page.evaluate((id) => {
        (
          document.querySelector('chatomni-inbox') as unknown as {
            chatSession: { select(id: string): void };
          }
        ).chatSession.select(id);
      }, openId);
      await waitUntil(async () => (await sessionView(t.page)).threadIds.length > 0, 'thread');
    }
    await burst(20, 0, 'Ba tab');
    for (const t of tabs) {
      await waitOnce(t, pushed);
      await waitUntil(
        async () => (await shadowText(t.page, 'chatomni-thread')).includes('Ba tab'),
        'the thread shows the pushed text',
      );
    }
    assert.equal(await openSockets(), 'rt 1, chat 1');
  });

  it('loses nothing and doubles nothing when the leader closes mid-burst', async () => {
    const [leader] = await leaderOf(tabs);
    assert.ok(leader);
    const sending = burst(200, 10, 'Đổi tab');
    await waitUntil(
      async () => pushed.length >= 60 && (await missingAndDoubled(leader.page, pushed))[0] === 0,
      'the burst under way',
    );
    tabs.splice(tabs.indexOf(leader), 1);
    // The tab only (the first tab's close() would close the whole context).
    await leader.page.close();
    const next = await waitUntil(async () => (await leaderOf(tabs))[0], 'a new leader', {
      timeout: 2000,
    });
    assert.ok(next);
    await sending;
    assert.equal(pushed.length, 220);
    for (const t of tabs) await waitOnce(t, pushed, 15_000);
    await waitUntil(async () => (await openSockets()) === 'rt 1, chat 1', 'one socket per server');
  });

  it('takes over from a leader whose main thread hangs, and that one steps back', async () => {
    const [leader] = await leaderOf(tabs);
    assert.ok(leader);
    const other = tabs.find((t) => t !== leader)!;
    // Blocks the leader's main thread for 4 s (the evaluation returns when it is over).
    const hang = leader.page.evaluate(() => {
      const end = Date.now() + 4000;
      while (Date.now() < end);
    });
    const sending = burst(50, 20, 'Treo tab');
    await waitUntil(
      async () => {
        const s = await tabState(other.page);
        return s.tab === 'leader' && s.realtime;
      },
      'the other tab leads',
      { timeout: 3500 },
    );
    await hang;
    await sending;
    await waitUntil(async () => (await tabState(leader.page)).tab === 'follower', 'steps back');
    for (const t of tabs) await waitOnce(t, pushed, 15_000);
    assert.equal(pushed.length, 270);
    await waitUntil(async () => (await openSockets()) === 'rt 1, chat 1', 'one socket per server');
    for (const t of tabs) assert.deepEqual(t.pageErrors, []);
  });

  it('moves the lead to a visible tab when the hidden leader is offline, which polls', async () => {
    const [leader] = await leaderOf(tabs);
    assert.ok(leader);
    // The leader's tab goes to the background (headless pages are all visible: say it is not).
    const setHidden = (page: Page, hidden: boolean) =>
      page.evaluate((h) => {
        if (h)
          Object.defineProperty(document, 'visibilityState', {
            value: 'hidden',
            configurable: true,
          });
        else delete (document as unknown as Record<string, unknown>).visibilityState;
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(leader.page, true);
    try {
      // Sockets down, REST up: only polling brings news, and a hidden tab does not poll.
      await simControl(stack.sim, 'outage', { seconds: 60, rest: false });
      let next: DemoPage | undefined;
      await waitUntil(
        async () => {
          const states = await Promise.all(tabs.map((t) => tabState(t.page)));
          next = tabs.find((t, i) => t !== leader && states[i]!.tab === 'leader');
          return next !== undefined && states[tabs.indexOf(leader)]!.tab === 'follower';
        },
        'a visible tab leads',
        { timeout: 8000 },
      );
      const before = pushed.length;
      await burst(3, 0, 'Tab ẩn');
      // Polled by the visible leader and shared: every tab holds them, once.
      for (const t of tabs) await waitOnce(t, pushed.slice(before), 15_000);
    } finally {
      await simControl(stack.sim, 'outage', { seconds: 0, rest: false });
      await setHidden(leader.page, false);
    }
    await waitUntil(async () => (await openSockets()) === 'rt 1, chat 1', 'one socket per server', {
      timeout: 20_000,
    });
    for (const t of tabs) assert.deepEqual(t.pageErrors, []);
  });
});
