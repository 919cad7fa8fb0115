/**
 * Merging messages into a store's threads (docs/tpos-protocol.md §7.5): a pushed message
 * (`ChatStore.applyMessage`) or a page read over REST (`ChatStore.mergeThread`) joins its
 * thread in time order, each id once, paired with its other copy when the real TPOS gave one
 * message two ids, and moves its conversation. The store's methods run this code, which comes
 * with the chunks that merge (the conversation side, the live half) and is handed to the
 * store with `provideThreadMerge`: a page that only lists conversations never loads it.
 */
import type { ChatMessage, Conversation, ConversationSeed, Preview } from '../model/index.js';
import { byTime, lowerBound } from './list-order.js';
import { union } from './previews.js';
import type { ThreadBook, ThreadFlags, ThreadRecord } from './thread-book.js';
import { findTwin, mergeTwins, previewMatches, type Origin } from './twins.js';

/** Message ids remembered for dedupe even when their thread is not loaded. */
const SEEN_LIMIT = 50_000;

/** Options of {@link applyMessage}. */
export interface ApplyOptions {
  /** Count a customer message as unread (false while its conversation is open and visible). */
  countUnread: boolean;
}

/** What the merging needs of its store (`ChatStore` hands it over). */
export interface StoreInternals {
  readonly conversations: ReadonlyMap<string, Conversation>;
  readonly threads: ThreadBook;
  /** Time window (ms) of the socket/REST pairing. */
  window(): number;
  /** Whether `preview` came from a list answer and no pushed message was paired with it yet. */
  isRestPreview(preview: Preview): boolean;
  /** A pushed message was paired with that list preview. */
  forgetRestPreview(preview: Preview): void;
  /** Stores a conversation (its watchers, its customer index, the change). */
  put(next: Conversation, previous?: Conversation): void;
  /** A thread page revealed a post of its conversation (for its order badges). */
  onPost(conversationId: string, postId: string): void;
}

/** The preview of a stored message (pushed or read), every field known. */
export function previewOf(message: ChatMessage): Preview {
  return {
    text: message.text.slice(0, 500),
    kind: message.kind,
    isOwner: message.isOwner,
    hasAttachment: message.attachments.length > 0,
    at: message.createdAt,
  };
}

