import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Conversation } from '../model/index.js';
import { pageHidden } from '../util/visibility.js';
import { readMuted, storeMuted } from './mute.js';

export { MUTE_KEY } from './mute.js';

/** Least time (ms) between two writes of the page title. */
const TITLE_INTERVAL = 250;

/** The user gestures that let a page start audio. */
const GESTURES = ['pointerdown', 'keydown'] as const;

/** Options of {@link NotifyController}. */
export interface NotifyControllerOptions {
  /** Whether notifications are on now (the element's `notify` attribute). */
  enabled: () => boolean;
  /** The conversations to watch, newest first. */
  conversations: () => readonly Conversation[];
  /** Whether the session is live (authenticated and not offline); the title is restored when not. */
  live: () => boolean;
  /**
   * The unread total of `list` when it is known without summing (the session keeps it for
   * its visible list); undefined sums the list.
   */
  unreadTotal?: (list: readonly Conversation[]) => number | undefined;
  /** Title of a desktop notification for a conversation. */
  title: (conversation: Conversation) => string;
  /** Called when the seller clicks a desktop notification. */
  onActivate?: (conversation: Conversation) => void;
}

/**
 * Optional inbox notifications: the unread total in the page title ("(3) Shop"), and, while
 * the page is hidden, a short WebAudio beep and a desktop Notification for each new customer
 * message. The original title comes back when the total is zero, the session is not live, or
 * the host disconnects. Notification permission is asked on the first click inside the host.
 *
 * Browsers keep an AudioContext made without a user gesture suspended, and a beep comes while
 * the page is hidden, long after any gesture: so the context is made (or resumed) on the first
 * pointer or key press anywhere in the page. The seller can mute the beep (`setMuted`); the
 * choice is kept in localStorage.
 */
