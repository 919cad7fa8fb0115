/**
 * Which preview a conversation row shows, and how a list answer merges into a stored
 * conversation (docs/tpos-protocol.md §7.7). The list answer of the real TPOS carries one
 * time for the whole row (`ActivitedTime`) and the text of the latest Messenger message and
 * of the latest comment, without saying which is newer: a refresh must never turn a newer
 * preview (e.g. a pushed comment) back into an older one.
 */
import type { Conversation, MessageKind, Preview } from '../model/index.js';
import { mergeOrders } from './purchase-orders.js';

const KINDS: readonly MessageKind[] = ['message', 'comment'];

/**
 * The kind a newer list answer's row should show when the answer does not say (no `Type`,
 * no preview times): the one preview whose text changed; else, when the answer is newer than
 * the shown preview by more than `window` ms and the shown kind's text did not change, the
 * other kind; else the kind shown before. A kind never seen before counts as unknown, not as
 * changed (the row may have been created from a pushed comment alone).
 */
export function pickKind(
  existing: Conversation,
  incoming: Conversation,
  window: number,
): MessageKind | undefined {
  const before = existing.previews ?? {};
  const after = incoming.previews ?? {};
  const changed = KINDS.filter((k) => after[k] && before[k] && after[k].text !== before[k].text);
  if (changed.length === 1) return changed[0];
  const shown = existing.lastMessage?.kind ?? existing.lastKind;
  if (!shown) return undefined;
  const other: MessageKind = shown === 'message' ? 'comment' : 'message';
  const shownAt = existing.lastMessage?.at ?? existing.lastActivityAt;
  const unchanged = after[shown] !== undefined && after[shown].text === before[shown]?.text;
  if (unchanged && after[other] && incoming.lastActivityAt > shownAt + window) return other;
  return shown;
}

/** Previews of `b` over those of `a`, per kind. */
function mergePreviews(
  a: Conversation['previews'],
  b: Conversation['previews'],
): Conversation['previews'] {
  return a || b ? { ...a, ...b } : undefined;
}

/**
 * A list answer's conversation merged into the stored one. Fields the answer does not carry
 * keep what was known (a socket's `HasAddress`, orders from events, the post). When the answer
 * is not newer than what is shown, the shown preview stays (a pushed one included) and so does
 * the unread count of a newer push; when it is newer, the server's state wins and the preview
 * is picked by {@link pickKind}. `fresh` receives the preview objects taken from the answer.
 */
export function mergeListed(
  existing: Conversation,
  incoming: Conversation,
  window: number,
  fresh: (preview: Preview) => void,
): Conversation {
  const merged: Conversation = {
    ...incoming,
    kinds: union(existing.kinds, incoming.kinds),
    orders: incoming.orders.length
      ? mergeOrders(existing.orders, incoming.orders)
      : existing.orders,
  };
  for (const key of ['hasPhone', 'hasAddress', 'hasOrder', 'lastPostId', 'phone'] as const) {
    if (merged[key] === undefined && existing[key] !== undefined) {
      (merged as unknown as Record<string, unknown>)[key] = existing[key];
    }
  }
  if (incoming.lastActivityAt <= existing.lastActivityAt) {
    if (incoming.lastActivityAt < existing.lastActivityAt) {
      merged.unreadCount = existing.unreadCount;
    }
    merged.lastActivityAt = existing.lastActivityAt;
    assign(merged, 'lastMessage', existing.lastMessage);
    assign(merged, 'lastKind', existing.lastKind);
    assign(merged, 'previews', existing.previews);
    return merged;
  }
  const kind =
    incoming.lastKind ??
    (incoming.previews ? pickKind(existing, incoming, window) : incoming.lastMessage?.kind);
  const previews = mergePreviews(existing.previews, incoming.previews);
  assign(merged, 'previews', previews);
  for (const k of KINDS) if (incoming.previews?.[k]) fresh(incoming.previews[k]);
  if (kind) {
    merged.lastKind = kind;
    assign(merged, 'lastMessage', previews?.[kind] ?? incoming.lastMessage);
  }
  return merged;
}

/** Sets `key` to `value`, or deletes it when `value` is undefined. */
function assign<K extends keyof Conversation>(
  target: Conversation,
  key: K,
  value: Conversation[K] | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** `a` plus the items of `b` it lacks (returns `a` itself when nothing is new). */
export function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return b.every((item) => a.includes(item)) ? (a as T[]) : [...new Set([...a, ...b])];
}
