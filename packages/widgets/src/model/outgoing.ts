/**
 * Messages the seller is sending: shown at once ("Đang gửi…"), then "Đã gửi" on Facebook's
 * answer, until the page's echo (over a socket or a poll) takes their place in the thread.
 */

/** The error codes of `POST /api/send`, as the proxy answers them. */
export const PROXY_SEND_ERRORS = [
  'bad_request',
  'unauthorized',
  'page_not_allowed',
  'send_in_progress',
  'payload_too_large',
  'unsupported_media_type',
  'text_too_long',
  'idempotency_key_reused',
  'outside_window',
  'recipient_unavailable',
  'page_token_invalid',
  'message_invalid',
  'permission_denied',
  'reply_already_sent',
  'comment_too_old',
  'rate_limited',
  'graph_unavailable',
  'graph_error',
  'bad_gateway',
  'gateway_timeout',
  'send_unconfirmed',
] as const;

/**
 * Why a send failed: one of the proxy's codes ({@link PROXY_SEND_ERRORS}), or, when no answer
 * of the proxy says why, `network` (no answer), `timeout` (none in time) or `server` (an answer
 * the proxy did not write, e.g. a 500 of the platform).
 */
export type SendErrorCode = (typeof PROXY_SEND_ERRORS)[number] | 'network' | 'timeout' | 'server';

/** Every {@link SendErrorCode}, e.g. for a translation table's tests. */
export const SEND_ERROR_CODES: readonly SendErrorCode[] = [
  ...PROXY_SEND_ERRORS,
  'network',
  'timeout',
  'server',
];

/** Longest Messenger text, in characters (code points, as Facebook counts). */
export const MAX_SEND_TEXT = 2000;
/** Largest image the proxy forwards: 8 MB (8,388,608 bytes). */
export const MAX_SEND_IMAGE_BYTES = 8 * 1024 * 1024;
/** The image types Messenger takes from us. */
export const SEND_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
/** How long after a comment Facebook takes its (one) private reply: 7 days. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3600_000;

/** Where an outgoing message is. */
export const SendStatus = {
  /** Being sent (retries of a dropped connection included). */
  Sending: 'sending',
  /** Facebook took it; its echo has not reached the thread yet. */
  Sent: 'sent',
  /** It failed; `error` says why. */
  Failed: 'failed',
} as const;
export type SendStatus = (typeof SendStatus)[keyof typeof SendStatus];

/** What kind of message is sent. */
export type OutgoingKind = 'text' | 'image' | 'private-reply';

/** An image the seller attached, as the thread previews it. */
export interface OutgoingImage {
  /** A `blob:` URL of the local file (revoked when the message leaves the session). */
  previewUrl: string;
  /** File name as the seller's system named it (untrusted text). */
  name: string;
  /** `image/jpeg`, `image/png`, `image/gif` or `image/webp`. */
  type: string;
  /** Bytes. */
  size: number;
}

/** One message being sent (or that failed), shown after the thread's stored messages. */
export interface OutgoingMessage {
  /** Local id (`out-…`), stable across retries: the bubble's key. */
  id: string;
  conversationId: string;
  kind: OutgoingKind;
  /** The text sent; empty for an image. */
  text: string;
  image?: OutgoingImage;
  /** Private replies: the comment's ChatOmni message id and its Facebook comment id. */
  replyTo?: { messageId: string; commentId: string };
  /**
   * The `Idempotency-Key` of the send: the same for every retry ("Thử lại"), so the proxy
   * posts the message at most once. A new one only when the seller sends again after
   * `send_unconfirmed`.
   */
  idempotencyKey: string;
  status: SendStatus;
  /** Epoch ms when the seller pressed send. */
  createdAt: number;
  /** Requests made so far (automatic retries of a lost connection included). */
  attempts: number;
  /** Facebook's message id (`m_…`) once it answered. */
  messageId?: string;
  /** Why it failed (status `failed`). */
  error?: { code: SendErrorCode; retryAfter?: number };
  /**
   * After `send_unconfirmed`: true while the session looks for its echo (up to 5 s, then it
   * fetches the thread); sending it again is offered only once that found nothing.
   */
  checking?: boolean;
}
