import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Conversation } from '../model/index.js';
import { pageHidden } from '../util/visibility.js';

/** Options of {@link NotifyController}. */
export interface NotifyControllerOptions {
  /** Whether notifications are on now (the element's `notify` attribute). */
  enabled: () => boolean;
  /** The conversations to watch, newest first. */
  conversations: () => readonly Conversation[];
  /** Whether the session is live (authenticated and not offline); the title is restored when not. */
  live: () => boolean;
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
 */
export class NotifyController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: NotifyControllerOptions;
  private originalTitle: string | null = null;
  private shownTitle = '';
  /** Newest activity already seen; -1 = not yet started (the first update only records). */
  private seenUntil = -1;
  private audio?: AudioContext;
  private readonly askPermission = () => {
    if (this.options.enabled() && typeof Notification !== 'undefined') {
      if (Notification.permission === 'default') void Notification.requestPermission();
    }
  };

  constructor(host: ReactiveControllerHost & HTMLElement, options: NotifyControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.askPermission);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.askPermission);
    this.restoreTitle();
    this.seenUntil = -1;
  }

  hostUpdated(): void {
    if (!this.options.enabled() || !this.options.live()) {
      this.restoreTitle();
      this.seenUntil = -1;
      return;
    }
    const list = this.options.conversations();
    this.updateTitle(list);
    this.detectNew(list);
  }

  private updateTitle(list: readonly Conversation[]): void {
    let total = 0;
    for (const c of list) total += c.unreadCount;
    if (document.title !== this.shownTitle || this.originalTitle === null) {
      // The page changed its title since we last wrote it: that is the new original.
      this.originalTitle = document.title;
    }
    if (!total) return this.restoreTitle();
    this.shownTitle = `(${total}) ${this.originalTitle}`;
    document.title = this.shownTitle;
  }

  private restoreTitle(): void {
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
      if (c.lastMessage && !c.lastMessage.isOwner) fresh.push(c);
    }
    this.seenUntil = Math.max(this.seenUntil, newest);
    if (!fresh.length || !pageHidden()) return;
    this.beep();
    for (const c of fresh.slice(0, 3)) this.showNotification(c);
  }

  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
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
