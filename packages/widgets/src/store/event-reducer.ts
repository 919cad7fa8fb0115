/**
 * Applies socket events to the store: a message joins its thread and moves its conversation
 * (no REST call), an order updates the customer's conversations, an event without data asks
 * for one debounced refresh. The open conversation (page visible) is marked seen instead of
 * counting unread (seen-marker.ts). Part of the live chunk (session/live.ts): events come
 * from the sockets, or from the leading tab's.
 */
import type { RealtimeAction, RealtimeEventName } from '../realtime/actions.js';
import type { ServerName } from '../realtime/socket-connection.js';
import { provideThreadMerge, type ChatStore } from './store.js';
import * as threadMerge from './thread-merge.js';
import type { SeenMarker } from './seen-marker.js';
import type { Logger } from '../util/logger.js';
import { pageHidden } from '../util/visibility.js';

/** Delay before a refresh asked for by an event without data (a burst → one refresh). */
export const EVENT_REFRESH_DELAY = 300;

export interface EventReducerDeps {
  store: ChatStore;
  log: Logger;
  /** The open conversation. */
  selectedId(): string | null;
  /** Marks the open conversation seen. */
  seen: Pick<SeenMarker, 'schedule'>;
  /** List and open thread from the server. */
  refresh(): void;
  /** An order event named a post (when it did) and a customer: their orders may be read again. */
  orderEvent?(postId: string | undefined, psid: string): void;
}

export class EventReducer {
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: EventReducerDeps) {
    // The store merges the pushed messages with the code that comes with them.
    provideThreadMerge(threadMerge);
  }

  /** Applies one socket event, as parsed by the socket (envelope.ts); never throws. */
  handle(server: ServerName, event: RealtimeEventName, action: RealtimeAction): void {
    const tag = `[${server.toUpperCase()}]`;
    try {
      this.apply(tag, event, action);
    } catch (error) {
      this.deps.log.debug(`${tag} Event dropped:`, error instanceof Error ? error.name : 'error');
    }
  }

  /** Cancels pending timers. */
  stop(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private apply(tag: string, event: RealtimeEventName, action: RealtimeAction): void {
    const { store, log } = this.deps;
    switch (action.type) {
      case 'message': {
        const { message, conversation } = action;
        log.info(`${tag} New message received:`, {
          id: message.id,
          conversationId: message.conversationId,
          kind: message.kind,
        });
        const open = this.deps.selectedId() === message.conversationId && !pageHidden();
        const added = store.applyMessage(message, conversation, { countUnread: !open });
        if (added && open && !message.isOwner) this.deps.seen.schedule(message.conversationId);
        return;
      }
      case 'order':
        log.info(`${tag} Order event:`, action.order.code);
        for (const conversation of store.findByPsid(action.psid)) {
          store.addOrder(conversation.id, action.order);
        }
        this.deps.orderEvent?.(action.postId, action.psid);
        return;
      case 'refresh': {
        log.info(`${tag} Event: ${event}`);
        // The seed's on-conversations follows the on-messages already applied.
        const known = action.conversationId && store.getConversation(action.conversationId);
        if (known && action.updatedAt !== undefined && known.lastActivityAt >= action.updatedAt) {
          return;
        }
        this.scheduleRefresh();
        return;
      }
      case 'ignore':
        log.debug(`${tag} Event ignored: ${action.reason}`);
        return;
      case 'drop':
        log.debug(`${tag} Payload dropped: ${action.reason}`);
        return;
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.deps.refresh();
    }, EVENT_REFRESH_DELAY);
  }
}
