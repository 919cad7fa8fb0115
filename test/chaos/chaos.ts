/**
 * The chaos run: simulator + proxy in workerd + the demo in Chromium, logged in, while the
 * simulator emits customer messages and comments across many conversations at an uneven rate
 * and a seeded schedule breaks things (socket drops, refused reconnects, silent half-closes,
 * failing and hanging REST requests, one token expiry with a new login through the page).
 * Afterwards every emitted id must be in the page's store exactly once and in order, and the
 * unread counts of closed conversations must match the simulator's.
 */
import type { Page } from 'playwright-core';
import { login, openDemo, statusView, submitLogin, waitUntil } from '../support/e2e-demo.js';
import { simControl, startStack, type E2EStack } from '../support/e2e-stack.js';

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
  /** Emitted ids found in the store exactly once. */
  shown: number;
  /** Emitted ids found more than once in their thread. */
  duplicated: number;
  /** Emitted ids not in their thread. */
  lost: number;
  /** Threads whose emitted ids are not in the simulator's order. */
  outOfOrder: number;
  /** Closed conversations whose unread count differs from the simulator's. */
  unreadMismatches: string[];
  /** Worst time from emission to the page's store (push or catch-up), ms. */
  worstDelayMs: number;
  /** Median of the same, ms. */
  medianDelayMs: number;
  /** Ids the page saw only when the final check opened their thread. */
  seenOnlyAtCheck: number;
  faults: Record<string, number>;
  peakRestPerSecond: number;
  restRequests: number;
  /** Distinct status-badge states in the order they were sampled (once a second). */
  statusChanges: string[];
  pageErrors: string[];
}

/** mulberry32: a small seeded PRNG, [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      upsertConversations(list: readonly { lastMessage?: Msg }[]): void;
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
    const apply = store.applyMessage.bind(store);
    store.applyMessage = (m, ...rest) => {
      note(m?.id);
      return apply(m, ...rest);
    };
    const upsert = store.upsertConversations.bind(store);
    store.upsertConversations = (list) => {
      for (const c of list) note(c.lastMessage?.id);
      return upsert(list);
    };
    const merge = store.mergeThread.bind(store);
    store.mergeThread = (id, messages, ...rest) => {
      for (const m of messages) note(m.id);
      return merge(id, messages, ...rest);
    };
  });
}

/** Selects `id` on the page and returns its thread's ids once loaded (older pages as needed). */
async function threadIds(page: Page, id: string, want: readonly string[]): Promise<string[]> {
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
      return thread()?.messages.map((m) => m.id) ?? [];
    },
    { id, want: [...want] },
  );
}

