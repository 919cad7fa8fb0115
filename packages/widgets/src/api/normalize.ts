/**
 * Upstream (TPOS REST and socket) shapes → the domain model of `../model/`, in one place at the edge.
 * Every function accepts `unknown`, checks each field's type, caps text, keeps only http(s)
 * URLs and returns `null` (or skips the item) instead of throwing.
 */
import type {
  Attachment,
  AttachmentType,
  ChatMessage,
  Conversation,
  MessageKind,
  PostRef,
  Preview,
} from '../model/index.js';
import { safeHttpUrl } from '../util/url.js';
import { capText } from '../util/text.js';
import { field, isRecord, optText, toBool, toCount, toId, toTime } from './fields.js';

const ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  'image',
  'video',
  'audio',
  'file',
  'sticker',
  'template',
]);

function attachmentType(value: unknown): AttachmentType {
  const type = typeof value === 'string' ? value.toLowerCase() : '';
  if (type === 'photo' || type === 'animated_image_share') return 'image';
  return (ATTACHMENT_TYPES.has(type) ? type : 'unknown') as AttachmentType;
}

/**
 * Attachments in any of the known shapes: REST `[{Type, Payload:{Url}}]`, webhook
 * `[{type, payload:{url}}]`, and Graph `{data:[{image_data:{url}}, {video_data}, {file_url}]}`.
 * At most 20 are kept.
 */
export function normalizeAttachments(raw: unknown): Attachment[] {
  const list = Array.isArray(raw)
    ? raw
    : Array.isArray(field(raw, 'data'))
      ? (field(raw, 'data') as unknown[])
      : [];
  const out: Attachment[] = [];
  for (const item of list.slice(0, 20)) {
    if (!isRecord(item)) continue;
    const payload = item.Payload ?? item.payload;
    const image = field(item, 'image_data');
    const video = field(item, 'video_data');
    let type = attachmentType(item.Type ?? item.type);
    if (type === 'unknown') {
      const mime = typeof item.mime_type === 'string' ? item.mime_type : '';
      if (image || mime.startsWith('image/')) type = 'image';
      else if (video || mime.startsWith('video/')) type = 'video';
      else if (mime.startsWith('audio/')) type = 'audio';
      else if (item.file_url) type = 'file';
    }
    const url = safeHttpUrl(
      field(payload, 'Url') ??
        field(payload, 'url') ??
        field(image, 'url') ??
        field(video, 'url') ??
        item.file_url ??
        item.url,
    );
    const previewUrl = safeHttpUrl(
      field(payload, 'PreviewUrl') ?? field(video, 'preview_url') ?? field(image, 'preview_url'),
    );
    const name = optText(
      field(payload, 'Name') ?? field(payload, 'Title') ?? field(payload, 'title') ?? item.name,
      500,
    );
    const attachment: Attachment = { type };
    if (url) attachment.url = url;
    if (previewUrl) attachment.previewUrl = previewUrl;
    if (name) attachment.name = name;
    out.push(attachment);
  }
  return out;
}

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

/** A list answer's preview of one kind (`LastActivities.Message` / `.Comment`). */
function restPreview(raw: Record<string, unknown>, kind: MessageKind): Preview {
  const preview: Preview = { text: capText(raw.Message, 500), kind };
  const isOwner = toBool(raw.IsOwner);
  if (isOwner !== undefined) preview.isOwner = isOwner;
  const hasAttachment =
    toBool(raw.HasAttachment) ??
    (Array.isArray(raw.Attachments) ? raw.Attachments.length > 0 : undefined);
  if (hasAttachment !== undefined) preview.hasAttachment = hasAttachment;
  const at = toTime(raw.CreatedTime);
  if (at !== undefined) preview.at = at;
  return preview;
}

/**
 * Which preview a list answer says is the latest: `LastActivities.Type`, else the newer
 * preview time, else the only preview; undefined when it cannot tell (both previews and no
 * time: the store decides, docs/tpos-protocol.md §7.7).
 */
