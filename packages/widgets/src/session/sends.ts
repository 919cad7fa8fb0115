/**
 * The sends of `session.sending` (sending.ts): each checks what is sent and hands it to the
 * outbox, which shows it at once. With the outbox, a chunk loaded with the first send (the
 * thread's view loads it when it opens).
 */
import { newIdempotencyKey, SendError } from '../api/send-error.js';
import {
  MAX_SEND_TEXT,
  type ChatMessage,
  type Conversation,
  type OutgoingMessage,
} from '../model/index.js';
import type { ChatStore } from '../store/store.js';
import { codePoints } from '../util/text.js';
import type { Outbox } from './outbox.js';
import type { PrivateReplyState, SendOptions } from './sending.js';

/** What the sends work on: the session's outbox and store. */
export interface SendTarget {
  outbox: Outbox;
  store: ChatStore;
  /** Whether a comment can get its private reply now (`Sending.privateReplyState`). */
  privateReplyState(m: ChatMessage): PrivateReplyState;
}

/** See `Sending.sendText`. */
export function sendText(
  to: SendTarget,
  conversationId: string,
  text: string,
  options: SendOptions,
): OutgoingMessage {
  const c = conversation(to, conversationId);
  const body = checkText(text);
  return to.outbox.enqueue(
    { conversationId, kind: 'text', text: body, idempotencyKey: key(options) },
    { pageId: c.pageId, psid: c.psid, text: body },
  );
}

/** See `Sending.sendImage`. */
export async function sendImage(
  to: SendTarget,
  conversationId: string,
  image: { file: Blob; name?: string; previewUrl?: string },
  options: SendOptions,
): Promise<OutgoingMessage> {
  const c = conversation(to, conversationId);
  const { checkImage } = await import('./image-check.js');
  const check = await checkImage(image.file);
  if (!check.ok) throw new SendError(check.code);
  const name = image.name ?? (image.file instanceof File ? image.file.name : 'image');
  const previewUrl = image.previewUrl ?? URL.createObjectURL(image.file);
  return to.outbox.enqueue(
    {
      conversationId,
      kind: 'image',
      text: '',
      image: { previewUrl, name, type: check.type, size: image.file.size },
      idempotencyKey: key(options),
    },
    { pageId: c.pageId, psid: c.psid, image: image.file, fileName: name },
  );
}

/** See `Sending.sendPrivateReply`. */
export function sendPrivateReply(
  to: SendTarget,
  messageId: string,
  text: string,
  options: SendOptions,
): OutgoingMessage {
  const comment = to.store.findMessage(messageId);
  const state = comment ? to.privateReplyState(comment) : 'own';
  if (!comment || state !== 'available') {
    throw new TypeError(`No private reply possible to ${messageId}: ${state}`);
  }
  const c = conversation(to, comment.conversationId);
  const body = checkText(text);
  const commentId = comment.commentId!;
  return to.outbox.enqueue(
    {
      conversationId: c.id,
      kind: 'private-reply',
      text: body,
      replyTo: { messageId, commentId },
      idempotencyKey: key(options),
    },
    { pageId: c.pageId, commentId, text: body },
  );
}

function conversation(to: SendTarget, id: string): Conversation {
  const c = to.store.getConversation(id);
  if (!c) throw new TypeError(`Unknown conversation ${id}`);
  return c;
}

function key(options: SendOptions): string {
  return options.idempotencyKey ?? newIdempotencyKey();
}

/** The text to send (trimmed), or a throw before anything is shown. */
function checkText(text: string): string {
  const body = text.trim();
  if (body === '') throw new TypeError('Nothing to send');
  if (codePoints(body) > MAX_SEND_TEXT) throw new SendError('text_too_long');
  return body;
}