/** See `ChatStore.applyMessage`. */
export function applyMessage(
  store: StoreInternals,
  message: ChatMessage,
  seed: ConversationSeed,
  options: ApplyOptions,
): boolean {
  const { threads } = store;
  const window = store.window();
  const existing = store.conversations.get(message.conversationId);
  const record = threads.get(message.conversationId);
  if (threads.has(message.id) || record?.ids.has(message.id)) return false;
  if (!existing && (!seed.pageId || !seed.psid)) return false;
  if (record) {
    const twin = findTwin(record.messages, message, window, (id) => record.origin.get(id), 'rest');
    if (twin >= 0) {
      pair(threads, message.conversationId, record, twin, message);
      return false;
    }
  }
  bounded(threads.seen, message.id, message.conversationId);
  // The list may have shown this very message already (read over REST before the push).
  const listed = existing?.previews?.[message.kind];
  if (
    existing &&
    listed &&
    store.isRestPreview(listed) &&
    previewMatches(listed, existing.lastActivityAt, message, window)
  ) {
    store.forgetRestPreview(listed);
    if (message.post && message.post.id !== existing.lastPostId) {
      store.put({ ...existing, lastPostId: message.post.id }, existing);
    }
    if (record) insert(threads, message.conversationId, record, [message], 'socket');
    return false;
  }
  const base: Conversation = existing ?? {
    id: message.conversationId,
    pageId: seed.pageId!,
    psid: seed.psid!,
    channelType: seed.channelType ?? 4,
    name: seed.name ?? '',
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
  const preview = previewOf(message);
  if ((base.previews?.[message.kind]?.at ?? -Infinity) <= message.createdAt) {
    next.previews = { ...base.previews, [message.kind]: preview };
  }
  if (message.createdAt >= base.lastActivityAt) {
    next.lastActivityAt = message.createdAt;
    next.lastKind = message.kind;
    next.lastMessage = preview;
  }
  if (options.countUnread && !message.isOwner) next.unreadCount = base.unreadCount + 1;
  store.put(next, existing);
  if (record) insert(threads, message.conversationId, record, [message], 'socket');
  return true;
}

/** See `ChatStore.mergeThread`. */
export function mergeThread(
  store: StoreInternals,
  id: string,
  messages: readonly ChatMessage[],
  patch: ThreadFlags,
): ChatMessage[] {
  const { threads } = store;
  const window = store.window();
  const record = threads.record(id);
  const fresh: ChatMessage[] = [];
  for (const message of messages) {
    if (record.ids.has(message.id)) continue;
    const twin = findTwin(record.messages, message, window, (m) => record.origin.get(m), 'socket');
    if (twin >= 0) pair(threads, id, record, twin, message);
    else fresh.push(message);
  }
  // The first read is history: only later reads may be overtaken by a socket copy (§7.5).
  const added = insert(threads, id, record, fresh, record.loaded ? 'rest' : 'history');
  record.loaded = true;
  threads.flag(id, patch);
  const newest = record.messages[record.messages.length - 1];
  let conversation = store.conversations.get(id);
  // The post of the newest comment is the conversation's latest post (§7.4).
  const post = findLast(record.messages, (m) => m.post !== undefined)?.post?.id;
  if (conversation && post && post !== conversation.lastPostId) {
    store.put({ ...conversation, lastPostId: post }, conversation);
    conversation = store.conversations.get(id);
  }
  // A poll may be the first to see a message: the list preview follows the thread.
  if (newest && conversation && newest.createdAt > conversation.lastActivityAt) {
    const preview = previewOf(newest);
    store.put(
      {
        ...conversation,
        lastActivityAt: newest.createdAt,
        lastKind: newest.kind,
        kinds: union(conversation.kinds, [newest.kind]),
        lastMessage: preview,
        previews: { ...conversation.previews, [newest.kind]: preview },
      },
      conversation,
    );
  }
  // The posts the page revealed (comments' `PostId`), each once.
  for (const postId of new Set(added.flatMap((m) => (m.post ? [m.post.id] : [])))) {
    store.onPost(id, postId);
  }
  return added;
}

/** Inserts the messages whose ids are new, from `origin`; returns them. */
function insert(
  threads: ThreadBook,
  id: string,
  record: ThreadRecord,
  messages: readonly ChatMessage[],
  origin: Origin,
): ChatMessage[] {
  const added: ChatMessage[] = [];
  for (const message of messages) {
    if (record.ids.has(message.id)) continue;
    record.ids.add(message.id);
    record.origin.set(message.id, origin);
    bounded(threads.seen, message.id, id);
    insertSorted(record.messages, message);
    added.push(message);
  }
  if (added.length) threads.touch(record);
  return added;
}

/**
 * Pairs the stored copy at `index` with its other copy `other` (§7.5): the REST id is kept,
 * the socket id becomes an alias, the message moves to the REST time. A socket reply's
 * `Data.parent.id` teaches its parent's Facebook comment id.
 */
function pair(
  threads: ThreadBook,
  id: string,
  record: ThreadRecord,
  index: number,
  other: ChatMessage,
): void {
  const stored = record.messages[index]!;
  const storedIsRest = record.origin.get(stored.id) !== 'socket';
  const merged = storedIsRest ? mergeTwins(stored, other) : mergeTwins(other, stored);
  const socketId = storedIsRest ? other.id : stored.id;
  record.messages.splice(index, 1);
  record.origin.delete(stored.id);
  insertSorted(record.messages, merged);
  for (const key of [merged.id, ...(merged.aliases ?? [])]) record.ids.add(key);
  record.origin.set(merged.id, 'paired');
  bounded(threads.seen, merged.id, id);
  bounded(threads.aliases, socketId, merged.id);
  const parentKey = merged.parentId && threads.canonical(merged.parentId);
  const parent = parentKey ? record.messages.findIndex((m) => m.id === parentKey) : -1;
  if (parent >= 0 && merged.parentCommentId && !record.messages[parent]!.commentId) {
    record.messages[parent] = { ...record.messages[parent]!, commentId: merged.parentCommentId };
  }
  threads.touch(record);
}

/** Oldest first; O(1) for the usual append. */
function insertSorted(list: ChatMessage[], message: ChatMessage): void {
  const last = list[list.length - 1];
  if (!last || byTime(last, message) < 0) list.push(message);
  else list.splice(lowerBound(list, message, byTime), 0, message);
}

/** Sets `key` in an insertion-ordered map of at most {@link SEEN_LIMIT} entries. */
function bounded(map: Map<string, string>, key: string, value: string): void {
  map.set(key, value);
  if (map.size > SEEN_LIMIT) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/** The last item of `list` that passes `test`. */
function findLast<T>(list: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return list[i];
  return undefined;
}
