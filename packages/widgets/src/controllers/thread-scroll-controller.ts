import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the thread shows now, compared between updates. */
export interface ThreadSnapshot {
  /** Conversation id; a new one scrolls to the bottom. */
  key: string | null;
  /** Id of the oldest and newest message shown. */
  first?: string;
  last?: string;
  /** The newest message is the shop's own (always scrolls to it). */
  lastIsOwner?: boolean;
}

/** Options of {@link ThreadScrollController}. */
export interface ThreadScrollOptions {
  /** The scrolling element (its first child is the content). */
  scroller: () => HTMLElement | null | undefined;
  snapshot: () => ThreadSnapshot;
  /** Called when the seller scrolls near the top, or the content does not fill the view. */
  onNearTop: () => void;
}

/** Within this many px of the top the view counts as "near the top" (load older). */
const NEAR_TOP = 120;
/** Within this many px of the bottom the view counts as "at the bottom". */
const BOTTOM_SLACK = 40;

/**
 * Scroll behaviour of a chat log: opens at the bottom; older messages prepended above keep the
 * view where it was (scrollHeight measured before and after); new messages stick to the
 * bottom, unless the seller scrolled up, in which case `newBelow` turns true (for a "new
 * messages" pill) until the seller is back at the bottom. Content that grows while the view is
 * at the bottom (lazy images) keeps it there.
 */
export class ThreadScrollController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: ThreadScrollOptions;
  private el?: HTMLElement;
  private prev?: ThreadSnapshot;
  private before?: { height: number; top: number };
  private stuck = true;
  private below = false;
  /**
   * `scrollTop` as of the last scroll event or resize: reading the element's would force a
   * layout in the middle of every update.
   */
  private top = 0;
  /**
   * Runs after layout, in the frame: a thread that grew while at the bottom (a new message, a
   * lazy image) is scrolled down here, where reading the height costs no extra layout.
   */
  private readonly resizer = new ResizeObserver(() => {
    if (this.stuck) this.toBottom();
    if (this.el) this.top = this.el.scrollTop;
  });
  private readonly onScroll = () => {
    const el = this.el;
    if (!el) return;
    this.top = el.scrollTop;
    this.stuck = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    if (this.stuck && this.below) {
      this.below = false;
      this.host.requestUpdate();
    }
    if (el.scrollTop < NEAR_TOP) this.options.onNearTop();
  };

  constructor(host: ReactiveControllerHost, options: ThreadScrollOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** New messages arrived below while the seller was reading older ones. */
  get newBelow(): boolean {
    return this.below;
  }

  /** Scrolls to the newest message and sticks there. */
  scrollToBottom(): void {
    this.stuck = true;
    this.below = false;
    this.toBottom();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // Listeners were removed when the host left the page; hostUpdated attaches them again.
    if (this.prev) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.detach();
    this.prev = undefined;
  }

  hostUpdate(): void {
    const el = this.el;
    const prev = this.prev;
    const snap = this.options.snapshot();
    // Reading scrollHeight forces a layout before the update: only worth it when older
    // messages are about to be prepended (the one case that needs the height before).
    const prepending = prev && snap.key === prev.key && snap.first !== prev.first;
    this.before =
      el && prepending && snap.last === prev.last
        ? { height: el.scrollHeight, top: el.scrollTop }
        : undefined;
  }

  hostUpdated(): void {
    const el = this.options.scroller() ?? undefined;
    if (el !== this.el) this.attach(el);
    const snap = this.options.snapshot();
    const prev = this.prev;
    this.prev = snap;
    if (!el) return;
    if (!prev || snap.key !== prev.key || !prev.last) {
      this.stuck = true;
      this.below = false;
      this.toBottom();
    } else if (snap.first !== prev.first && snap.last === prev.last && this.before) {
      // Older messages above: keep what the seller sees in place.
      el.scrollTop = el.scrollHeight - this.before.height + this.before.top;
      this.top = el.scrollTop;
    } else if (snap.last !== prev.last) {
      if (this.stuck || snap.lastIsOwner) {
        // Not scrollToBottom(): rendering again (every message) is needed only for the pill.
        if (this.below) this.host.requestUpdate();
        // At the bottom already, the content's resize takes it down after this frame's layout.
        if (!this.stuck) this.toBottom();
        this.stuck = true;
        this.below = false;
      } else if (!this.below) {
        this.below = true;
        this.host.requestUpdate();
      }
    }
    // Near the top after this update (content too short, or a load was running when the seller
    // got there): ask for older messages; the host ignores this while a load runs.
    if (snap.last && this.top < NEAR_TOP) this.options.onNearTop();
  }

  private toBottom(): void {
    if (!this.el) return;
    this.el.scrollTop = this.el.scrollHeight;
    this.top = this.el.scrollTop;
  }

  private attach(el: HTMLElement | undefined): void {
    this.detach();
    this.el = el;
    if (!el) return;
    el.addEventListener('scroll', this.onScroll, { passive: true });
    this.top = el.scrollTop;
    this.resizer.observe(el);
    if (el.firstElementChild) this.resizer.observe(el.firstElementChild);
  }

  private detach(): void {
    this.el?.removeEventListener('scroll', this.onScroll);
    this.resizer.disconnect();
    this.el = undefined;
  }
}
