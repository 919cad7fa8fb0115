/**
 * The nudges of one socket (reconnect.ts, docs/tpos-protocol.md §7.10): which ones it acts on,
 * and after what wait. Part of the sockets' chunk.
 */
import { JITTER_FLOOR, type BackoffOptions, type Nudge } from './reconnect.js';

/** Longest random wait (ms) before an attempt nudged by a poll. */
export const NUDGE_JITTER = 1000;

/**
 * The most attempts one socket makes in any `windowMs` once at the ceiling: timer attempts are
 * at least half a ceiling apart, and so are `poll` nudges (counted unless `pollNudges` is
 * false, as in a socket-only outage, where polls never fail). `online`/`visible` nudges, which
 * come from the seller's machine, not from the upstream, are not counted.
 */
export function maxAttemptsAtCeiling(
  windowMs: number,
  { ceiling }: BackoffOptions,
  pollNudges = true,
): number {
  const perKind = Math.floor(windowMs / (ceiling * JITTER_FLOOR)) + 1;
  return pollNudges ? 2 * perKind : perKind;
}

/** Decides the nudges of one socket; remembers when it last acted on each kind. */
export class NudgeGate {
  private lastPoll = -Infinity;
  private lastLocal = -Infinity;

  constructor(
    private readonly options: () => BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * The wait (ms) before the attempt `kind` asks for at `now`, or null when it is ignored: too
   * soon after the previous nudge of its kind, or not sooner than `pendingIn`, the wait left on
   * the backoff timer.
   */
  nudge(kind: Nudge, now: number, pendingIn: number): number | null {
    const { first, ceiling } = this.options();
    const poll = kind === 'poll';
    const last = poll ? this.lastPoll : this.lastLocal;
    if (now - last < (poll ? ceiling * JITTER_FLOOR : first)) return null;
    const wait = poll ? Math.min(first, NUDGE_JITTER) * this.random() : 0;
    if (wait >= pendingIn) return null;
    if (poll) this.lastPoll = now;
    else this.lastLocal = now;
    return wait;
  }
}
