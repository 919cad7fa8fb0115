/**
 * Order badges that survive a reload (docs/tpos-protocol.md §7.4): the real TPOS lists
 * conversations without their orders, so the `#index. code` badges are read back.
 *
 * - Comment conversations: `GetCommentOrders` per post answers the orders of every customer
 *   who commented on it. One request serves every row of that post; the answer is cached for
 *   the session; a post is never asked twice at once (a newer need waits for the running
 *   request and asks again after it); at most {@link MAX_PARALLEL} posts are asked at a time;
 *   an order event naming the post asks again once, after {@link ORDER_EVENT_DELAY}.
 * - The open conversation: `chatomni/info` answers the customer's latest order (a code, no
 *   `#index.`), once per conversation and session, again after an order event for its customer.
 *
 * A row whose post is not known yet (the recorded list carries no post id) shows no badge:
 * "not known" is never shown as "no order".
 */
import type { ConversationApi } from '../api/conversation-api.js';
import { normalizeCommentOrders } from '../api/normalize-orders.js';
import { normalizeCustomerInfo } from '../api/normalize-customer.js';
import type { ChatStore } from '../store/store.js';
import type { OrderRef } from '../model/index.js';
import type { SessionAccount } from './account.js';

/** Posts whose orders are read at the same time, at most. */
export const MAX_PARALLEL = 2;
/** Delay before a post is read again after an order event names it (a burst → one read). */
export const ORDER_EVENT_DELAY = 500;

export interface OrderBadgeDeps {
  api: ConversationApi;
  store: ChatStore;
  account: SessionAccount;
  /** Authenticated and not destroyed. */
  allowed(): boolean;
  onError(error: unknown): void;
}

interface PostState {
  /** The last answer: orders per customer PSID. */
  orders?: Map<string, OrderRef[]>;
  /** The read in flight. */
  running?: Promise<Map<string, OrderRef[]>>;
  /** The read queued behind the running one (newer needs share it). */
  next?: Promise<Map<string, OrderRef[]>>;
}

export class OrderBadges {
  private posts = new Map<string, PostState>();
  private readonly queue: string[] = [];
  private active = 0;
  private infos = new Map<string, Promise<void>>();
  private infoReads = 0;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: OrderBadgeDeps) {}

  /** Reads running or queued (diagnostics and tests). */
  get pending(): number {
    return this.active + this.queue.length + this.infoReads;
  }

  /** A conversation's post is known: show its badges from the cache, or read the post once. */
  notePost(conversationId: string, postId: string): void {
    const state = this.posts.get(postId);
    if (state?.orders) this.apply(postId, state.orders, conversationId);
    else if (!state) this.enqueue(postId);
  }

  /** An order event named this post and customer: read both again (debounced). */
  orderEvent(postId: string | undefined, psid: string): void {
    for (const c of this.deps.store.findByPsid(psid)) this.infos.delete(c.id);
    if (!postId || !this.posts.has(postId)) return;
    clearTimeout(this.timers.get(postId));
    this.timers.set(
      postId,
      setTimeout(() => {
        this.timers.delete(postId);
        if (this.deps.allowed()) void this.read(postId).catch(() => undefined);
      }, ORDER_EVENT_DELAY),
    );
  }

  /**
   * Reads the post's orders now (after the read in flight, if any, so the answer is newer
   * than the call) and shows them; resolves with the orders per customer.
   */
  read(postId: string): Promise<Map<string, OrderRef[]>> {
    const state = this.state(postId);
    if (state.next) return state.next;
    if (!state.running) return this.start(postId);
    const next = state.running
      .catch(() => undefined)
      .then(() => {
        if (state.next === next) delete state.next;
        return this.start(postId);
      });
    state.next = next;
    return next;
  }

  /** The open conversation's latest order from `chatomni/info`, once per conversation. */
  openConversation(conversationId: string): Promise<void> {
    let pending = this.infos.get(conversationId);
    if (!pending) {
      const infos = this.infos;
      pending = this.latestOrder(conversationId).then(
        () => undefined,
        (error: unknown) => {
          if (infos.get(conversationId) === pending) infos.delete(conversationId);
          this.deps.onError(error);
        },
      );
      infos.set(conversationId, pending);
    }
    return pending;
  }

  /** The customer's latest order from `chatomni/info` (not cached), stored and returned. */
  async latestOrder(conversationId: string): Promise<OrderRef | undefined> {
    const conversation = this.deps.store.getConversation(conversationId);
    if (!conversation) return undefined;
    this.infoReads++;
    try {
      const page = await this.deps.account.page(conversation.pageId);
      const info = normalizeCustomerInfo(
        await this.deps.api.customerInfo(page.teamId, conversation.psid),
      );
      if (info.order) this.deps.store.addReadOrders(conversationId, [info.order]);
      return info.order;
    } finally {
      this.infoReads--;
    }
  }

  /** Forgets every answer (logout, another shop); reads in flight are ignored. */
  reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.posts = new Map();
    this.infos = new Map();
  }

  private state(postId: string): PostState {
    let state = this.posts.get(postId);
    if (!state) this.posts.set(postId, (state = {}));
    return state;
  }

  private enqueue(postId: string): void {
    this.state(postId);
    this.queue.push(postId);
    this.pump();
  }

  private pump(): void {
    while (this.active < MAX_PARALLEL && this.queue.length) {
      const postId = this.queue.shift()!;
      if (!this.deps.allowed() || this.posts.get(postId)?.running) continue;
      void this.start(postId).catch(() => undefined);
    }
  }

  private start(postId: string): Promise<Map<string, OrderRef[]>> {
    const posts = this.posts;
    const state = this.state(postId);
    this.active++;
    const running = (async () => {
      try {
        const orders = normalizeCommentOrders((await this.deps.api.commentOrders(postId)) ?? []);
        if (posts === this.posts) {
          state.orders = orders;
          this.apply(postId, orders);
        }
        return orders;
      } catch (error) {
        this.deps.onError(error);
        // Asked again the next time a row of this post shows up.
        if (posts === this.posts && !state.orders) this.posts.delete(postId);
        throw error;
      }
    })();
    state.running = running;
    void running
      .catch(() => undefined)
      .finally(() => {
        this.active--;
        if (state.running === running) delete state.running;
        this.pump();
      });
    return running;
  }

  /** Shows a post's orders on the conversations of its page (one, or every one). */
  private apply(postId: string, orders: Map<string, OrderRef[]>, only?: string): void {
    const pageId = postId.split('_')[0];
    for (const [psid, list] of orders) {
      for (const c of this.deps.store.findByPsid(psid, pageId)) {
        if (!only || c.id === only) this.deps.store.addReadOrders(c.id, list);
      }
    }
  }
}