export class NotifyController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: NotifyControllerOptions;
  private originalTitle: string | null = null;
  private shownTitle = '';
  /** Newest activity already seen; -1 = not yet started (the first update only records). */
  private seenUntil = -1;
  private counted?: { list: readonly Conversation[]; total: number };
  /** The total the title shows (or is about to), its pending write and the last write's time. */
  private titleTotal = 0;
  private titleTimer?: ReturnType<typeof setTimeout>;
  private titleAt = -Infinity;
  private audio?: AudioContext;
  private mute = readMuted();
  /** Listening for the first gesture in the page (only while on, unmuted and not yet running). */
  private unlocking = false;
  private readonly askPermission = () => {
    if (this.options.enabled() && typeof Notification !== 'undefined') {
      if (Notification.permission === 'default') void Notification.requestPermission();
    }
  };
  private readonly unlockAudio = () => {
    if (!this.options.enabled() || this.mute) return;
    try {
      this.audio ??= new AudioContext();
      if (this.audio.state === 'suspended') void this.audio.resume().catch(() => undefined);
    } catch {
      // No audio device: the title and notifications still tell.
    }
    if (this.audio?.state === 'running') this.listenForGesture(false);
  };

  constructor(host: ReactiveControllerHost & HTMLElement, options: NotifyControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The seller muted the beep (kept across reloads). */
  get muted(): boolean {
    return this.mute;
  }

  /** The beep can play now: its audio context runs (after a gesture in the page). */
  get soundReady(): boolean {
    return this.audio?.state === 'running';
  }

  /** Mutes or unmutes the beep and remembers the choice. */
  setMuted(muted: boolean): void {
    this.mute = muted;
    storeMuted(muted);
    // Unmuting is a click: the gesture that lets the audio start.
    if (!muted) this.unlockAudio();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.askPermission);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.askPermission);
    this.listenForGesture(false);
    this.restoreTitle();
    this.seenUntil = -1;
  }

  private listenForGesture(on: boolean): void {
    if (on === this.unlocking) return;
    this.unlocking = on;
    for (const type of GESTURES) {
      if (on) document.addEventListener(type, this.unlockAudio, true);
      else document.removeEventListener(type, this.unlockAudio, true);
    }
  }

  hostUpdated(): void {
    const wantsSound = this.options.enabled() && !this.mute && !this.soundReady;
    this.listenForGesture(wantsSound);
    if (!this.options.enabled()) {
      this.restoreTitle();
      this.seenUntil = -1;
      return;
    }
    const list = this.options.conversations();
    if (!this.options.live()) {
      // Not live yet (the sockets' chunk is loading, the link is down) or signed out: what
      // the list shows now is known, so the first live update sounds only for what came
      // after it, even when that update is also the one that shows a new message. Signed
      // out (no rows), the next sign-in starts from its own first list.
      this.restoreTitle();
      this.seenUntil = list.length ? Math.max(this.seenUntil, list[0]!.lastActivityAt) : -1;
      return;
    }
    this.updateTitle(list);
    this.detectNew(list);
  }

  private updateTitle(list: readonly Conversation[]): void {
    // Summed once per list (not on every scroll frame of a 10,000-row inbox).
    if (list !== this.counted?.list) {
      let total = this.options.unreadTotal?.(list);
      if (total === undefined) {
        total = 0;
        for (const c of list) total += c.unreadCount;
      }
      this.counted = { list, total };
    }
    const { total } = this.counted;
    if (total === this.titleTotal && document.title === this.shownTitle) return;
    this.titleTotal = total;
    // Written in a task of its own, at most every TITLE_INTERVAL ms: a burst changes the
    // total every frame, and a title write costs the frame 0.5 ms (2–6 ms while traced).
    if (this.titleTimer !== undefined) return;
    const wait = Math.max(0, this.titleAt + TITLE_INTERVAL - performance.now());
    this.titleTimer = setTimeout(() => {
      this.titleTimer = undefined;
      this.titleAt = performance.now();
      this.writeTitle();
    }, wait);
  }

  private writeTitle(): void {
    if (document.title !== this.shownTitle || this.originalTitle === null) {
      // The page changed its title since we last wrote it: that is the new original.
      this.originalTitle = document.title;
    }
    if (!this.titleTotal) return this.restoreTitle();
    this.shownTitle = `(${this.titleTotal}) ${this.originalTitle}`;
    document.title = this.shownTitle;
  }

  private restoreTitle(): void {
    clearTimeout(this.titleTimer);
    this.titleTimer = undefined;
    this.titleTotal = 0;
    if (this.originalTitle !== null && document.title === this.shownTitle) {
      document.title = this.originalTitle;
    }
    this.shownTitle = document.title;
    this.originalTitle = null;
  }

  private detectNew(list: readonly Conversation[]): void {
    const newest = list[0]?.lastActivityAt ?? 0;
    if (this.seenUntil < 0) {
      this.seenUntil = newest;
      return;
    }
    const fresh: Conversation[] = [];
    for (const c of list) {
      if (c.lastActivityAt <= this.seenUntil) break;
      // A preview whose side is unknown (docs/tpos-protocol.md §7.7) is the customer's only
      // when the conversation has unread messages.
      const owner = c.lastMessage?.isOwner;
      if (owner === false || (owner === undefined && c.unreadCount > 0)) fresh.push(c);
    }
    this.seenUntil = Math.max(this.seenUntil, newest);
    if (!fresh.length || !pageHidden()) return;
    if (!this.mute) this.beep();
    for (const c of fresh.slice(0, 3)) this.showNotification(c);
  }

  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.25);
    } catch {
      // No audio (autoplay policy or no device): the title and notification still tell.
    }
  }

  private showNotification(c: Conversation): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const n = new Notification(this.options.title(c), {
      body: c.lastMessage?.text ?? '',
      tag: `chatomni-${c.id}`,
    });
    n.onclick = () => {
      window.focus();
      this.options.onActivate?.(c);
      n.close();
    };
  }
}
