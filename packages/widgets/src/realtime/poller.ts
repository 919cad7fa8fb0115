/**
 * The HTTP polling fallback: runs `tick` every `interval()` ms while wanted, one tick at a
 * time, paused while the page is hidden and run at once when it becomes visible again.
 */
import { pageHidden } from '../util/visibility.js';

export interface PollerOptions {
  /** Interval in ms, read before each wait. */
  interval: () => number;
  /** One poll; rejections are the caller's business (they are swallowed here). */
  tick: () => Promise<void>;
  /** Running state changed. */
  onChange: () => void;
}

export class Poller {
  private want = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking = false;
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

  destroy(): void {
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
    try {
      await this.options.tick();
    } catch {
      // The tick reports its own errors (list/thread error state).
    } finally {
      this.ticking = false;
    }
    if (this.running && this.timer === undefined) {
      this.timer = setTimeout(() => void this.run(), Math.max(100, this.options.interval()));
    }
  }
}
