import type { OutgoingKind } from '../model/index.js';

/** Detail of `chatomni-send`: everything a page needs to send the message itself. */
export interface ChatomniSendDetail {
  conversationId: string;
  /** `text` (Messenger), `image` (Messenger) or `private-reply` (to a comment, in Messenger). */
  kind: OutgoingKind;
  /** The Facebook page the answer is sent as. */
  pageId: string;
  /** The customer's page-scoped id (PSID). */
  psid: string;
  /** The text, trimmed (at most 2,000 characters); empty for an image. */
  text: string;
  /** The image (`kind: 'image'`): JPEG, PNG, GIF or WebP, at most 8 MB, already checked. */
  image?: Blob;
  /** The image's file name, as the seller's system named it (untrusted text). */
  fileName?: string;
  /** Private replies: the Facebook comment id (`<postId>_<commentId>`) answered. */
  commentId?: string;
  /**
   * A fresh idempotency key (32 hex digits) for this message. A page that sends by itself
   * through the proxy's `POST /api/send` passes it as `Idempotency-Key`, and again on every
   * retry, so the message is posted at most once.
   */
  idempotencyKey: string;
}

/**
 * Fired by `<chatomni-thread>` when the seller sends a message: a Messenger text or image from
 * the composer, or a private reply ("Nhắn riêng") to a comment; an image and a text sent
 * together fire one event each, image first.
 *
 * Not cancelled, the element sends it itself through the proxy's `POST /api/send` (the page
 * tokens stay in the proxy): the message shows at once as "Đang gửi…", then "Đã gửi", and its
 * echo takes its place; a failure shows the reason and "Thử lại".
 *
 * Cancelled with `preventDefault()`, the page sends it by itself (its own backend, or
 * `POST /api/send` with `detail.idempotencyKey`): the element clears the composer (or the
 * private-reply box) and shows nothing pending; the message appears when its echo arrives.
 *
 * Bubbles and crosses shadow roots (`composed`); cancelable.
 */
export class ChatomniSendEvent extends CustomEvent<ChatomniSendDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-send';

  constructor(detail: ChatomniSendDetail) {
    super('chatomni-send', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-send': ChatomniSendEvent;
  }
}
