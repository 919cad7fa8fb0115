/**
 * Upstream (TPOS REST and socket) shapes → the domain model of `../model/`, in one place at the edge.
 * Every function accepts `unknown`, checks each field's type, caps text, keeps only http(s)
 * URLs and returns `null` (or skips the item) instead of throwing. Attachments are in
 * normalize-attachments.ts, messages in normalize-messages.ts.
 */
import type { Conversation, MessageKind, Preview } from '../model/index.js';
import { capText } from '../util/text.js';
import { field, isRecord, optText, toBool, toCount, toId, toTime } from './fields.js';

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
