/**
 * When a socket that went down tries again (docs/tpos-protocol.md §7.10). Pure: no timers, the
 * clock and the random source are passed in, so the schedule is tested without waiting.
 *
 * 1. **Backoff.** After failed attempt `n` (1-based) the socket waits
 *    `min(ceiling, first × 2^(n−1))` × a random factor from 0.5 to 1 ("equal jitter"): with the
 *    defaults (`reconnectDelay` 1 s, `slowReconnectDelay` 15 s) 0.5–1 s, 1–2 s, 2–4 s, 4–8 s,
 *    then 7.5–15 s forever. So, at the ceiling, a socket makes at most 8 attempts a minute (5.3
 *    on average), and an upstream that accepts again is tried within 15 s even when nothing
 *    else happens (a page in the background, a socket-only outage).
 * 2. **Nudges**: events that prove the path is back try at once instead of waiting:
 *    - `poll`: a poll answered after the previous poll failed (REST was unreachable and is back).
 *      Edge-triggered: polls that keep succeeding while only the sockets are refused never
 *      nudge, so a socket-only outage adds no attempts. At most one such nudge per socket per
 *      half ceiling (7.5 s), after a random wait of up to `first` but at most
 *      `NUDGE_JITTER` (1 s, nudge-gate.ts), so that sessions whose polls were aligned by the same outage
 *      do not all connect in the same instant.
 *    - `online` (the browser's network came back) and `visible` (the page was shown again, its
 *      timers may have been throttled while hidden): at once, at most once per `first` (1 s).
 *    A nudge is ignored when the pending retry comes sooner anyway.
 * 3. A refused room (`SocketState.RoomRejected`, §7.8) is not on this schedule: it keeps its
 *    own slow timer and is never nudged (the caller checks).
 *
 * The nudges' gate is nudge-gate.ts, which comes with the sockets' chunk; this part also
 * paces the first load of that chunk (session/realtime.ts).
 */

/** What asks a waiting socket to try before its backoff timer. */
export type Nudge = 'poll' | 'online' | 'visible';

/** The two numbers of the schedule, in ms. */
export interface BackoffOptions {
  /** First retry delay, doubled per failed attempt (`reconnectDelay`). */
  first: number;
  /** Ceiling of the delay (`slowReconnectDelay`). */
  ceiling: number;
}

/** Attempts shown as "reconnecting"; past them a socket shows as "down" (still retried). */
export const QUICK_ATTEMPTS = 5;

/** Smallest factor of the jitter: a delay is from this much of its base to all of it. */
export const JITTER_FLOOR = 0.5;

/**
 * The wait before retrying after failed attempt `attempt` (1-based): the doubled delay up to
 * the ceiling, times a factor from {@link JITTER_FLOOR} to 1 drawn from `random`.
 */
export function retryDelay(
  attempt: number,
  { first, ceiling }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(ceiling, first * 2 ** Math.max(0, attempt - 1));
  return base * (JITTER_FLOOR + (1 - JITTER_FLOOR) * random());
}
