/**
 * Phase 4 of the chaos run: what was emitted against what the page showed (pure functions of
 * what collect.ts read). The status badges are checked in badges.ts.
 */
import type { HalfCloseWindow, UpSample } from './badges.js';
import type { SeenLog, ThreadIds } from './page-probes.js';
import type { SimConversation } from './setup.js';
import type { Emission, Traffic } from './traffic.js';

/** Every emitted id in its thread, once, in the store and on screen, in the simulator's order. */
export interface ThreadCheck {
  /** Emitted ids found exactly once in the store and in the rendered thread. */
  shown: number;
  /** Emitted ids found more than once in their thread (store or screen). */
  duplicated: number;
  /** Emitted ids missing from their thread (store or screen). */
  lost: number;
  /** Threads whose emitted ids are not in the simulator's order (in the store or on screen). */
  outOfOrder: number;
  /** Each lost id: where it is missing and when it was emitted against the token expiry. */
  lostDetails: string[];
}

/** Checks every thread that was sent something; `expiredAt` dates the lost ids. */
export function checkThreads(
  traffic: Traffic,
  threads: ReadonlyMap<string, ThreadIds>,
  simConversations: ReadonlyMap<string, SimConversation>,
  expiredAt: number,
): ThreadCheck {
  const check: ThreadCheck = { shown: 0, duplicated: 0, lost: 0, outOfOrder: 0, lostDetails: [] };
  const rest = restIds(traffic.emitted);
  const count = (ids: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };
  for (const [cid, list] of traffic.perConversation) {
    const stored = threads.get(cid)!;
    // A socket copy not yet paired with its REST copy counts as that message (twice if both).
    const thread = { store: stored.store.map(rest), screen: stored.screen.map(rest) };
    const inStore = count(thread.store);
    const onScreen = count(thread.screen);
    for (const id of list) {
      const n = Math.min(inStore.get(id) ?? 0, onScreen.get(id) ?? 0);
      const most = Math.max(inStore.get(id) ?? 0, onScreen.get(id) ?? 0);
      if (n === 0) {
        check.lost++;
        const e = traffic.emitted.find((x) => x.id === id)!;
        check.lostDetails.push(
          `${id} in ${cid} (${inStore.get(id) ?? 0} in the store, ${onScreen.get(id) ?? 0} on screen), emitted ${e.at - expiredAt} ms after the token expiry`,
        );
      } else if (most === 1) check.shown++;
      else check.duplicated++;
    }
    const order = simConversations.get(cid)!.ItemIds;
    const expected = order.filter((id) => list.includes(id));
    const inOrder = (ids: readonly string[]) =>
      JSON.stringify([...new Set(ids.filter((id) => list.includes(id)))]) ===
      JSON.stringify(expected);
    if (!inOrder(thread.store) || !inOrder(thread.screen)) check.outOfOrder++;
  }
  return check;
}

/** Maps an emission's socket id to its REST id; other ids stay as they are. */
function restIds(emitted: readonly Emission[]): (id: string) => string {
  const bySocket = new Map(emitted.map((e) => [e.socketId, e.id]));
  return (id) => bySocket.get(id) ?? id;
}

/**
 * Closed conversations (all but `openId`) whose unread count on the page differs from the
 * simulator's, as `<id>: page <n> simulator <m>`.
 */
export function unreadMismatches(
  pageUnread: ReadonlyMap<string, number>,
  simConversations: ReadonlyMap<string, SimConversation>,
  openId: string,
): string[] {
  const mismatches: string[] = [];
  for (const [cid, c] of simConversations) {
    if (cid === openId) continue;
    if (pageUnread.get(cid) !== c.UnreadCount) {
      mismatches.push(`${cid}: page ${pageUnread.get(cid)} simulator ${c.UnreadCount}`);
    }
  }
  return mismatches;
}

/** How fast emitted messages reached the page's store. */
export interface Delivery {
  /** Worst time from emission to the page's store (push or catch-up), ms. */
  worstDelayMs: number;
  /** Median of the same, ms. */
  medianDelayMs: number;
  /** Ids the page saw only when the final check opened their thread. */
  seenOnlyAtCheck: number;
}

/**
 * Delivery delays from the page's first sightings before the check (`before`, by id or by
 * preview text); what it saw only `after` the check opened the threads is counted apart.
 */
export function delivery(emitted: readonly Emission[], before: SeenLog, after: SeenLog): Delivery {
  const rest = restIds(emitted);
  const seenBefore = firstSeen(before, rest);
  const seenAfter = firstSeen(after, rest);
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
  return {
    worstDelayMs: delays.at(-1) ?? 0,
    medianDelayMs: delays[Math.floor(delays.length / 2)] ?? 0,
    seenOnlyAtCheck,
  };
}

/** When the page first saw an emission, by its id or its preview text; undefined if never. */
function firstSeen(
  seen: SeenLog,
  rest: (id: string) => string,
): (e: Emission) => number | undefined {
  const ids = new Map<string, number>();
  for (const [id, at] of seen.ids) ids.set(rest(id), Math.min(at, ids.get(rest(id)) ?? Infinity));
  const texts = new Map(seen.texts);
  return (e) => {
    const a = ids.get(e.id) ?? Infinity;
    const b = texts.get(e.text) ?? Infinity;
    return Math.min(a, b) === Infinity ? undefined : Math.min(a, b);
  };
}

/** Longest time from a half-close to its server's badge leaving "connected", ms. */
export function halfCloseDetectMs(
  halfCloses: readonly HalfCloseWindow[],
  badges: readonly UpSample[],
): number {
  let worst = 0;
  for (const w of halfCloses) {
    const index = w.server === 'chat' ? 1 : 2;
    const down = badges.find((b) => b[0] >= w.on && !b[index]);
    if (down) worst = Math.max(worst, down[0] - w.on);
  }
  return worst;
}
