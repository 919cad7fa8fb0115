/**
 * The status-badge check of the chaos run: how long `<chatomni-status>` showed a socket as up
 * while the simulator had no socket of that server connected (or the other way round).
 * Both sides are sampled as timelines of `[time, chatUp, rtUp]` changes; half-close windows
 * are left out (a silent socket looks connected to everyone until the client's watchdog
 * gives up on it, pingInterval + pingTimeout later) and reported as detection times instead.
 */

/** A change of the up/down state of both servers at `t` (ms since the epoch). */
export type UpSample = readonly [t: number, chat: boolean, rt: boolean];

/** A half-close of one server, from `on` to `off` (ms since the epoch). */
export interface HalfCloseWindow {
  server: 'chat' | 'rt';
  on: number;
  off: number;
}

export interface BadgeReport {
  /** Changes of the simulator's truth (per server) that were checked. */
  changes: number;
  /** Longest stretch the badge disagreed with the simulator, ms. */
  worstLagMs: number;
  /** Stretches longer than the allowed lag, as `server from +ms for ms`. */
  late: string[];
}

function valueAt(samples: readonly UpSample[], t: number, index: 1 | 2): boolean | undefined {
  let value: boolean | undefined;
  for (const s of samples) {
    if (s[0] > t) break;
    value = s[index];
  }
  return value;
}

/**
 * Compares the badge timeline with the simulator's, every `step` ms from `start` to `end`.
 * `slack` widens each half-close window after `off` (the client still has to notice).
 */
export function checkBadges(
  truth: readonly UpSample[],
  badge: readonly UpSample[],
  halfCloses: readonly HalfCloseWindow[],
  { start, end, allowedMs = 1000, step = 50, slack = 3000 } = {} as {
    start: number;
    end: number;
    allowedMs?: number;
    step?: number;
    slack?: number;
  },
): BadgeReport {
  const late: string[] = [];
  let worst = 0;
  let changes = 0;
  for (const [server, index] of [
    ['chat', 1],
    ['rt', 2],
  ] as const) {
    let runStart: number | null = null;
    let previous: boolean | undefined;
    for (let t = start; t <= end; t += step) {
      const expected = valueAt(truth, t, index);
      const shown = valueAt(badge, t, index);
      if (expected !== previous && previous !== undefined) changes++;
      previous = expected;
      const excluded = halfCloses.some(
        (w) => w.server === server && t >= w.on && t <= w.off + slack,
      );
      const wrong =
        !excluded && expected !== undefined && shown !== undefined && expected !== shown;
      if (wrong && runStart === null) runStart = t;
      if ((!wrong || t + step > end) && runStart !== null) {
        const length = t - runStart;
        worst = Math.max(worst, length);
        if (length > allowedMs)
          late.push(`${server} from +${runStart - start} ms for ${length} ms`);
        runStart = null;
      }
    }
  }
  return { changes, worstLagMs: worst, late };
}
