/**
 * One message, two ids (docs/tpos-protocol.md §7.5): the real TPOS may give a message one id
 * in its socket envelope and another over REST. Two copies are the same message when they
 * belong to the same conversation (the thread they are looked up in), are on the same side
 * (`isOwner`) and of the same kind, have the same whitespace-trimmed text, and their times
 * (already epoch ms, so `+07:00` and `Z` agree) are at most `window` ms apart. Pairing is one
 * to one: a copy already paired never pairs again, so two identical "ok" stay two.
 */
import type { ChatMessage, Preview } from '../model/index.js';
import { byTime, lowerBound } from './list-order.js';

/**
 * Where a stored copy came from: `socket`; `rest`, read while the thread was already loaded
 * (a poll or catch-up: its socket copy may still be on its way); `history`, read by the first
 * load of the thread (a socket message that arrives later is a newer one, even with the same
 * text); `paired` copies have met their other half.
 */
export type Origin = 'rest' | 'history' | 'socket' | 'paired';

/**
 * True when `a` and `b` may be two copies of one message (time aside). Two Facebook ids that
 * are both known and differ (a comment's, a Messenger `m_` id) make them two messages.
 */
export function sameContent(a: ChatMessage, b: ChatMessage): boolean {
  if (a.commentId && b.commentId && a.commentId !== b.commentId) return false;
  if (a.externalId && b.externalId && a.externalId !== b.externalId) return false;
  return a.kind === b.kind && a.isOwner === b.isOwner && a.text.trim() === b.text.trim();
}

/**
 * The index in `list` (sorted by {@link byTime}) of the unpaired copy of `message` that came
 * from `origin`, closest in time within `window` ms; -1 when there is none.
 */
export function findTwin(
  list: readonly ChatMessage[],
  message: ChatMessage,
  window: number,
  originOf: (id: string) => Origin | undefined,
  origin: Origin,
): number {
  const probe = { ...message, createdAt: message.createdAt - window, id: '' };
  let best = -1;
  for (let i = lowerBound(list, probe, byTime); i < list.length; i++) {
    const candidate = list[i]!;
    if (candidate.createdAt > message.createdAt + window) break;
    if (candidate.id === message.id || originOf(candidate.id) !== origin) continue;
    if (!sameContent(candidate, message)) continue;
    const gap = Math.abs(candidate.createdAt - message.createdAt);
    if (best < 0 || gap < Math.abs(list[best]!.createdAt - message.createdAt)) best = i;
  }
  return best;
}

/**
 * True when a list answer's preview (`at` = its own time, else the row's activity time `rowAt`)
 * is the REST copy of a pushed `message`: same kind, text (previews are cut at 500
 * characters), side when the preview tells it, and time within `window` ms.
 */
export function previewMatches(
  preview: Preview,
  rowAt: number,
  message: ChatMessage,
  window: number,
): boolean {
  return (
    preview.kind === message.kind &&
    (preview.isOwner === undefined || preview.isOwner === message.isOwner) &&
    preview.text.trim() === message.text.slice(0, 500).trim() &&
    Math.abs((preview.at ?? rowAt) - message.createdAt) <= window
  );
}

/**
 * The REST copy `rest` that replaces the socket copy `socket` (or the socket copy joining its
 * REST copy): REST fields win, the other id becomes an alias, and the socket's Facebook ids
 * fill what REST lacks (docs §7.3: a REST comment may carry no Facebook comment id).
 */
export function mergeTwins(rest: ChatMessage, socket: ChatMessage): ChatMessage {
  const merged: ChatMessage = {
    ...rest,
    aliases: [...new Set([...(rest.aliases ?? []), socket.id, ...(socket.aliases ?? [])])],
  };
  if (!merged.commentId && socket.commentId) merged.commentId = socket.commentId;
  if (!merged.externalId && socket.externalId) merged.externalId = socket.externalId;
  if (!merged.parentCommentId && socket.parentCommentId) {
    merged.parentCommentId = socket.parentCommentId;
  }
  if (merged.isHidden === undefined && socket.isHidden !== undefined) {
    merged.isHidden = socket.isHidden;
  }
  if (!merged.post && socket.post) merged.post = socket.post;
  if (!merged.staffName && socket.staffName) merged.staffName = socket.staffName;
  return merged;
}