/** Runs the chaos scenario and returns its figures; everything started is stopped. */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosResult> {
  const quick = options.quick ?? false;
  const log = options.log ?? (() => {});
  const random = prng(options.seed ?? 7);
  const total = quick ? 150 : 2000;
  const conversationCount = quick ? 30 : 300;
  const emitSeconds = quick ? 12 : 90;
  const faults: Record<string, number> = {
    disconnect: 0,
    refuse: 0,
    halfClose: 0,
    rest500: 0,
    restTimeout: 0,
    restSlow: 0,
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
    config: { reconnectDelay: 100, slowReconnectDelay: 1000 },
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

    // Background samplers: REST rate and status badges, once a second.
    let lastRest = (await simControl<{ rest: { total: number } }>(stack.sim, 'counters')).rest
      .total;
    let peakRest = 0;
    const statusChanges: string[] = [];
    pollers.push(
      (async () => {
        while (!stopPolling) {
          await sleep(1000);
          const c = await simControl<{ rest: { total: number } }>(stack.sim, 'counters');
          peakRest = Math.max(peakRest, c.rest.total - lastRest);
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
    const emitted: { id: string; conversationId: string; at: number }[] = [];
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
        const burst = random() < 0.2 ? Math.min(total - sent, 5 + Math.floor(random() * 25)) : 0;
        const batch = Math.max(due - sent, 0) + burst;
        for (let i = 0; i < batch && sent < total; i++) {
          const skew = random() < 0.5 ? random() * 0.2 : random();
          const conversationId = ids[Math.floor(skew * ids.length)]!;
          const kind = withComments.has(conversationId) && random() < 0.3 ? 'comment' : 'message';
          const r = await simControl<{ Id: string; EmittedAt: string }>(stack.sim, 'emit', {
            conversationId,
            kind,
            text: `Chaos ${sent + 1} ${kind === 'comment' ? 'bình luận' : 'tin nhắn'}`,
          });
          emitted.push({ id: r.Id, conversationId, at: Date.parse(r.EmittedAt) });
          perConversation.set(conversationId, [
            ...(perConversation.get(conversationId) ?? []),
            r.Id,
          ]);
          sent++;
        }
        await sleep(50 + random() * 250);
      }
    })();

    // Fault schedule, while emitting.
    const servers = ['rt', 'chat'] as const;
    const halfClosed = new Set<string>();
    const expireAt = Date.now() + emitSeconds * 600;
    let expired = false;
    const faultStart = Date.now();
    while (Date.now() - faultStart < emitSeconds * 1000) {
      await sleep(500);
      const server = servers[Math.floor(random() * 2)]!;
      const roll = random();
      if (roll < 0.12) {
        await simControl(stack.sim, 'disconnect', { server, transport: random() < 0.5 });
        faults.disconnect!++;
      } else if (roll < 0.16) {
        await simControl(stack.sim, 'refuse', { server, seconds: 2 + Math.floor(random() * 3) });
        await simControl(stack.sim, 'disconnect', { server, transport: true });
        faults.refuse!++;
      } else if (roll < 0.19 && !halfClosed.has(server)) {
        await simControl(stack.sim, 'half-close', { server, on: true });
        halfClosed.add(server);
        faults.halfClose!++;
        setTimeout(
          () => {
            halfClosed.delete(server);
            void simControl(stack.sim, 'half-close', { server, on: false }).catch(() => {});
          },
          3000 + random() * 2000,
        );
      }
      // REST: about one request in ten fails (a rule per tick, the client polls ~1/s).
      if (random() < 0.35) {
        const kind = random();
        const route = random() < 0.5 ? '/api-ms/chatomni/v1/conversations/search' : '/messages';
        if (kind < 0.6) {
          await simControl(stack.sim, 'fail', { route, status: 500, count: 1 });
          faults.rest500!++;
        } else if (kind < 0.85) {
          await simControl(stack.sim, 'fail', { route, status: 0, delayMs: 2000, count: 1 });
          faults.restTimeout!++;
        } else {
          await simControl(stack.sim, 'fail', { route, status: 200, delayMs: 4000, count: 1 });
          faults.restSlow!++;
        }
      }
      if (!expired && Date.now() > expireAt) {
        expired = true;
        await simControl(stack.sim, 'expire-tokens', {});
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
    await simControl(stack.sim, 'clear-faults', {});
    for (const server of servers) await simControl(stack.sim, 'half-close', { server, on: false });
    halfClosed.clear();

    // Catch-up: every conversation's newest item reached the page.
    const lastOf = new Map<string, string>();
    for (const [cid, list] of perConversation) lastOf.set(cid, list.at(-1)!);
    const missingLast = async () => {
      const seen = new Set(
        await page.evaluate(() => [
          ...(window as unknown as { __chaosSeen: Map<string, number> }).__chaosSeen.keys(),
        ]),
      );
      return [...lastOf.entries()].filter(([, id]) => !seen.has(id));
    };
    await waitUntil(async () => (await missingLast()).length === 0, 'catch-up', {
      timeout: 45_000,
      interval: 250,
    }).catch(async () => {
      const missing = await missingLast();
      const view = await page.evaluate(
        (cids) => {
          const s = (
            document.querySelector('chatomni-inbox') as unknown as {
              chatSession: {
                store: {
                  getConversation(
                    id: string,
                  ): { lastMessage?: { id: string; text: string } } | undefined;
                };
              };
            }
          ).chatSession;
          return cids.map((cid) => [cid, s.store.getConversation(cid)?.lastMessage ?? null]);
        },
        missing.map(([cid]) => cid),
      );
      log(
        `catch-up incomplete: ${missing.length} conversations, e.g. ${JSON.stringify(missing.slice(0, 3))} page: ${JSON.stringify(view.slice(0, 3))}`,
      );
    });
    await waitUntil(async () => (await statusView(page)).mode.includes('Realtime'), 'Realtime', {
      timeout: 30_000,
    });
    await sleep(2500);
    const seenBefore = new Map(
      await page.evaluate(() => [
        ...(window as unknown as { __chaosSeen: Map<string, number> }).__chaosSeen.entries(),
      ]),
    );

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

    // Every emitted id in its thread, once, in the simulator's order.
    let shown = 0;
    let duplicated = 0;
    let lost = 0;
    let outOfOrder = 0;
    for (const [cid, list] of perConversation) {
      const thread = await threadIds(page, cid, list);
      const counts = new Map<string, number>();
      for (const id of thread) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const id of list) {
        const n = counts.get(id) ?? 0;
        if (n === 0) lost++;
        else if (n === 1) shown++;
        else duplicated++;
      }
      const order = simConversations.get(cid)!.ItemIds;
      const expected = order.filter((id) => list.includes(id));
      const actual = thread.filter((id) => list.includes(id));
      if (JSON.stringify([...new Set(actual)]) !== JSON.stringify(expected)) outOfOrder++;
    }
    const seenAfter = new Map(
      await page.evaluate(() => [
        ...(window as unknown as { __chaosSeen: Map<string, number> }).__chaosSeen.entries(),
      ]),
    );
    const delays: number[] = [];
    let seenOnlyAtCheck = 0;
    for (const e of emitted) {
      const t = seenBefore.get(e.id);
      if (t === undefined) {
        if (seenAfter.has(e.id)) seenOnlyAtCheck++;
        continue;
      }
      delays.push(Math.max(0, t - e.at));
    }
    delays.sort((a, b) => a - b);
    stopPolling = true;
    await Promise.all(pollers);
    const rest = await simControl<{ rest: { total: number } }>(stack.sim, 'counters');
    return {
      emitted: emitted.length,
      conversations: perConversation.size,
      shown,
      duplicated,
      lost,
      outOfOrder,
      unreadMismatches,
      worstDelayMs: delays.at(-1) ?? 0,
      medianDelayMs: delays[Math.floor(delays.length / 2)] ?? 0,
      seenOnlyAtCheck,
      faults,
      peakRestPerSecond: peakRest,
      restRequests: rest.rest.total,
      statusChanges,
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
    `lost:                  ${r.lost}`,
    `threads out of order:  ${r.outOfOrder}`,
    `unread mismatches:     ${r.unreadMismatches.length}${r.unreadMismatches.length ? ` (${r.unreadMismatches.slice(0, 5).join('; ')})` : ''}`,
    `worst delivery delay:  ${r.worstDelayMs} ms (median ${r.medianDelayMs} ms; ${r.seenOnlyAtCheck} seen only when the check opened the thread)`,
    `faults:                ${Object.entries(r.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `REST requests:         ${r.restRequests} (peak ${r.peakRestPerSecond}/s)`,
    `status badge states:   ${r.statusChanges.length} changes: ${r.statusChanges.slice(0, 8).join(' → ')}${r.statusChanges.length > 8 ? ' → …' : ''}`,
    `page errors:           ${r.pageErrors.length}${r.pageErrors.length ? ` (${r.pageErrors.slice(0, 3).join('; ')})` : ''}`,
  ].join('\n');
}
