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
  OrderRef,
  PostRef,
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

/**
 * A REST message or comment (`kind`); comments with nested `Messages[]` replies yield the
 * replies too (with `parentId`). Items without an id or a time are skipped.
 */
export function normalizeRestMessage(
  raw: unknown,
  conversationId: string,
  kind: MessageKind,
): ChatMessage[] {
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
      const commentId = toId(item.FacebookId) ?? toId(field(item.Data, 'id'));
      if (commentId) message.commentId = commentId;
      message.parentId = toId(item.ParentId) ?? parentId;
      const post = postRef(item.PostId ?? item.ObjectId, item.Object);
      if (post) message.post = post;
      const hidden = toBool(item.IsHidden) ?? toBool(field(item.Data, 'is_hidden'));
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

/** A conversation from `conversations/search`; null without id, page or user. */
export function normalizeRestConversation(raw: unknown): Conversation | null {
  if (!isRecord(raw)) return null;
  const id = toId(raw.Id);
  const pageId = toId(field(raw.Channel, 'Id')) ?? toId(raw.ChannelId);
  const psid = toId(field(raw.User, 'Id')) ?? toId(raw.UserId);
  if (!id || !pageId || !psid) return null;
  const last = isRecord(raw.LastActivities) ? raw.LastActivities : {};
  const lastMessageRaw = isRecord(last.Message) ? last.Message : undefined;
  const lastCommentRaw = isRecord(last.Comment) ? last.Comment : undefined;
  const kinds: MessageKind[] = [];
  if (lastMessageRaw || raw.Type === 'message') kinds.push('message');
  if (lastCommentRaw || raw.Type === 'comment') kinds.push('comment');
  // The newer of the two previews is the conversation's latest activity.
  const messageTime = toTime(lastMessageRaw?.CreatedTime) ?? 0;
  const commentTime = toTime(lastCommentRaw?.CreatedTime) ?? 0;
  const lastKind: MessageKind | undefined =
    last.Type === 'message' || last.Type === 'comment'
      ? last.Type
      : lastMessageRaw && lastCommentRaw
        ? commentTime > messageTime
          ? 'comment'
          : 'message'
        : lastCommentRaw
          ? 'comment'
          : lastMessageRaw
            ? 'message'
            : undefined;
  const preview = lastKind === 'comment' ? lastCommentRaw : lastMessageRaw;
  const phone = optText(raw.Phone, 50);
  const conversation: Conversation = {
    id,
    pageId,
    psid,
    channelType: toCount(field(raw.Channel, 'Type')) ?? 4,
    name: capText(raw.Name ?? field(raw.User, 'Name'), 200),
    hasPhone: toBool(raw.HasPhone) ?? Boolean(phone),
    hasAddress: toBool(raw.HasAddress) ?? false,
    lastActivityAt:
      toTime(last.ActivitedTime) ??
      Math.max(messageTime, commentTime, toTime(raw.UpdatedTime) ?? 0),
    kinds,
    unreadCount: toCount(last.UnreadCount) ?? (last.HasUnread === true ? 1 : 0),
    orders: [],
  };
  if (phone) conversation.phone = phone;
  if (typeof raw.HasOrder === 'boolean') conversation.hasOrder = raw.HasOrder;
  if (lastKind) conversation.lastKind = lastKind;
  if (preview) {
    conversation.lastMessage = {
      text: capText(preview.Message, 500),
      kind: lastKind ?? 'message',
      isOwner: preview.IsOwner === true,
      hasAttachment:
        preview.HasAttachment === true ||
        (Array.isArray(preview.Attachments) && preview.Attachments.length > 0),
    };
  }
  const postId = toId(lastCommentRaw?.ObjectId) ?? toId(lastCommentRaw?.PostId);
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

/** An order from a SaleOnline_Order event `Data`, an order creation answer or customer info. */
export function normalizeOrder(raw: unknown): OrderRef | null {
  if (!isRecord(raw)) return null;
  const id = toId(raw.Id);
  const code = optText(raw.Code, 100);
  if (!id || !code) return null;
  const order: OrderRef = { id, code };
  const index = toCount(raw.SessionIndex);
  const session = toCount(raw.Session);
  if (index !== undefined) {
    order.index = index;
    order.displayCode = `#${index}. ${code}`;
  }
  if (session !== undefined) order.session = session;
  const status = optText(raw.StatusText, 100);
  if (status) order.statusText = status;
  return order;
}
