/**
 * What a page and the core need to know of sending without the send API itself (which comes
 * with the outbox's chunk): the error of a send, what is sent, and the idempotency key.
 */
import type { SendErrorCode } from '../model/outgoing.js';

/** Rejection of a send (`SendApi.send`, `session.sending`). The message is English and free of secrets. */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    readonly code: SendErrorCode,
    /** Seconds to wait before trying again, when the proxy said (`rate_limited`, ...). */
    readonly retryAfter?: number,
    /** HTTP status, 0 when no answer arrived. */
    readonly status = 0,
  ) {
    super(`Send failed: ${code}`);
  }
}

/** A new idempotency key: 32 hex digits from the browser's CSPRNG (also outside https). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the page answers a customer with. */
export type SendContent =
  /** A Messenger text to the customer (inside the 24-hour window). */
  | { pageId: string; psid: string; text: string }
  /** A Messenger image (JPEG, PNG, GIF or WebP up to 8 MB). */
  | { pageId: string; psid: string; image: Blob; fileName?: string }
  /** A private reply to a comment ("Nhắn riêng"): one per comment, within 7 days. */
  | { pageId: string; commentId: string; text: string };

/** A successful send. */
export interface SendReceipt {
  /** The Messenger message id (`m_…`); the echo over the sockets carries it as `Data.id`. */
  messageId: string;
  /** The customer's PSID (for a private reply, the commenter's). */
  recipientId: string;
}
