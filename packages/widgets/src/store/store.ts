/**
 * The normalized state of one session: conversations by id, threads (messages per
 * conversation, oldest first, deduplicated by id) and the list order (newest activity first).
 *
 * Applying an event costs O(log n): maps for lookups, binary insertion into a thread, and the
 * list order is repaired lazily once per read (normally once per frame), never re-sorted per
 * event. The store does not schedule anything: every change bumps {@link ChatStore.version}
 * and calls the owner's `onChange`; the session folds them into one `change` event per
 * animation frame.
 *
 * The code that merges messages into threads ({@link ChatStore.applyMessage},
 * {@link ChatStore.mergeThread}: thread-merge.ts) is not needed to list conversations: it comes
 * with the chunks that merge (a session's conversation side and live half, right after its
 * first list), which hand it over with {@link provideThreadMerge}. Before that, those two
 * methods throw; everything else works.
 */
import type {
  ChatMessage,
  Conversation,
  ConversationSeed,
  OrderRef,
  Preview,
  ThreadState,
} from '../model/index.js';
import { ConversationOrder, type ConversationWatcher } from './list-order.js';
import { mergeListed } from './previews.js';
import { mergeOrders, mergeReadOrders } from './purchase-orders.js';
import { ThreadBook, type ThreadFlags } from './thread-book.js';
import type * as ThreadMerge from './thread-merge.js';
import type { ApplyOptions, StoreInternals } from './thread-merge.js';

export { union } from './previews.js';
export type { ApplyOptions } from './thread-merge.js';

/** The code that merges messages into threads, once handed over (see the module's comment). */
let merge: typeof ThreadMerge | undefined;

/**
 * Hands the code that merges messages into threads (thread-merge.ts) to every store; the
 * modules that merge call it when they load.
 */
export function provideThreadMerge(code: typeof ThreadMerge): void {
  merge ??= code;
}

/**
 * Loads the code that merges messages into threads, for a `ChatStore` made without a session
 * (a session loads it by itself right after its first list): `await loadThreadMerge()` before
 * `applyMessage` or `mergeThread`.
 */
export async function loadThreadMerge(): Promise<void> {
  provideThreadMerge(await import('./thread-merge.js'));
}

function merging(): typeof ThreadMerge {
  if (!merge) {
    throw new Error(
      'ChatStore: the code that merges messages is not loaded yet (a session loads it after ' +
        'its first list; a store of your own: await loadThreadMerge())',
    );
  }
  return merge;
}

/** What the store needs besides its change callback. */
export interface StoreOptions {
  /** Time window (ms) of the socket/REST pairing, docs/tpos-protocol.md §7.5. Default 5000. */
  dedupeWindow?: () => number;
  /** A conversation's post became known or changed (`lastPostId`), for its order badges. */
  onPost?: (conversationId: string, postId: string) => void;
}

