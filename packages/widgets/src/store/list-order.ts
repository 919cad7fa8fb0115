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

/**
 * The conversation list order. `moved(id)` is O(1); `read()` repairs the order once: k moved
 * conversations are taken out and binary-inserted (O(n + k log n)); when many moved, one sort.
 */
export class ConversationOrder {
  private order: Conversation[] = [];
  private readonly unordered = new Set<string>();

  /** A conversation was added, removed, or its activity time changed. */
  moved(id: string): void {
    this.unordered.add(id);
  }

  /** The repaired order, with the current objects from `lookup`. */
  read(lookup: ReadonlyMap<string, Conversation>): Conversation[] {
    if (this.unordered.size === 0) {
      this.order = this.order.map((c) => lookup.get(c.id)!);
    } else if (this.unordered.size > 64 && this.unordered.size * 8 > this.order.length) {
      this.order = [...lookup.values()].sort(byActivity);
    } else {
      const kept = this.order.filter((c) => !this.unordered.has(c.id));
      this.order = kept.map((c) => lookup.get(c.id)!);
      for (const id of this.unordered) {
        const conversation = lookup.get(id);
        if (conversation) {
          this.order.splice(lowerBound(this.order, conversation, byActivity), 0, conversation);
        }
      }
    }
    this.unordered.clear();
    return this.order;
  }

  clear(): void {
    this.order = [];
    this.unordered.clear();
  }
}
