/**
 * The chaos run: simulator + proxy in workerd + the demo in Chromium, logged in, while the
 * simulator emits customer messages and comments across many conversations at an uneven rate
 * and a seeded schedule breaks things (socket drops, refused reconnects, silent half-closes,
 * failing and hanging REST requests, one token expiry with a new login through the page).
 * Afterwards every emitted id must be in the page's store and in the rendered thread exactly
 * once and in order, the inbox previews and unread counts of closed conversations must match
 * the simulator's, and the status badges must have followed the simulator's sockets.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Prng } from '@chatomni/simulator';
import type { Page } from 'playwright-core';
import {
  login,
  openDemo,
  simControl,
  startStack,
  statusView,
  submitLogin,
  waitUntil,
  type E2EStack,
} from '../stack/index.js';
import { checkBadges, type BadgeReport, type HalfCloseWindow, type UpSample } from './badges.js';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  /** ~20 s and ~150 messages instead of ~2 minutes and 2,000. Default false. */
  quick?: boolean;
  /** Seed of the fault schedule and the emission pattern. Default 7. */
  seed?: number;
  /** Progress lines. Default silent. */
  log?: (line: string) => void;
}

/** What {@link runChaos} measured. */
export interface ChaosResult {
  emitted: number;
  conversations: number;
  /** Emitted ids found exactly once in the store and in the rendered thread. */
  shown: number;
  /** Emitted ids found more than once in their thread (store or screen). */
  duplicated: number;
  /** Emitted ids missing from their thread (store or screen). */
  lost: number;
  /** Threads whose emitted ids are not in the simulator's order (in the store or on screen). */
  outOfOrder: number;
  /** Lost ids: `<id> in <conversation>, emitted <ms> after the token expiry; thread n/sim m`. */
  lostDetails: string[];
  /** Closed conversations whose unread count differs from the simulator's. */
  unreadMismatches: string[];
  /** Conversations whose inbox preview is not their last emitted text. */
  stalePreviews: string[];
  /** Worst time from emission to the page's store (push or catch-up), ms. */
  worstDelayMs: number;
  /** Median of the same, ms. */
  medianDelayMs: number;
  /** Ids the page saw only when the final check opened their thread. */
  seenOnlyAtCheck: number;
  faults: Record<string, number>;
  /** Most REST requests the simulator got in one second, faults and catch-up (not the check). */
  peakRestPerSecond: number;
  /** REST requests during faults and catch-up. */
  restRequests: number;
  /** Of those, the ones a fault rule failed (500, dropped connection, timeout). */
  restFailed: number;
  /** Distinct status-badge states in the order they were sampled (once a second). */
  statusChanges: string[];
  /** The badges against the simulator's sockets. */
  badges: BadgeReport;
  /** Longest time from a half-close to the badge leaving "connected", ms. */
  halfCloseDetectMs: number;
  pageErrors: string[];
}

/** The page's request timeout (ms) in the chaos run; the timeout fault holds answers longer. */
const REQUEST_TIMEOUT = 3000;
/** Share of REST requests the fault schedule fails. */
const REST_FAILURE_RATE = 0.1;

interface SimConversation {
  Id: string;
  UnreadCount: number;
  ItemIds: string[];
  CommentIds: string[];
}

