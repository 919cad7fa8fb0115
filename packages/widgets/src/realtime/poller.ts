/**
 * The HTTP polling fallback: runs `tick` every `interval()` ms while wanted, one tick at a
 * time, paused while the page is hidden and run at once when it becomes visible again.
 * {@link Poller.follow} decides when a live link needs it.
 */
import { pageHidden } from '../util/visibility.js';

/** Grace period between "no socket is up" and the first poll, so a quick reconnect wins. */
export const FALLBACK_DELAY = 500;

export interface PollerOptions {
  /** Interval in ms, read before each wait. */
  interval: () => number;
  /**
   * One poll; resolving `false` (or rejecting) says REST could not be read. Rejections are the
   * caller's business (they are swallowed here).
   */
  tick: () => Promise<unknown>;
  /** Running state changed. */
  onChange: () => void;
  /** A poll was answered after one that was not: the path is back (a `poll` nudge). */
  onRecovered?: () => void;
}

/** What decides whether a live link polls (see {@link Poller.follow}). */
export interface PollNeed {
  /** Signed in, and this tab runs its own link. */
  allowed: boolean;
  /** The seed's Auto: poll even while realtime holds. */
  auto: boolean;
  /** A socket is connected and delivering. */
  live: boolean;
}

export class Poller {
  private want = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fallback: ReturnType<typeof setTimeout> | undefined;
  private ticking = false;
  private failed = false;
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(private readonly options: PollerOptions) {
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  /** Polling was asked for (it may be paused while the page is hidden). */
  get wanted(): boolean {
    return this.want;
  }

  /** Polling is wanted and the page is visible. */
  get running(): boolean {
    return this.want && !pageHidden();
  }

  /** Starts (polling at once) or stops polling. */
  setWanted(wanted: boolean): void {
    if (this.want === wanted) return;
    this.want = wanted;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (wanted && !pageHidden()) void this.run();
    this.options.onChange();
  }

  /**
   * Polls as a live link needs it: never when not allowed, always with Auto, not while a socket
   * delivers, and otherwise from {@link FALLBACK_DELAY} ms on (when `need` still says so).
   */
  follow(need: () => PollNeed): void {
    const { allowed, auto, live } = need();
    if (!allowed || auto || live) {
      this.cancelFallback();
      this.setWanted(allowed && auto);
    } else if (!this.want && this.fallback === undefined) {
      this.fallback = setTimeout(() => {
        this.fallback = undefined;
        const now = need();
        if (now.allowed && !now.live) this.setWanted(true);
      }, FALLBACK_DELAY);
    }
  }

  destroy(): void {
    this.cancelFallback();
    this.setWanted(false);
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
  }

  private visibilityChanged(): void {
    if (!this.want) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!pageHidden()) void this.run();
    this.options.onChange();
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ticking) return;
    this.ticking = true;
    let answered: unknown = false;
    try {
      answered = await this.options.tick();
    } catch {
      // The tick reports its own errors (list/thread error state).
    } finally {
      this.ticking = false;
    }
    if (answered === false) this.failed = true;
    else if (this.failed) {
      this.failed = false;
      this.options.onRecovered?.();
    }
    if (this.running && this.timer === undefined) {
      this.timer = setTimeout(() => void this.run(), Math.max(100, this.options.interval()));
    }
  }

  private cancelFallback(): void {
    clearTimeout(this.fallback);
    this.fallback = undefined;
  }
}
