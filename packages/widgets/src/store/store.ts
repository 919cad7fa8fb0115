/**
 * The normalized state of one session: conversations by id, threads (messages per
 * conversation, oldest first, deduplicated by id) and the list order (newest activity first).
 *
 * Applying an event costs O(log n): maps for lookups, binary insertion into a thread, and the
 * list order is repaired lazily once per read (normally once per frame), never re-sorted per
 * event. The store does not schedule anything: every change bumps {@link ChatStore.version}
 * and calls the owner's `onChange`; the session folds them into one `change` event per
 * animation frame.
 */
import type {
  ChatMessage,
  Conversation,
  ConversationSeed,
  LoadErrorCode,
  OrderRef,
  ThreadState,
} from '../model/index.js';
import { ConversationOrder, byTime, lowerBound } from './list-order.js';
import { mergeOrders } from './purchase-orders.js';

/** Options of {@link ChatStore.applyMessage}. */
export interface ApplyOptions {
  /** Count a customer message as unread (false while its conversation is open and visible). */
  countUnread: boolean;
}

interface ThreadRecord {
  messages: ChatMessage[];
  ids: Set<string>;
  hasOlder: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error?: LoadErrorCode;
  snapshot?: ThreadState;
}

/** Message ids remembered for dedupe even when their thread is not loaded. */
const SEEN_LIMIT = 50_000;