/** Installs the page-side recorder: when each message id first reached the store. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Msg = { id: string };
    type Store = {
      applyMessage(m: Msg, ...rest: unknown[]): boolean;
      upsertConversations(list: readonly { lastMessage?: { text?: string } }[]): void;
      mergeThread(id: string, messages: readonly Msg[], ...rest: unknown[]): unknown;
    };
    const session = (
      document.querySelector('chatomni-inbox') as unknown as { chatSession: { store: Store } }
    ).chatSession;
    const store = session.store;
    const seen = new Map<string, number>();
    (window as unknown as { __chaosSeen: Map<string, number> }).__chaosSeen = seen;
    const note = (id: string | undefined) => {
      if (id && !seen.has(id)) seen.set(id, Date.now());
    };
    // A list preview carries no message id: it is recognised by its (unique) text.
    const seenText = new Map<string, number>();
    (window as unknown as { __chaosSeenText: Map<string, number> }).__chaosSeenText = seenText;
    // The badges as shown: 🟢 means up.
    const badges: [number, boolean, boolean][] = [];
    (window as unknown as { __chaosBadges: typeof badges }).__chaosBadges = badges;
    const root = document.querySelector('chatomni-status')!.shadowRoot!;
    const up = (part: string) =>
      root.querySelector(`[part~="${part}"]`)?.textContent?.includes('🟢') ?? false;
    setInterval(() => {
      const sample: [number, boolean, boolean] = [Date.now(), up('chat'), up('rt')];
      const last = badges.at(-1);
      if (!last || last[1] !== sample[1] || last[2] !== sample[2]) badges.push(sample);
    }, 25);
    const apply = store.applyMessage.bind(store);
    store.applyMessage = (m, ...rest) => {
      note(m?.id);
      return apply(m, ...rest);
    };
    const upsert = store.upsertConversations.bind(store);
    store.upsertConversations = (list) => {
      for (const c of list) {
        const text = (c.lastMessage as { text?: string } | undefined)?.text;
        if (text && !seenText.has(text)) seenText.set(text, Date.now());
      }
      return upsert(list);
    };
    const merge = store.mergeThread.bind(store);
    store.mergeThread = (id, messages, ...rest) => {
      for (const m of messages) note(m.id);
      return merge(id, messages, ...rest);
    };
  });
}

/**
 * Selects `id` on the page and returns its thread's ids once loaded (older pages as needed):
 * in the store and as rendered by `<chatomni-thread>`.
 */
async function threadIds(
  page: Page,
  id: string,
  want: readonly string[],
): Promise<{ store: string[]; screen: string[] }> {
  return page.evaluate(
    async ({ id, want }) => {
      type Thread = { messages: readonly { id: string }[]; loading: boolean; hasOlder: boolean };
      const s = (
        document.querySelector('chatomni-inbox') as unknown as {
          chatSession: {
            select(id: string): void;
            loadOlder(id: string): Promise<void>;
            store: { getThread(id: string): Thread | undefined };
          };
        }
      ).chatSession;
      s.select(id);
      const deadline = Date.now() + 15_000;
      const thread = () => s.store.getThread(id);
      while (Date.now() < deadline && (!thread() || thread()!.loading)) {
        await new Promise((r) => setTimeout(r, 20));
      }
      for (let i = 0; i < 10; i++) {
        const t = thread();
        if (!t || !t.hasOlder) break;
        const have = new Set(t.messages.map((m) => m.id));
        if (want.every((w) => have.has(w))) break;
        await s.loadOlder(id);
      }
      const view = document.querySelector('chatomni-thread') as HTMLElement & {
        updateComplete: Promise<boolean>;
      };
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await view.updateComplete;
      return {
        store: thread()?.messages.map((m) => m.id) ?? [],
        screen: [
          ...view.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"][data-id]'),
        ].map((el) => el.dataset.id!),
      };
    },
    { id, want: [...want] },
  );
}