function answeredKind(
  type: unknown,
  previews: Partial<Record<MessageKind, Preview>>,
): MessageKind | undefined {
  if (type === 'message' || type === 'comment') return type;
  const { message, comment } = previews;
  if (message && comment) {
    if (message.at === undefined || comment.at === undefined || message.at === comment.at) {
      return undefined;
    }
    return comment.at > message.at ? 'comment' : 'message';
  }
  return comment ? 'comment' : message ? 'message' : undefined;
}

/**
 * A conversation from `conversations/search`; null without id, page or user. Fields that the
 * answer does not carry stay undefined (docs/tpos-protocol.md §4.1): `hasAddress`,
 * `hasOrder`, a preview's owner, attachment flag and time. When both previews come without a
 * time or `Type`, `lastMessage` is the Messenger one and `lastKind` stays unset: the store
 * keeps the kind it showed before (§7.7).
 */
export function normalizeRestConversation(raw: unknown): Conversation | null {
  if (!isRecord(raw)) return null;
  const id = toId(raw.Id);
  const pageId = toId(field(raw.Channel, 'Id')) ?? toId(raw.ChannelId);
  const psid = toId(field(raw.User, 'Id')) ?? toId(raw.UserId);
  if (!id || !pageId || !psid) return null;
  const last = isRecord(raw.LastActivities) ? raw.LastActivities : {};
  const previews: Partial<Record<MessageKind, Preview>> = {};
  if (isRecord(last.Message)) previews.message = restPreview(last.Message, 'message');
  if (isRecord(last.Comment)) previews.comment = restPreview(last.Comment, 'comment');
  const kinds: MessageKind[] = [];
  if (previews.message || raw.Type === 'message') kinds.push('message');
  if (previews.comment || raw.Type === 'comment') kinds.push('comment');
  const lastKind = answeredKind(last.Type, previews);
  const preview = previews[lastKind ?? 'message'] ?? previews.comment;
  const phone = optText(raw.Phone, 50);
  const conversation: Conversation = {
    id,
    pageId,
    psid,
    channelType: toCount(field(raw.Channel, 'Type')) ?? 4,
    name: capText(raw.Name ?? field(raw.User, 'Name'), 200),
    lastActivityAt:
      toTime(last.ActivitedTime) ??
      Math.max(previews.message?.at ?? 0, previews.comment?.at ?? 0, toTime(raw.UpdatedTime) ?? 0),
    kinds,
    unreadCount: toCount(last.UnreadCount) ?? (last.HasUnread === true ? 1 : 0),
    orders: [],
  };
  // `Phone` is recorded (null when there is none); only a missing key leaves it unknown.
  const hasPhone = toBool(raw.HasPhone) ?? ('Phone' in raw ? Boolean(phone) : undefined);
  if (hasPhone !== undefined) conversation.hasPhone = hasPhone;
  const hasAddress = toBool(raw.HasAddress);
  if (hasAddress !== undefined) conversation.hasAddress = hasAddress;
  if (phone) conversation.phone = phone;
  if (typeof raw.HasOrder === 'boolean') conversation.hasOrder = raw.HasOrder;
  if (lastKind) conversation.lastKind = lastKind;
  if (previews.message || previews.comment) conversation.previews = previews;
  if (preview) conversation.lastMessage = preview;
  const lastComment = isRecord(last.Comment) ? last.Comment : undefined;
  const postId = toId(lastComment?.ObjectId) ?? toId(lastComment?.PostId);
  if (postId) conversation.lastPostId = postId;
  const status = optText(field(raw.ApplicationPartner, 'StatusText'), 100);
  if (status) conversation.partnerStatus = status;
  const userIds = Array.isArray(raw.UserIds) ? raw.UserIds : raw.AssignedUserIds;
  if (Array.isArray(userIds)) {
    conversation.userIds = userIds
      .map(toId)
      .filter((v): v is string => Boolean(v))
      .slice(0, 50);
  }
  return conversation;
}
