/**
 * Which stored message is the echo of a message the seller sent from here. The echo reaches
 * the store over a socket or a poll with ChatOmni's id, not ours: it is recognised by
 * Facebook's message id (`externalId` = the Send API's `message_id`) when the upstream sends
 * it, and otherwise (the `recorded` REST answers carry neither `Data` nor the `m_` id) as the
 * shop's own message in the same conversation with the same content, sent around the time the
 * seller pressed send, that no other outgoing message claimed and that was not there before.
 */
import type { ChatMessage, OutgoingMessage } from '../model/index.js';

/**
 * How far the upstream's clock may be from the browser's: an echo stamped up to this long
 * before the click still counts (and up to this long after Facebook's answer).
 */
export const ECHO_CLOCK_SKEW_MS = 120_000;
/** An echo stamped later than this after the click is another message. */
export const ECHO_WINDOW_MS = 10 * 60_000;

/** What the matching needs to know about one outgoing message. */
export interface EchoCandidate {
  out: OutgoingMessage;
  /** Ids of the shop's messages already in the thread when the seller pressed send. */
  before: ReadonlySet<string>;
}

/** Same text (Unicode-normalized, trimmed), or for an image: an image and no text. */
function sameContent(m: ChatMessage, out: OutgoingMessage): boolean {
  if (out.kind === 'image') return m.text.trim() === '' && m.attachments.some(isImage);
  return m.text.normalize('NFC').trim() === out.text.normalize('NFC').trim();
}

const isImage = (a: ChatMessage['attachments'][number]) => a.type === 'image';

/**
 * The echo of `candidate` among `messages` (a thread, oldest first), or undefined; `taken`
 * holds the ids already claimed by other outgoing messages. By Facebook's id first; by
 * content and time only while the echo's Facebook id is unknown or matches.
 */
export function findEcho(
  candidate: EchoCandidate,
  messages: readonly ChatMessage[],
  taken: ReadonlySet<string>,
): ChatMessage | undefined {
  const { out, before } = candidate;
  const from = out.createdAt - ECHO_CLOCK_SKEW_MS;
  const to = out.createdAt + ECHO_WINDOW_MS;
  let fuzzy: ChatMessage | undefined;
  // Newest first: the echo is among the last messages, so the scan stops early. Of several
  // look-alikes, the oldest is taken (outgoing messages are matched oldest first).
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (out.messageId && m.externalId === out.messageId) return m;
    if (m.createdAt < from) break;
    if (
      m.isOwner &&
      m.kind === 'message' &&
      m.createdAt <= to &&
      !taken.has(m.id) &&
      !before.has(m.id) &&
      (!m.externalId || !out.messageId) &&
      sameContent(m, out)
    ) {
      fuzzy = m;
    }
  }
  return fuzzy;
}
