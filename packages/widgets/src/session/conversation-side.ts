/**
 * What a session does for the conversations a seller opens, which the list does not need:
 * their threads ({@link ThreadLoader}), the order badges read per post and for the open
 * conversation ({@link OrderBadges}), and the actions (customer info, orders, comment replies,
 * templates: {@link SessionActions}), with the routes and normalizers only they use. A chunk
 * of its own: the session loads it right after its first list is shown, or at the first use
 * before that.
 */
import type { HttpClient } from '../api/http.js';
import { ConversationApi } from '../api/conversation-api.js';
import type { SessionConfig } from '../model/index.js';
import type { ChatStore } from '../store/store.js';
import type { SessionAccount } from './account.js';
import { SessionActions } from './actions.js';
import { OrderBadges } from './orders.js';
import { ThreadLoader } from './threads.js';

/** What the conversation side needs from its session. */
export interface ConversationSideDeps {
  http: HttpClient;
  store: ChatStore;
  account: SessionAccount;
  config(): SessionConfig;
  /** Authenticated and not destroyed. */
  allowed(): boolean;
  /** Reports an unexpected failure (debug log). */
  onError(error: unknown): void;
}

export class ConversationSide {
  readonly threads: ThreadLoader;
  readonly orders: OrderBadges;
  readonly actions: SessionActions;

  constructor({ http, store, account, config, allowed, onError }: ConversationSideDeps) {
    const api = new ConversationApi(http);
    this.threads = new ThreadLoader({
      api,
      store,
      onError,
      normalize: () => ({ hiddenCommentStatus: config().hiddenCommentStatus }),
    });
    this.orders = new OrderBadges({ api, store, account, allowed, onError });
    this.actions = new SessionActions(api, store, account, this.orders);
    // The posts the list taught before this side was there get their badges now.
    for (const c of store.sortedConversations()) {
      if (c.lastPostId) this.orders.notePost(c.id, c.lastPostId);
    }
  }

  /** Forgets every thread and order answer (logout, another shop). */
  clear(): void {
    this.orders.reset();
    this.threads.clear();
  }
}
