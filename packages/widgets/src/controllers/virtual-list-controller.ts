import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { anchorShift, visibleRange, type RowRange } from './virtual-window.js';

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6;
/**
 * Scroll speed (px/ms) from which the list counts as flung rather than read: 1.5 px/ms is
 * about two viewports a second, far above reading speed.
 */
const FLING_SPEED = 1.5;
/** A fling is over this long (ms) after the last scroll event. */
const SETTLE_MS = 150;

/** Options of {@link VirtualListController}. */
export interface VirtualListOptions<T extends { id: string }> {
  /** The scrolling element; looked up after each update. */
  scroller: () => HTMLElement | null | undefined;
  /** All items, in display order; read before each update. */
  items: () => readonly T[];
  /** Fixed row height in px. */
  rowHeight: number;
  /** Most rows ever rendered. Default 40. */
  maxRows?: number;
  /** Called after an update that renders rows within `OVERSCAN` of the end. */
  onNearEnd?: () => void;
}

/**
 * Fixed-height list virtualization: tracks the scroll position and the viewport height and
 * tells the host which rows to render (`range`, at most `maxRows`). When the items change
 * while the list is scrolled down, it moves `scrollTop` by the rows inserted above the view,
 * so what the user reads stays in place.
 */
export class VirtualListController<T extends { id: string }> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: VirtualListOptions<T>;
  private readonly maxRows: number;
  private el?: HTMLElement;
  private list: readonly T[] = [];
  private pos = 0;
  private height = 600;
  private window: RowRange = { start: 0, end: 0 };
  private pending: number | null = null;
  private lastScrollAt = 0;
  private _flinging = false;
  /** The last scroll moved further than the overscan reaches. */
  private leaping = false;
  private settleTimer?: ReturnType<typeof setTimeout>;
  private readonly resizer = new ResizeObserver(([entry]) => {
    const h = entry?.contentRect.height ?? 0;
    if (h > 0 && h !== this.height) {
      this.height = h;
      this.host.requestUpdate();
    }
  });
  private readonly onScroll = () => {
    const top = this.el?.scrollTop ?? 0;
    const now = performance.now();
    // After a pause, the first event's move took about one frame.
    const elapsed = Math.min(Math.max(now - this.lastScrollAt, 1), 50);
    const moved = Math.abs(top - this.pos);
    if (moved / elapsed >= FLING_SPEED) this._flinging = true;
    this.leaping = moved > OVERSCAN * this.options.rowHeight;
    this.lastScrollAt = now;
    this.pos = top;
    if (this._flinging) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.settle(), SETTLE_MS);
    }
    const r = this.compute();
    if (r.start !== this.window.start || r.end !== this.window.end) this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost, options: VirtualListOptions<T>) {
    this.host = host;
    this.options = options;
    this.maxRows = options.maxRows ?? 40;
    host.addController(this);
  }

  /** The items as of the last update. */
  get items(): readonly T[] {
    return this.list;
  }

  /** Rows to render now, `[start, end)`. */
  get range(): RowRange {
    return this.window;
  }

  /**
   * True while the list scrolls fast (a fling, a drag of the scrollbar, a jump): rows fly
   * past, so the host can leave out what only pays off for a row that stays (pictures).
   * The host updates once more when it settles.
   */
  get flinging(): boolean {
    return this._flinging;
  }

  /** Height of the scrolling element in px. */
  get viewport(): number {
    return this.height;
  }

  /** Total height of all rows in px (the spacer's height). */
  get totalHeight(): number {
    return this.list.length * this.options.rowHeight;
  }

  /** Scrolls to `top` px on the next update. */
  scrollTo(top: number): void {
    this.pos = Math.max(0, top);
    this.pending = this.pos;
    this.host.requestUpdate();
  }

  /** Scrolls the least needed to show the row at `index`. */
  reveal(index: number): void {
    const h = this.options.rowHeight;
    const top = index * h;
    if (top < this.pos) this.scrollTo(top);
    else if (top + h > this.pos + this.height) this.scrollTo(top + h - this.height);
  }

  hostConnected(): void {
    // Re-attached in hostUpdated (listeners were removed when the host left the page).
    if (this.list.length) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.attach(undefined);
    clearTimeout(this.settleTimer);
    this._flinging = false;
    this.leaping = false;
  }

  hostUpdate(): void {
    const next = this.options.items();
    if (next !== this.list) {
      if (this.pos > 0 && this.list.length) {
        const h = this.options.rowHeight;
        const first = Math.floor(this.pos / h);
        const last = Math.ceil((this.pos + this.height) / h);
        const shift = anchorShift(this.list, next, first, last);
        if (shift) this.scrollTo(this.pos + shift * h);
      }
      this.list = next;
    }
    this.window = this.compute();
  }

  hostUpdated(): void {
    const el = this.options.scroller() ?? undefined;
    if (el !== this.el) this.attach(el);
    if (el && this.pending !== null) el.scrollTop = this.pending;
    this.pending = null;
    if (this.list.length && this.window.end >= this.list.length - OVERSCAN) {
      this.options.onNearEnd?.();
    }
  }

  private settle(): void {
    this._flinging = false;
    this.leaping = false;
    this.host.requestUpdate();
  }

  private compute(): RowRange {
    const { rowHeight } = this.options;
    // A scroll that moves further per frame than the overscan reaches never shows the
    // overscan rows (the next frame is past them): only the visible rows are worth rendering
    // until it slows down or settles.
    const overscan = this.leaping ? 0 : OVERSCAN;
    return visibleRange(this.pos, this.height, rowHeight, this.list.length, overscan, this.maxRows);
  }

  private attach(el: HTMLElement | undefined): void {
    this.el?.removeEventListener('scroll', this.onScroll);
    this.resizer.disconnect();
    this.el = el;
    if (!el) return;
    el.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizer.observe(el);
    // Measured now too: the first resize notification comes only with the next frame.
    if (el.clientHeight > 0) this.height = el.clientHeight;
    // A new scroller starts at the top.
    if (this.pending === null && el.scrollTop !== this.pos) this.pending = this.pos;
  }
}