/** Runs the chaos scenario and returns its figures; everything started is stopped. */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosResult> {
  const quick = options.quick ?? false;
  const log = options.log ?? (() => {});
  const random = new Prng(options.seed ?? 7);
  // The emitter has its own sequence, so the emission plan does not depend on fault timing.
  const emitRandom = new Prng((options.seed ?? 7) + 1);
  const total = quick ? 150 : 2000;
  const conversationCount = quick ? 30 : 300;
  const emitSeconds = quick ? 12 : 90;
  const faults: Record<string, number> = {
    disconnect: 0,
    refuse: 0,
    halfClose: 0,
    rest500: 0,
    restDropped: 0,
    restTimeout: 0,
    tokenExpiry: 0,
    relogin: 0,
  };

  const stack: E2EStack = await startStack({
    simulator: { conversations: conversationCount, seed: 5, pingInterval: 1000, pingTimeout: 1000 },
  });
  let stopPolling = false;
  const pollers: Promise<void>[] = [];
  const demo = await openDemo(stack.browser, stack.proxy.url, {
    attributes: { 'poll-interval': '2000' },
    config: { reconnectDelay: 100, slowReconnectDelay: 1000, requestTimeout: REQUEST_TIMEOUT },
  });
  try {
    const page = demo.page;
    await login(page);
    await waitUntil(async () => (await statusView(page)).mode.includes('Realtime'), 'Realtime', {
      timeout: 20_000,
    });
    await instrument(page);

    // Conversations, as the simulator knows them.
    const token = stack.sim.login('demo').access_token;
    const search = await fetch(`${stack.sim.restUrl}/api-ms/chatomni/v1/conversations/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Limit: 5000, Type: 'all' }),
    });
    const ids = ((await search.json()) as { Data: { Id: string }[] }).Data.map((c) => c.Id);
    const withComments = new Set<string>();
    for (const id of ids) {
      const c = await simControl<SimConversation>(stack.sim, `conversations/${id}`);
      if (c.CommentIds.length > 0) withComments.add(id);
    }
    // One conversation stays open in the thread all along.
    const openId = ids[0]!;
    await page.evaluate((id) => {
      (
        document.querySelector('chatomni-inbox') as unknown as {
          chatSession: { select(id: string): void };
        }
      ).chatSession.select(id);
    }, openId);

    // Background samplers: the simulator's sockets (every 50 ms); REST rate and the status
    // text (once a second) until the check begins.
    type Counters = {
      rest: { total: number };
      sockets: Record<'rt' | 'chat', { connected: number }>;
      faults: { pending: number; applied: number };
    };
    const truth: UpSample[] = [];
    pollers.push(
      (async () => {
        while (!stopPolling) {
          const c = await simControl<Counters>(stack.sim, 'counters');
          const sample = [Date.now(), c.sockets.chat.connected > 0, c.sockets.rt.connected > 0];
          const last = truth.at(-1);
          if (!last || last[1] !== sample[1] || last[2] !== sample[2]) {
            truth.push(sample as unknown as UpSample);
          }
          await sleep(50);
        }
      })(),
    );
    const chaosStart = Date.now();
    const countersAtStart = await simControl<Counters>(stack.sim, 'counters');
    const restAtStart = countersAtStart.rest.total;
    const faultsAtStart = countersAtStart.faults.applied;
    let lastRest = restAtStart;
    let peakRest = 0;
    let measuringRest = true;
    const statusChanges: string[] = [];
    pollers.push(
      (async () => {
        while (!stopPolling) {
          await sleep(1000);
          const c = await simControl<Counters>(stack.sim, 'counters');
          if (measuringRest) peakRest = Math.max(peakRest, c.rest.total - lastRest);
          lastRest = c.rest.total;
          const s = await statusView(page).catch(() => null);
          if (s) {
            const state = `${s.chat} ${s.rt} ${s.mode}${s.loginRequired ? ' 🔒' : ''}`;
            if (statusChanges.at(-1) !== state) statusChanges.push(state);
          }
        }
      })(),
    );

    // Emission plan: uneven (bursts and pauses), weighted towards some conversations.
    const emitted: { id: string; conversationId: string; at: number; text: string }[] = [];
    const perConversation = new Map<string, string[]>();
    const emitter = (async () => {
      const start = Date.now();
      let sent = 0;
      while (sent < total) {
        const due = Math.min(
          total,
          Math.ceil(((Date.now() - start) / (emitSeconds * 1000)) * total),
        );
        // Bursts: sometimes send everything due plus some ahead, sometimes nothing.
        const burst =
          emitRandom.next() < 0.2
            ? Math.min(total - sent, 5 + Math.floor(emitRandom.next() * 25))
            : 0;
        const batch = Math.max(due - sent, 0) + burst;
        for (let i = 0; i < batch && sent < total; i++) {
          const skew = emitRandom.next() < 0.5 ? emitRandom.next() * 0.2 : emitRandom.next();
          const conversationId = ids[Math.floor(skew * ids.length)]!;
          const kind =
            withComments.has(conversationId) && emitRandom.next() < 0.3 ? 'comment' : 'message';
          const text = `Chaos ${sent + 1} ${kind === 'comment' ? 'bình luận' : 'tin nhắn'}`;
          const r = await simControl<{ Id: string; EmittedAt: string }>(stack.sim, 'emit', {
            conversationId,
            kind,
            text,
          });
          emitted.push({ id: r.Id, conversationId, at: Date.parse(r.EmittedAt), text });
          perConversation.set(conversationId, [
            ...(perConversation.get(conversationId) ?? []),
            r.Id,
          ]);
          sent++;
        }
        await sleep(50 + emitRandom.next() * 250);
      }
    })();

    // Fault schedule, while emitting.
    const servers = ['rt', 'chat'] as const;
    const halfCloses: HalfCloseWindow[] = [];
    const expireAt = Date.now() + emitSeconds * 600;
    let expired = false;
    let expiredAt = 0;
    const faultStart = Date.now();
    // Every kind of fault at least once, early (ticks 2, 5, 8), then at random.
    const forced = new Map([
      [2, 0.17],
      [5, 0.14],
      [8, 0.05],
    ]);
    let tick = 0;
    let restRules = 0;
    while (Date.now() - faultStart < emitSeconds * 1000) {
      await sleep(500);
      tick++;
      const server = servers[Math.floor(random.next() * 2)]!;
      const roll = forced.get(tick) ?? random.next();
      if (roll < 0.12) {
        await simControl(stack.sim, 'disconnect', { server, transport: random.next() < 0.5 });
        faults.disconnect!++;
      } else if (roll < 0.16) {
        await simControl(stack.sim, 'refuse', {
          server,
          seconds: 2 + Math.floor(random.next() * 3),
        });
        await simControl(stack.sim, 'disconnect', { server, transport: true });
        faults.refuse!++;
      } else if (
        roll < 0.19 &&
        !halfCloses.some((w) => w.server === server && w.off === Infinity)
      ) {
        const span: HalfCloseWindow = { server, on: Date.now(), off: Infinity };
        await simControl(stack.sim, 'half-close', { server, on: true });
        halfCloses.push(span);
        faults.halfClose!++;
        setTimeout(
          () => {
            void simControl(stack.sim, 'half-close', { server, on: false })
              .then(() => (span.off = Date.now()))
              .catch(() => {});
          },
          3000 + random.next() * 2000,
        );
      }
      // REST: one request in ten fails. A new rule (for the next search or thread request)
      // whenever fewer than 10 % of the requests so far met one: a 500, a connection dropped
      // after 2 s, or an answer held back past the client's request timeout.
      const c = await simControl<Counters>(stack.sim, 'counters');
      const requests = c.rest.total - restAtStart;
      if (
        c.faults.pending === 0 &&
        c.faults.applied - faultsAtStart < requests * REST_FAILURE_RATE
      ) {
        const kind = [0, 0.7, 0.9][restRules++] ?? random.next();
        const route =
          random.next() < 0.5 ? '/api-ms/chatomni/v1/conversations/search' : '/messages';
        if (kind < 0.6) {
          await simControl(stack.sim, 'fail', { route, status: 500, count: 1 });
          faults.rest500!++;
        } else if (kind < 0.85) {
          await simControl(stack.sim, 'fail', { route, status: 0, delayMs: 2000, count: 1 });
          faults.restDropped!++;
        } else {
          const delayMs = REQUEST_TIMEOUT + 1000;
          await simControl(stack.sim, 'fail', { route, status: 200, delayMs, count: 1 });
          faults.restTimeout!++;
        }
      }
      if (!expired && Date.now() > expireAt) {
        expired = true;
        await simControl(stack.sim, 'expire-tokens', {});
        expiredAt = Date.now();
        faults.tokenExpiry!++;
        await page.locator('chatomni-inbox form[part~="login"]').waitFor({ timeout: 20_000 });
        await submitLogin(page);
        faults.relogin!++;
        await waitUntil(async () => !(await statusView(page)).loginRequired, 'signed in again', {
          timeout: 20_000,
        });
      }
    }
    await emitter;
    log(`emitted ${emitted.length}; faults stop`);
    const restFailed =
      (await simControl<Counters>(stack.sim, 'counters')).faults.applied - faultsAtStart;
    await simControl(stack.sim, 'clear-faults', {});
    for (const server of servers) await simControl(stack.sim, 'half-close', { server, on: false });
    for (const w of halfCloses) w.off = Math.min(w.off, Date.now());

    // Catch-up: every conversation's inbox preview is its last emitted text.
    const lastText = new Map<string, string>();
    for (const e of emitted) lastText.set(e.conversationId, e.text);
    const previews = () =>
      page.evaluate(
        (cids) => {
          const s = (
            document.querySelector('chatomni-inbox') as unknown as {
              chatSession: {
                store: {
                  getConversation(id: string): { lastMessage?: { text: string } } | undefined;
                };
              };
            }
          ).chatSession;
          return cids.map((cid) => s.store.getConversation(cid)?.lastMessage?.text ?? null);
        },
        [...lastText.keys()],
      );
    const stale = async () => {
      const shown = await previews();
      return [...lastText].filter(([, text], i) => shown[i] !== text);
    };
    await waitUntil(async () => (await stale()).length === 0, 'catch-up', {
      timeout: 45_000,
      interval: 250,
    }).catch(() => {});
    const stalePreviews = (await stale()).map(([cid, text]) => `${cid} should show "${text}"`);
    if (stalePreviews.length) log(`catch-up incomplete: ${stalePreviews.slice(0, 3).join('; ')}`);
    await waitUntil(async () => (await statusView(page)).mode.includes('Realtime'), 'Realtime', {
      timeout: 30_000,
    });
    await sleep(2500);
    const chaosEnd = Date.now();
    measuringRest = false;
    const restRequests =
      (await simControl<Counters>(stack.sim, 'counters')).rest.total - restAtStart;
    const seenNow = () =>
      page.evaluate(() => {
        const w = window as unknown as {
          __chaosSeen: Map<string, number>;
          __chaosSeenText: Map<string, number>;
        };
        return { ids: [...w.__chaosSeen], texts: [...w.__chaosSeenText] };
      });
    const firstSeen = (seen: Awaited<ReturnType<typeof seenNow>>) => {
      const ids = new Map(seen.ids);
      const texts = new Map(seen.texts);
      return (e: (typeof emitted)[number]) => {
        const a = ids.get(e.id) ?? Infinity;
        const b = texts.get(e.text) ?? Infinity;
        return Math.min(a, b) === Infinity ? undefined : Math.min(a, b);
      };
    };
    const seenBefore = firstSeen(await seenNow());
    const badgeSamples = await page.evaluate(
      () => (window as unknown as { __chaosBadges: UpSample[] }).__chaosBadges,
    );
    const badges = checkBadges(truth, badgeSamples, halfCloses, {
      start: chaosStart,
      end: chaosEnd,
    });
    let halfCloseDetectMs = 0;
    for (const w of halfCloses) {
      const index = w.server === 'chat' ? 1 : 2;
      const down = badgeSamples.find((b) => b[0] >= w.on && !b[index]);
      if (down) halfCloseDetectMs = Math.max(halfCloseDetectMs, down[0] - w.on);
    }

    // Unread counts of closed conversations, before the check opens them.
    const unreadMismatches: string[] = [];
    const pageUnread = new Map(
      await page.evaluate(() =>
        (
          document.querySelector('chatomni-inbox') as unknown as {
            chatSession: {
              store: { sortedConversations(): { id: string; unreadCount: number }[] };
            };
          }
        ).chatSession.store
          .sortedConversations()
          .map((c) => [c.id, c.unreadCount] as const),
      ),
    );
    const simConversations = new Map<string, SimConversation>();
    for (const cid of perConversation.keys()) {
      const c = await simControl<SimConversation>(stack.sim, `conversations/${cid}`);
      simConversations.set(cid, c);
      if (cid === openId) continue;
      if (pageUnread.get(cid) !== c.UnreadCount) {
        unreadMismatches.push(`${cid}: page ${pageUnread.get(cid)} simulator ${c.UnreadCount}`);
      }
    }

    // Every emitted id in its thread, once, in the store and on screen, in the simulator's order.
    let shown = 0;
    let duplicated = 0;
    let lost = 0;
    let outOfOrder = 0;
    const lostDetails: string[] = [];
    const count = (ids: readonly string[]) => {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      return counts;
    };
    for (const [cid, list] of perConversation) {
      const thread = await threadIds(page, cid, list);
      const inStore = count(thread.store);
      const onScreen = count(thread.screen);
      for (const id of list) {
        const n = Math.min(inStore.get(id) ?? 0, onScreen.get(id) ?? 0);
        const most = Math.max(inStore.get(id) ?? 0, onScreen.get(id) ?? 0);
        if (n === 0) {
          lost++;
          const e = emitted.find((x) => x.id === id)!;
          lostDetails.push(
            `${id} in ${cid} (${inStore.get(id) ?? 0} in the store, ${onScreen.get(id) ?? 0} on screen), emitted ${e.at - expiredAt} ms after the token expiry`,
          );
        } else if (most === 1) shown++;
        else duplicated++;
      }
      const order = simConversations.get(cid)!.ItemIds;
      const expected = order.filter((id) => list.includes(id));
      const inOrder = (ids: readonly string[]) =>
        JSON.stringify([...new Set(ids.filter((id) => list.includes(id)))]) ===
        JSON.stringify(expected);
      if (!inOrder(thread.store) || !inOrder(thread.screen)) outOfOrder++;
    }
    const seenAfter = firstSeen(await seenNow());
    const delays: number[] = [];
    let seenOnlyAtCheck = 0;
    for (const e of emitted) {
      const t = seenBefore(e);
      if (t === undefined) {
        if (seenAfter(e) !== undefined) seenOnlyAtCheck++;
        continue;
      }
      delays.push(Math.max(0, t - e.at));
    }
    delays.sort((a, b) => a - b);
    stopPolling = true;
    await Promise.all(pollers);
    return {
      emitted: emitted.length,
      conversations: perConversation.size,
      shown,
      duplicated,
      lost,
      outOfOrder,
      lostDetails,
      unreadMismatches,
      stalePreviews,
      worstDelayMs: delays.at(-1) ?? 0,
      medianDelayMs: delays[Math.floor(delays.length / 2)] ?? 0,
      seenOnlyAtCheck,
      faults,
      peakRestPerSecond: peakRest,
      restRequests,
      restFailed,
      statusChanges,
      badges,
      halfCloseDetectMs,
      pageErrors: [...demo.pageErrors],
    };
  } finally {
    stopPolling = true;
    await Promise.allSettled(pollers);
    await demo.close().catch(() => {});
    await stack.close();
  }
}

/** The figures as printed by `npm run chaos`. */
export function formatChaos(r: ChaosResult): string {
  return [
    `messages emitted:      ${r.emitted} across ${r.conversations} conversations`,
    `shown exactly once:    ${r.shown}`,
    `duplicated:            ${r.duplicated}`,
    `lost:                  ${r.lost}${r.lostDetails.length ? ` (${r.lostDetails.slice(0, 5).join('; ')})` : ''}`,
    `threads out of order:  ${r.outOfOrder}`,
    `unread mismatches:     ${r.unreadMismatches.length}${r.unreadMismatches.length ? ` (${r.unreadMismatches.slice(0, 5).join('; ')})` : ''}`,
    `stale previews:        ${r.stalePreviews.length}${r.stalePreviews.length ? ` (${r.stalePreviews.slice(0, 3).join('; ')})` : ''}`,
    `worst delivery delay:  ${r.worstDelayMs} ms (median ${r.medianDelayMs} ms; ${r.seenOnlyAtCheck} superseded during a gap, loaded when their thread opened)`,
    `faults:                ${Object.entries(r.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `REST requests:         ${r.restRequests} during faults and catch-up, ${r.restFailed} of them failed (peak ${r.peakRestPerSecond}/s)`,
    `status badges:         ${r.badges.changes} socket changes, worst lag ${r.badges.worstLagMs} ms, ${r.badges.late.length} late by over 1 s${r.badges.late.length ? ` (${r.badges.late.slice(0, 3).join('; ')})` : ''}`,
    `half-close noticed:    after ${r.halfCloseDetectMs} ms at most (pingInterval + pingTimeout = 2,000 ms)`,
    `status badge states:   ${r.statusChanges.length} changes: ${r.statusChanges.slice(0, 8).join(' → ')}${r.statusChanges.length > 8 ? ' → …' : ''}`,
    `page errors:           ${r.pageErrors.length}${r.pageErrors.length ? ` (${r.pageErrors.slice(0, 3).join('; ')})` : ''}`,
  ].join('\n');
}

/** More REST requests than this in one second would be a request storm (healthy runs peak near 7). */
export const REST_STORM = 25;

/** What went wrong in a run, one line per failed check (empty: the product held). */
export function chaosFailures(r: ChaosResult): string[] {
  const failures: string[] = [];
  if (r.lost) failures.push(`${r.lost} messages lost`);
  if (r.duplicated) failures.push(`${r.duplicated} messages duplicated`);
  if (r.outOfOrder) failures.push(`${r.outOfOrder} threads out of order`);
  if (r.unreadMismatches.length) failures.push(`${r.unreadMismatches.length} unread mismatches`);
  if (r.stalePreviews.length) failures.push(`${r.stalePreviews.length} stale previews`);
  if (r.badges.late.length) failures.push(`${r.badges.late.length} badges late by over 1 s`);
  if (r.peakRestPerSecond > REST_STORM) failures.push(`REST peak ${r.peakRestPerSecond}/s`);
  if (r.pageErrors.length) failures.push(`${r.pageErrors.length} page errors`);
  return failures;
}
