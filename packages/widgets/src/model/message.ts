/**
 * Messages and comments as the elements show them: already normalized (epoch-millisecond
 * times, ids as strings, URLs checked to be http(s)); the wire shapes are in
 * `api/wire-types.ts`.
 */

/** Which Facebook surface a message came from. */
export type MessageKind = 'message' | 'comment';

export const AttachmentType = {
  Image: 'image',
  Video: 'video',
  Audio: 'audio',
  File: 'file',
  Sticker: 'sticker',
  Template: 'template',
  Unknown: 'unknown',
} as const;
export type AttachmentType = (typeof AttachmentType)[keyof typeof AttachmentType];

export interface Attachment {
  type: AttachmentType;
  /** Always an absolute http(s) URL; attachments with any other scheme have none. */
  url?: string;
  /** Preview image for video and stickers, http(s) only. */
  previewUrl?: string;
  /** File name or template title, as text. */
  name?: string;
}

/** A post or livestream a comment belongs to. */
export interface PostRef {
  /** `<pageId>_<postId>` as in `ObjectId` / `Facebook_PostId`. */
  id: string;
  title?: string;
  description?: string;
  /** `Object.ObjectType === 1`: a video or livestream. */
  isVideo: boolean;
}

export interface ChatMessage {
  /**
   * 24-hex ChatOmni message id: the dedupe key across sockets, polling and paging. A socket
   * copy may carry another id than its REST copy (docs/tpos-protocol.md §7.5): once the two
   * are paired the REST `Id` is kept and the socket id is listed in `aliases`.
   */
  id: string;
  /** Other ids of the same message (its socket id after pairing with the REST copy). */
  aliases?: string[];
  conversationId: string;
  kind: MessageKind;
  /** Untrusted customer text: render as text only. */
  text: string;
  /** true = sent by the shop (including echoes of the shop's own replies). */
  isOwner: boolean;
  /** Epoch milliseconds (UTC). */
  createdAt: number;
  attachments: Attachment[];
  /**
   * Messenger messages: Facebook's message id (`m_…`, the `Data.id` of the upstream), when the
   * upstream sends it; a reply sent from the inbox is recognised by it.
   */
  externalId?: string;
  /** The staff member who sent a shop message, when known. */
  staffName?: string;
  /**
   * Comments: the Facebook comment id (`<postId>_<commentId>`), needed to reply and hide.
   * Undefined when neither the REST comment nor a socket copy told it (docs §7.3): the
   * actions are then disabled.
   */
  commentId?: string;
  /** Comments: the parent's id (REST or socket id); null/undefined at top level. */
  parentId?: string | null;
  /** Comments pushed over a socket: the parent's Facebook comment id (`Data.parent.id`). */
  parentCommentId?: string;
  post?: PostRef;
  /** Hidden on Facebook; undefined = not known to be hidden. */
  isHidden?: boolean;
  /**
   * Comments: Facebook's `can_reply_privately` when the upstream sends it (false once the
   * comment got its private reply, or for the page's own comments).
   */
  canReplyPrivately?: boolean;
}