export class ChatStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly byPsid = new Map<string, Set<string>>();
  private readonly threads = new Map<string, ThreadRecord>();
  private readonly seen = new Map<string, string>();
  private readonly order = new ConversationOrder();
  private orderSnapshot: readonly Conversation[] = [];
  private orderVersion = -1;
  private _version = 0;

  /** @param onChange called after every change (synchronously; the owner batches). */
  constructor(private readonly onChange?: () => void) {}

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

  /** The thread of a conversation, or undefined when it was never loaded. */
  getThread(id: string): ThreadState | undefined {
    const record = this.threads.get(id);
    if (!record) return undefined;
    record.snapshot ??= Object.freeze({
      conversationId: id,
      messages: Object.freeze(record.messages.slice()),
      hasOlder: record.hasOlder,
      loading: record.loading,
      loadingOlder: record.loadingOlder,
      ...(record.error !== undefined ? { error: record.error } : {}),
    });
    return record.snapshot;
  }

  /** True when a message with that id was stored (or pushed) already. */
  hasMessage(id: string): boolean {
    return this.seen.has(id);
  }

  /**
   * Adds or updates conversations from a REST list. A conversation whose stored activity is
   * newer (a pushed event arrived after the server answered) keeps its activity fields.
   */
  upsertConversations(list: readonly Conversation[]): void {
    for (const incoming of list) {
      const existing = this.conversations.get(incoming.id);
      if (!existing) {
        this.put(incoming);
        continue;
      }
      const merged: Conversation = {
        ...incoming,
        kinds: union(existing.kinds, incoming.kinds),
        orders: incoming.orders.length
          ? mergeOrders(existing.orders, incoming.orders)
          : existing.orders,
      };
      if (!merged.lastPostId && existing.lastPostId) merged.lastPostId = existing.lastPostId;
      if (existing.lastActivityAt > incoming.lastActivityAt) {
        merged.lastActivityAt = existing.lastActivityAt;
        merged.unreadCount = existing.unreadCount;
        if (existing.lastMessage) merged.lastMessage = existing.lastMessage;
        if (existing.lastKind) merged.lastKind = existing.lastKind;
      }
      // A poll mostly repeats what we have: no new object, no version bump, no render.
      if (!sameConversation(existing, merged)) this.put(merged, existing);
    }
  }

  /**
   * Applies one pushed (or polled) message: joins its thread when loaded, moves the
   * conversation to the top, counts it unread. An unknown conversation is created from
   * `seed` (which then needs `pageId` and `psid`). Returns false for a duplicate.
   */
  applyMessage(message: ChatMessage, seed: ConversationSeed, options: ApplyOptions): boolean {
    const existing = this.conversations.get(message.conversationId);
    const record = this.threads.get(message.conversationId);
    if (this.seen.has(message.id) || record?.ids.has(message.id)) return false;
    if (!existing && (!seed.pageId || !seed.psid)) return false;
    this.remember(message.id, message.conversationId);
    const base: Conversation = existing ?? {
      id: message.conversationId,
      pageId: seed.pageId!,
      psid: seed.psid!,
      channelType: seed.channelType ?? 4,
      name: seed.name ?? '',
      hasPhone: seed.hasPhone ?? false,
      hasAddress: seed.hasAddress ?? false,
      lastActivityAt: 0,
      kinds: [],
      unreadCount: 0,
      orders: [],
    };
    const next: Conversation = { ...base, kinds: union(base.kinds, [message.kind]) };
    if (seed.name) next.name = seed.name;
    if (seed.hasPhone !== undefined) next.hasPhone = seed.hasPhone;
    if (seed.hasAddress !== undefined) next.hasAddress = seed.hasAddress;
    if (message.post) next.lastPostId = message.post.id;
    if (message.createdAt >= base.lastActivityAt) {
      next.lastActivityAt = message.createdAt;
      next.lastKind = message.kind;
      next.lastMessage = {
        text: message.text.slice(0, 500),
        kind: message.kind,
        isOwner: message.isOwner,
        hasAttachment: message.attachments.length > 0,
      };
    }
    if (options.countUnread && !message.isOwner) next.unreadCount = base.unreadCount + 1;
    this.put(next, existing);
    if (record) this.insertMessages(message.conversationId, record, [message]);
    return true;
  }

  /** Merges a page of a thread (any order, duplicates ignored) and updates its flags. */
  mergeThread(
    id: string,
    messages: readonly ChatMessage[],
    patch: Partial<Pick<ThreadRecord, 'hasOlder' | 'loading' | 'loadingOlder'>> & {
      error?: LoadErrorCode | null;
    } = {},
  ): ChatMessage[] {
    const record = this.threadRecord(id);
    const added = this.insertMessages(id, record, messages);
    this.patchThread(id, patch);
    const newest = record.messages[record.messages.length - 1];
    const conversation = this.conversations.get(id);
    // A poll may be the first to see a message: the list preview follows the thread.
    if (newest && conversation && newest.createdAt > conversation.lastActivityAt) {
      this.put(
        {
          ...conversation,
          lastActivityAt: newest.createdAt,
          lastKind: newest.kind,
          kinds: union(conversation.kinds, [newest.kind]),
          lastMessage: {
            text: newest.text.slice(0, 500),
            kind: newest.kind,
            isOwner: newest.isOwner,
            hasAttachment: newest.attachments.length > 0,
          },
        },
        conversation,
      );
    }
    return added;
  }

  /** Sets a thread's flags (creating an empty thread when needed); `error: null` clears. */
  patchThread(
    id: string,
    patch: Partial<Pick<ThreadRecord, 'hasOlder' | 'loading' | 'loadingOlder'>> & {
      error?: LoadErrorCode | null;
    },
  ): void {
    const record = this.threadRecord(id);
    let changed = false;
    for (const key of ['hasOlder', 'loading', 'loadingOlder'] as const) {
      const value = patch[key];
      if (value !== undefined && record[key] !== value) {
        record[key] = value;
        changed = true;
      }
    }
    if (patch.error !== undefined && (patch.error ?? undefined) !== record.error) {
      if (patch.error === null) delete record.error;
      else record.error = patch.error;
      changed = true;
    }
    if (changed) this.touchThread(record);
  }

  /** Forgets a thread (e.g. to reload it from scratch). */
  dropThread(id: string): void {
    if (this.threads.delete(id)) this.touchThread();
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

  /** Replaces fields of one message of a loaded thread. */
  patchMessage(conversationId: string, messageId: string, patch: Partial<ChatMessage>): void {
    const record = this.threads.get(conversationId);
    const index = record?.messages.findIndex((m) => m.id === messageId) ?? -1;
    if (!record || index < 0) return;
    record.messages[index] = {
      ...record.messages[index]!,
      ...patch,
      id: messageId,
      conversationId,
    };
    this.touchThread(record);
  }

  /** Finds a message in the loaded threads. */
  findMessage(messageId: string): ChatMessage | undefined {
    const conversationId = this.seen.get(messageId);
    const candidates = conversationId ? [conversationId] : [...this.threads.keys()];
    for (const id of candidates) {
      const found = this.threads.get(id)?.messages.find((m) => m.id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  /** Removes everything (logout, tenant change). */
  clear(): void {
    this.conversations.clear();
    this.byPsid.clear();
    this.threads.clear();
    this.seen.clear();
    this.order.clear();
    this.changed();
  }

  private put(next: Conversation, previous?: Conversation): void {
    this.conversations.set(next.id, next);
    if (!previous || previous.psid !== next.psid) {
      if (previous) this.byPsid.get(previous.psid)?.delete(next.id);
      let ids = this.byPsid.get(next.psid);
      if (!ids) this.byPsid.set(next.psid, (ids = new Set()));
      ids.add(next.id);
    }
    if (!previous || previous.lastActivityAt !== next.lastActivityAt) {
      this.order.moved(next.id);
    }
    // Order is by activity, but every field change shows in the list snapshot.
    this.changed();
  }

  private threadRecord(id: string): ThreadRecord {
    let record = this.threads.get(id);
    if (!record) {
      record = {
        messages: [],
        ids: new Set(),
        hasOlder: false,
        loading: false,
        loadingOlder: false,
      };
      this.threads.set(id, record);
      this.touchThread(record);
    }
    return record;
  }

  private insertMessages(
    id: string,
    record: ThreadRecord,
    messages: readonly ChatMessage[],
  ): ChatMessage[] {
    const added: ChatMessage[] = [];
    for (const message of messages) {
      if (record.ids.has(message.id)) continue;
      record.ids.add(message.id);
      this.remember(message.id, id);
      const list = record.messages;
      const last = list[list.length - 1];
      if (!last || byTime(last, message) < 0) list.push(message);
      else list.splice(lowerBound(list, message, byTime), 0, message);
      added.push(message);
    }
    if (added.length) this.touchThread(record);
    return added;
  }

  private remember(messageId: string, conversationId: string): void {
    this.seen.set(messageId, conversationId);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private touchThread(record?: ThreadRecord): void {
    if (record) delete record.snapshot;
    this.changed();
  }

  private changed(): void {
    this._version++;
    this.onChange?.();
  }
}

/** `a` plus the items of `b` it lacks (returns `a` itself when nothing is new). */
export function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return b.every((item) => a.includes(item)) ? (a as T[]) : [...new Set([...a, ...b])];
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
