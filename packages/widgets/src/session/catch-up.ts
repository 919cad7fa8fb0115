/**
 * Catch-up after a gap in the live link: sockets that come back do not resend what they
 * missed, so every (re)connect and every new login reads the list back to where the gap
 * began (and the open thread). A failed catch-up is retried with backoff until it succeeds;
 * while polling, the poller's next tick (which also reads back to the gap) retries instead.
 */
import type { Logger } from '../util/logger.js';

/** Pages read at most by one catch-up: of the list (older), and of each thread kind (newer). */
export const MAX_CATCH_UP_PAGES = 10;
/** First retry of a failed catch-up (ms); doubles per failure up to `CATCH_UP_RETRY_MAX`. */
export const CATCH_UP_RETRY = 1000;
export const CATCH_UP_RETRY_MAX = 30_000;
/**
 * Slack (ms) subtracted from the newest activity the store had when the live link broke, so
 * timestamps that differ a little between the realtime and REST servers hide nothing.
 */
export const GAP_MARGIN = 10_000;

export interface CatchUpDeps {
  /** List and open thread from the server, the list back to `since`; true when both are up to date. */
  sync(since?: number): Promise<boolean>;
  /** The newest activity time in the store. */
  newestActivity(): number | undefined;
  /** Authenticated and not destroyed. */
  allowed(): boolean;
  /** The poller runs (it retries by itself). */
  polling(): boolean;
  log: Logger;
}

export class CatchUp {
  private timer: { at: number; id: ReturnType<typeof setTimeout> } | undefined;
  private failures = 0;
  /** Activity time the list must be read back to; null when nothing is missing. */
  private gapSince: number | null = null;

  constructor(private readonly deps: CatchUpDeps) {}

  /** Where a sync should read the list back to (undefined: the newest page is enough). */
  get since(): number | undefined {
    return this.gapSince ?? undefined;
  }

  /** The live link broke (no socket up, or the login was lost): remember where. */
  noteGap(): void {
    const newest = this.deps.newestActivity();
    if (newest === undefined) return;
    this.gapSince = Math.min(this.gapSince ?? Infinity, newest - GAP_MARGIN);
  }

  /** A sync that read back to `since` succeeded: a gap up to there is closed. */
  covered(since: number | undefined): void {
    if (this.gapSince !== null && since !== undefined && since <= this.gapSince) {
      this.gapSince = null;
    }
  }

  /** A catch-up within `delay` ms (an earlier request wins; both sockets → one catch-up). */
  schedule(delay: number): void {
    const at = Date.now() + delay;
    if (this.timer && this.timer.at <= at) return;
    clearTimeout(this.timer?.id);
    const id = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
    this.timer = { at, id };
  }

  /** Forgets the gap and any pending retry (logout, another shop). */
  reset(): void {
    this.cancel();
    this.failures = 0;
    this.gapSince = null;
  }

  cancel(): void {
    clearTimeout(this.timer?.id);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    const since = Math.min(this.gapSince ?? Infinity, this.deps.newestActivity() ?? Infinity);
    const from = Number.isFinite(since) ? since : undefined;
    if (await this.deps.sync(from)) {
      this.failures = 0;
      return;
    }
    if (!this.deps.allowed()) return;
    if (from !== undefined) this.gapSince = Math.min(this.gapSince ?? Infinity, from);
    if (this.deps.polling()) return;
    const delay = Math.min(CATCH_UP_RETRY_MAX, CATCH_UP_RETRY * 2 ** this.failures++);
    this.deps.log.debug(`[ChatOmni] catch-up failed; retrying in ${delay} ms`);
    this.schedule(Math.round(delay * (0.75 + Math.random() * 0.5)));
  }
}
