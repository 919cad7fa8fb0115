/**
 * Sort orders of the store: conversations newest activity first (the list order, kept
 * incrementally and repaired lazily on read, never re-sorted per event) and messages oldest
 * first (threads), with the binary search both use.
 */
import type { ChatMessage, Conversation } from '../model/index.js';

/** Newest activity first; ties by id, descending. */
export function byActivity(a: Conversation, b: Conversation): number {
  return b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Oldest message first; ties by id, ascending. */
export function byTime(a: ChatMessage, b: ChatMessage): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** First index in sorted `list` whose item does not sort before `item`. */
export function lowerBound<T>(
  list: readonly T[],
  item: T,
  compare: (a: T, b: T) => number,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Something that follows the store's conversations: told which changed, or that all did. */
export interface ConversationWatcher {
  /** The conversation `id` was added or replaced (any field). */
  changed(id: string): void;
  /** Everything may have changed (the store was cleared). */
  invalidate(): void;
}

/**
 * A list of conversations, newest activity first, kept to those `keep` accepts. `changed(id)`
 * is O(1); `read()` applies the k changes since the last read: each changed row is taken
 * out of the sorted array and put back by binary search (O(k log n) comparisons and k array
 * moves), so a socket message into one of 10,000 conversations costs no filter and no sort of
 * the whole list. When many changed (or after `invalidate()`) it rebuilds with one filter and
 * sort. It also keeps the sum of `unreadCount` over the rows it holds.
 */
export class ConversationOrder implements ConversationWatcher {
  private order: Conversation[] = [];
  /** The object each held row was placed with (its position follows that object's fields). */
  private readonly placed = new Map<string, Conversation>();
  private readonly pending = new Set<string>();
  private stale = true;
  private unreadSum = 0;

  /** @param keep which conversations belong to the list (default all). */
  constructor(private readonly keep: (c: Conversation) => boolean = () => true) {}

  changed(id: string): void {
    if (!this.stale) this.pending.add(id);
  }

  invalidate(): void {
    this.stale = true;
    this.pending.clear();
  }

  /** Sum of `unreadCount` over the rows, as of the last `read()`. */
  get unread(): number {
    return this.unreadSum;
  }

  /**
   * The up-to-date list, with the current objects from `lookup` (the same array, changed in
   * place: copy it to keep a snapshot).
   */
  read(lookup: ReadonlyMap<string, Conversation>): readonly Conversation[] {
    if (this.stale || (this.pending.size > 64 && this.pending.size * 8 > this.order.length)) {
      this.rebuild(lookup);
      return this.order;
    }
    for (const id of this.pending) {
      const old = this.placed.get(id);
      if (old) {
        this.order.splice(lowerBound(this.order, old, byActivity), 1);
        this.placed.delete(id);
        this.unreadSum -= old.unreadCount;
      }
      const next = lookup.get(id);
      if (next && this.keep(next)) {
        this.order.splice(lowerBound(this.order, next, byActivity), 0, next);
        this.placed.set(id, next);
        this.unreadSum += next.unreadCount;
      }
    }
    this.pending.clear();
    return this.order;
  }

  private rebuild(lookup: ReadonlyMap<string, Conversation>): void {
    this.order = [...lookup.values()].filter((c) => this.keep(c)).sort(byActivity);
    this.placed.clear();
    this.unreadSum = 0;
    for (const c of this.order) {
      this.placed.set(c.id, c);
      this.unreadSum += c.unreadCount;
    }
    this.pending.clear();
    this.stale = false;
  }
}
