/**
 * Marking the open conversation seen: its unread count goes to zero at once, and the server is
 * told after {@link MARK_SEEN_DELAY} (several messages in a row → one call). Used on opening a
 * conversation, after each sync and for the messages the sockets bring into it (the event
 * reducer, in the live chunk).
 */
import type { ChatStore } from './store.js';
import { pageHidden } from '../util/visibility.js';

/** Delay before marking a conversation seen (several messages in a row → one call). */
export const MARK_SEEN_DELAY = 500;

export interface SeenMarkerDeps {
  store: ChatStore;
  /** Tells the server a conversation was seen. */
  markSeen(conversationId: string): void;
}

export class SeenMarker {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: SeenMarkerDeps) {}

  /** Zeroes the unread count of an open, visible conversation and tells the server. */
  markSeenIfUnread(id: string): void {
    const conversation = this.deps.store.getConversation(id);
    if (!conversation || conversation.unreadCount === 0 || pageHidden()) return;
    this.deps.store.patchConversation(id, { unreadCount: 0 });
    this.schedule(id);
  }

  /** Tells the server after {@link MARK_SEEN_DELAY}, once for a run of calls. */
  schedule(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.deps.markSeen(id);
      }, MARK_SEEN_DELAY),
    );
  }

  /** Cancels pending calls. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
