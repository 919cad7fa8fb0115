/**
 * REST messages and comments of a thread → `ChatMessage` (docs/tpos-protocol.md §4.2, §7.3),
 * by the rules of `normalize.ts`. Apart from it because only an open conversation needs it:
 * it goes with the conversation side's chunk, not the first load.
 */
import type { ChatMessage, MessageKind, PostRef } from '../model/index.js';
import { capText } from '../util/text.js';
import { field, isRecord, optText, toBool, toId, toTime } from './fields.js';
import { normalizeAttachments } from './normalize-attachments.js';

function postRef(id: unknown, object: unknown): PostRef | undefined {
  const postId = toId(id) ?? toId(field(object, 'Id'));
  if (!postId) return undefined;
  const post: PostRef = { id: postId, isVideo: field(object, 'ObjectType') === 1 };
  const title = optText(field(object, 'Title'), 500);
  const description = optText(field(object, 'Description'), 2000);
  if (title) post.title = title;
  if (description) post.description = description;
  return post;
}

/** What the normalizers need to know that the wire does not say. */
export interface NormalizeOptions {
  /** `Status` of a hidden comment when no boolean says so (docs/tpos-protocol.md §7.3). Default 2. */
  hiddenCommentStatus?: number;
}

/** A ChatOmni id: 24 hex digits. Anything else in a comment's `Id` may be Facebook's own id. */
const CHATOMNI_ID = /^[0-9a-f]{24}$/i;

/**
 * A REST comment's Facebook comment id, found the ways production clients did (docs §7.3):
 * `FacebookId` or `Data.id` (the simulator's rich profile), the names one client tried
 * (`PlatformId`, `OriginalId`, `SocialId`), then the `Id` itself when it is not a ChatOmni id.
 */
export function restCommentId(item: Record<string, unknown>): string | undefined {
  for (const candidate of [
    item.FacebookId,
    field(item.Data, 'id'),
    item.PlatformId,
    item.OriginalId,
    item.SocialId,
  ]) {
    const id = toId(candidate);
    if (id) return id;
  }
  const id = toId(item.Id);
  return id && !CHATOMNI_ID.test(id) ? id : undefined;
}

/** Hidden from `IsHidden` or `Data.is_hidden`, else from `Status` (undefined when none is sent). */
function commentHidden(item: Record<string, unknown>, hiddenStatus: number): boolean | undefined {
  const flag = toBool(item.IsHidden) ?? toBool(field(item.Data, 'is_hidden'));
  if (flag !== undefined) return flag;
  return typeof item.Status === 'number' ? item.Status === hiddenStatus : undefined;
}

/**
 * A REST message or comment (`kind`); comments with nested `Messages[]` replies yield the
 * replies too (with `parentId`). Items without an id or a time are skipped.
 */
export function normalizeRestMessage(
  raw: unknown,
  conversationId: string,
  kind: MessageKind,
  options: NormalizeOptions = {},
): ChatMessage[] {
  const hiddenStatus = options.hiddenCommentStatus ?? 2;
  const out: ChatMessage[] = [];
  const visit = (item: unknown, parentId: string | null, depth: number) => {
    if (!isRecord(item) || depth > 3) return;
    const id = toId(item.Id);
    const createdAt = toTime(item.CreatedTime);
    if (!id || createdAt === undefined) return;
    const itemKind: MessageKind =
      item.Type === 'comment' || item.MessageType === 12
        ? 'comment'
        : item.Type === 'message' || item.MessageType === 11
          ? 'message'
          : kind;
    const message: ChatMessage = {
      id,
      conversationId,
      kind: itemKind,
      text: capText(item.Message),
      isOwner: item.IsOwner === true,
      createdAt,
      attachments: normalizeAttachments(item.Attachments),
    };
    const staff = optText(field(item.ApplicationUser, 'Name'), 200);
    if (staff) message.staffName = staff;
    if (itemKind === 'comment') {
      const commentId = restCommentId(item);
      if (commentId) message.commentId = commentId;
      message.parentId = toId(item.ParentId) ?? parentId;
      const post = postRef(item.PostId ?? item.ObjectId, item.Object);
      if (post) message.post = post;
      const hidden = commentHidden(item, hiddenStatus);
      if (hidden !== undefined) message.isHidden = hidden;
      const replyable = toBool(field(item.Data, 'can_reply_privately'));
      if (replyable !== undefined) message.canReplyPrivately = replyable;
    } else {
      const externalId = toId(field(item.Data, 'id'));
      if (externalId) message.externalId = externalId;
    }
    out.push(message);
    if (Array.isArray(item.Messages)) {
      for (const reply of item.Messages.slice(0, 500)) visit(reply, id, depth + 1);
    }
  };
  visit(raw, null, 0);
  return out;
}