export class ChatStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly byPsid = new Map<string, Set<string>>();
  private readonly threads = new ThreadBook(() => this.changed());
  /** List-answer previews no pushed message has been paired with yet. */
  private restPreviews = new WeakSet<Preview>();
  private readonly order = new ConversationOrder();
  /** Follow every conversation change (the list order, the session's filtered list). */
  private readonly watchers: ConversationWatcher[] = [this.order];
  private orderSnapshot: readonly Conversation[] = [];
  private orderVersion = -1;
  private _version = 0;
  /** What thread-merge.ts works on. */
  private readonly internals: StoreInternals = {
    conversations: this.conversations,
    threads: this.threads,
    window: () => this.window,
    isRestPreview: (preview) => this.restPreviews.has(preview),
    forgetRestPreview: (preview) => this.restPreviews.delete(preview),
    put: (next, previous) => this.put(next, previous),
    onPost: (id, post) => this.options.onPost?.(id, post),
  };

  /** @param onChange called after every change (synchronously; the owner batches). */
  constructor(
    private readonly onChange?: () => void,
    private readonly options: StoreOptions = {},
  ) {}

  private get window(): number {
    return this.options.dedupeWindow?.() ?? 5000;
  }

  /** Increases on every change; use it to memoize derived state. */
  get version(): number {
    return this._version;
  }

  /** Number of conversations. */
  get size(): number {
    return this.conversations.size;
  }

  getConversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** Conversations of one customer (page-scoped id), optionally on one page. */
  findByPsid(psid: string, pageId?: string): Conversation[] {
    const ids = this.byPsid.get(psid);
    if (!ids) return [];
    return [...ids]
      .map((id) => this.conversations.get(id)!)
      .filter((c) => !pageId || c.pageId === pageId);
  }

  /** Every conversation, newest activity first (a new array only when something changed). */
  sortedConversations(): readonly Conversation[] {
    if (this.orderVersion === this._version) return this.orderSnapshot;
    this.orderSnapshot = Object.freeze(this.order.read(this.conversations).slice());
    this.orderVersion = this._version;
    return this.orderSnapshot;
  }

  /**
   * Tells `watcher` of every conversation added or replaced from now on (O(1) each), so a
   * derived list can follow the k changes of a frame instead of reading all n.
   */
  watch(watcher: ConversationWatcher): void {
    this.watchers.push(watcher);
    watcher.invalidate();
  }

  /** The up-to-date list of a watcher this store feeds (see {@link watch}). */
  readList(order: ConversationOrder): readonly Conversation[] {
    return order.read(this.conversations);
  }

  /** The thread of a conversation, or undefined when it was never loaded. */
  getThread(id: string): ThreadState | undefined {
    return this.threads.snapshot(id);
  }

  /** True when a message with that id (or alias) was stored (or pushed) already. */
  hasMessage(id: string): boolean {
    return this.threads.has(id);
  }

  /** The id a message is stored under: its REST id once its socket copy was paired. */
  canonicalId(id: string): string {
    return this.threads.canonical(id);
  }

  /**
   * Adds or updates conversations from a REST list (docs/tpos-protocol.md §7.7): a row keeps
   * the newest preview it has seen, and what the answer does not carry. Returns the newest
   * activity time the answer taught (a conversation that was unknown or is now newer), or
   * -Infinity when it taught nothing.
   */
  upsertConversations(list: readonly Conversation[]): number {
    let learnt = -Infinity;
    const fresh = (preview: Preview) => this.restPreviews.add(preview);
    for (const incoming of list) {
      const existing = this.conversations.get(incoming.id);
      if (!existing) {
        // A new row's previews are history: a socket message later is a newer one (§7.5).
        learnt = Math.max(learnt, incoming.lastActivityAt);
        this.put(incoming);
        continue;
      }
      if (incoming.lastActivityAt > existing.lastActivityAt) {
        learnt = Math.max(learnt, incoming.lastActivityAt);
      }
      const merged = mergeListed(existing, incoming, this.window, fresh);
      // A poll mostly repeats what we have: no new object, no version bump, no render.
      if (!sameConversation(existing, merged)) this.put(merged, existing);
    }
    return learnt;
  }

  /**
   * Applies one pushed message: joins its thread when loaded, moves the conversation to the
   * top, counts it unread. An unknown conversation is created from `seed` (which then needs
   * `pageId` and `psid`). Returns false for a duplicate: an id (or alias) already stored, or
   * the socket copy of a message already read over REST under another id (§7.5), which is
   * then paired with it instead.
   */
  applyMessage(message: ChatMessage, seed: ConversationSeed, options: ApplyOptions): boolean {
    return merging().applyMessage(this.internals, message, seed, options);
  }

  /**
   * Merges a page of a thread read over REST (any order, duplicates ignored) and updates its
   * flags. A REST message whose socket copy is stored under another id replaces it (§7.5).
   * Returns the messages that were new.
   */
  mergeThread(
    id: string,
    messages: readonly ChatMessage[],
    patch: ThreadFlags = {},
  ): ChatMessage[] {
    return merging().mergeThread(this.internals, id, messages, patch);
  }

  /** Sets a thread's flags (creating an empty thread when needed); `error: null` clears. */
  patchThread(id: string, patch: ThreadFlags): void {
    this.threads.flag(id, patch);
  }

  /** Forgets a thread (e.g. to reload it from scratch). */
  dropThread(id: string): void {
    this.threads.drop(id);
  }

  /** Replaces fields of a conversation (no-op for an unknown id). */
  patchConversation(id: string, patch: Partial<Omit<Conversation, 'id'>>): void {
    const existing = this.conversations.get(id);
    if (!existing) return;
    this.put({ ...existing, ...patch }, existing);
  }

  /** Adds or updates an order of a conversation (deduplicated by id, newest first). */
  addOrder(conversationId: string, order: OrderRef): void {
    const existing = this.conversations.get(conversationId);
    if (!existing) return;
    this.put({ ...existing, orders: mergeOrders(existing.orders, [order]) }, existing);
  }

  /** Merges orders read from TPOS into a conversation (see `mergeReadOrders`). */
  addReadOrders(conversationId: string, orders: readonly OrderRef[]): void {
    const existing = this.conversations.get(conversationId);
    if (!existing || orders.length === 0) return;
    const merged = mergeReadOrders(existing.orders, orders);
    if (merged !== existing.orders) this.put({ ...existing, orders: [...merged] }, existing);
  }

  /** Replaces fields of one message (by any of its ids) of a loaded thread. */
  patchMessage(conversationId: string, messageId: string, patch: Partial<ChatMessage>): void {
    this.threads.patchMessage(conversationId, messageId, patch);
  }

  /** Finds a message (by any of its ids) in the loaded threads. */
  findMessage(messageId: string): ChatMessage | undefined {
    return this.threads.findMessage(messageId);
  }

  /** Removes everything (logout, tenant change). */
  clear(): void {
    this.conversations.clear();
    this.byPsid.clear();
    this.threads.clear();
    this.restPreviews = new WeakSet();
    for (const watcher of this.watchers) watcher.invalidate();
    this.changed();
  }

  private put(next: Conversation, previous?: Conversation): void {
    this.conversations.set(next.id, next);
    if (next.lastPostId && next.lastPostId !== previous?.lastPostId) {
      this.options.onPost?.(next.id, next.lastPostId);
    }
    if (!previous || previous.psid !== next.psid) {
      if (previous) this.byPsid.get(previous.psid)?.delete(next.id);
      let ids = this.byPsid.get(next.psid);
      if (!ids) this.byPsid.set(next.psid, (ids = new Set()));
      ids.add(next.id);
    }
    // Order is by activity, but every field change shows in the list snapshot.
    for (const watcher of this.watchers) watcher.changed(next.id);
    this.changed();
  }

  private changed(): void {
    this._version++;
    this.onChange?.();
  }
}

/** Field-by-field equality of two conversations (arrays and objects compared by value). */
export function sameConversation(a: Conversation, b: Conversation): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Conversation)[]);
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}
