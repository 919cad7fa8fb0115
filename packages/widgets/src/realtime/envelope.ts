/**
 * Socket payloads → actions for the session. Both dialects (docs/tpos-protocol.md §5) are understood:
 * captured `on-events` (a JSON string to parse again) and the seed's `on-messages`,
 * `on-conversations`, `notification` and `update`. Nothing here throws: anything malformed
 * becomes a `drop` with a reason for the debug log.
 */
import type { ChatMessage, ConversationSeed, MessageKind } from '../model/index.js';
import { field, isRecord, toId, toTime } from '../api/fields.js';
import { normalizeAttachments } from '../api/normalize-attachments.js';
import { normalizeOrder } from '../api/normalize-orders.js';
import { capText } from '../util/text.js';
import type { RealtimeAction, RealtimeEventName } from './actions.js';

export {
  EVENT_NAMES,
  ACTION_TYPES,
  type RealtimeAction,
  type RealtimeEventName,
} from './actions.js';

/** Payloads larger than this (characters of JSON) are dropped unread. */
export const MAX_PAYLOAD_CHARS = 1_000_000;

function drop(reason: string): RealtimeAction {
  return { type: 'drop', reason };
}

/** The payload as an object: parses JSON strings (once or twice), refuses huge ones. */
export function decodePayload(payload: unknown): Record<string, unknown> | string {
  let value = payload;
  for (let i = 0; i < 2 && typeof value === 'string'; i++) {
    if (value.length > MAX_PAYLOAD_CHARS) return 'payload too large';
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return 'not JSON';
    }
  }
  return isRecord(value)
    ? value
    : `not an object (${Array.isArray(value) ? 'array' : typeof value})`;
}

/** Turns one socket event into an action. */
export function parseEvent(event: RealtimeEventName, payload: unknown): RealtimeAction {
  const envelope = decodePayload(payload);
  if (typeof envelope === 'string') return drop(envelope);
  if (event === 'on-conversations') {
    const id = toId(field(envelope.Conversation, 'Id'));
    const updatedAt = toTime(field(envelope.Conversation, 'UpdatedTime'));
    if (!id) return { type: 'refresh' };
    return updatedAt === undefined
      ? { type: 'refresh', conversationId: id }
      : { type: 'refresh', conversationId: id, updatedAt };
  }
  const eventName = envelope.EventName;
  if (
    eventName === 'chatomni.on-message' ||
    eventName === 'MessageCreated' ||
    (envelope.Message !== undefined &&
      envelope.Conversation !== undefined &&
      eventName === undefined)
  ) {
    return parseMessage(envelope);
  }
  const type = envelope.Type ?? envelope.type;
  if (type === 'SaleOnline_Order') return parseOrder(envelope);
  // Catalogue, invoice and other typed envelopes carry nothing the inbox shows.
  if (typeof type === 'string' && type.length <= 100) return { type: 'ignore', reason: type };
  // The seed dialect's notification/update without an envelope only says "something changed".
  if (event === 'notification' || event === 'update' || event === 'on-messages') {
    return { type: 'refresh' };
  }
  return drop('unknown envelope');
}

function parseMessage(envelope: Record<string, unknown>): RealtimeAction {
  const raw = envelope.Message;
  const conv = envelope.Conversation;
  if (!isRecord(raw)) {
    // The seed's MessageCreated may come without the message: refetch instead.
    return envelope.EventName === 'MessageCreated'
      ? { type: 'refresh' }
      : drop('message without Message');
  }
  const conversationId = toId(field(conv, 'Id')) ?? toId(raw.ConversationId);
  const id = toId(raw.Id);
  const createdAt = toTime(raw.CreatedTime) ?? toTime(raw.ChannelCreatedTime);
  const pageId = toId(field(conv, 'ChannelId')) ?? toId(raw.ChannelId);
  const psid = toId(field(conv, 'UserId')) ?? toId(raw.UserId);
  if (!conversationId || !id || createdAt === undefined || !pageId || !psid) {
    return drop('message missing id, conversation, time, page or user');
  }
  if (raw.Message !== undefined && raw.Message !== null && typeof raw.Message !== 'string') {
    return drop('message text has the wrong type');
  }
  const data = isRecord(raw.Data) ? raw.Data : {};
  const kind: MessageKind = raw.MessageType === 12 ? 'comment' : 'message';
  const message: ChatMessage = {
    id,
    conversationId,
    kind,
    text: capText(raw.Message ?? data.message),
    isOwner: raw.IsOwner === true,
    createdAt,
    attachments: normalizeAttachments(
      Array.isArray(data.webhook_attachments)
        ? data.webhook_attachments
        : (data.attachments ?? commentAttachment(data.attachment)),
    ),
  };
  const staff = capText(field(raw.CreatedBy, 'Name') ?? raw.CreatedBy, 200);
  if (staff && message.isOwner) message.staffName = staff;
  if (kind === 'comment') {
    const commentId = toId(data.id);
    if (commentId) message.commentId = commentId;
    const parentCommentId = toId(field(data.parent, 'id'));
    message.parentId = toId(raw.ParentId) ?? parentCommentId ?? null;
    if (parentCommentId) message.parentCommentId = parentCommentId;
    const postId = toId(raw.ObjectId);
    if (postId) message.post = { id: postId, isVideo: false };
    if (typeof data.is_hidden === 'boolean') message.isHidden = data.is_hidden;
    if (typeof data.can_reply_privately === 'boolean') {
      message.canReplyPrivately = data.can_reply_privately;
    }
  } else {
    const externalId = toId(data.id);
    if (externalId) message.externalId = externalId;
  }
  const conversation: ConversationSeed = { id: conversationId, pageId, psid };
  const name = capText(
    field(conv, 'Name') ?? (message.isOwner ? '' : field(data.from, 'name')),
    200,
  );
  if (name) conversation.name = name;
  if (typeof field(conv, 'HasPhone') === 'boolean')
    conversation.hasPhone = field(conv, 'HasPhone') as boolean;
  if (typeof field(conv, 'HasAddress') === 'boolean')
    conversation.hasAddress = field(conv, 'HasAddress') as boolean;
  const channelType = field(conv, 'ChannelType') ?? raw.ChannelType;
  if (typeof channelType === 'number') conversation.channelType = channelType;
  return { type: 'message', conversation, message };
}

function parseOrder(envelope: Record<string, unknown>): RealtimeAction {
  const data = envelope.Data ?? envelope.data;
  const order = normalizeOrder(data);
  const psid = toId(field(data, 'Facebook_ASUserId'));
  if (!order || !psid) return drop('order missing Id, Code or Facebook_ASUserId');
  const postId = toId(field(data, 'Facebook_PostId'));
  return postId ? { type: 'order', psid, order, postId } : { type: 'order', psid, order };
}

/** A Graph comment's single `attachment: {type, media: {image: {src}}, url}` as a list. */
function commentAttachment(raw: unknown): unknown[] {
  if (!isRecord(raw)) return [];
  const src = field(field(raw.media, 'image'), 'src');
  return [{ type: raw.type, payload: { url: src ?? raw.url } }];
}
