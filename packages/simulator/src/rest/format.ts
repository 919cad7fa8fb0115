/** Stored records to the JSON shapes of docs/tpos-protocol.md §4 (REST times are UTC `Z`). */
import type { Store } from '../data/store.js';
import type {
  SimComment,
  SimConversation,
  SimItem,
  SimMessage,
  SimOrder,
  SimTenant,
} from '../data/model.js';
import { commentData, messengerData, staffRef } from '../envelopes.js';
import { utc } from '../time.js';

/**
 * `Status` of a REST comment. TPOS's values are not recorded; the simulator's decision (both
 * profiles, see docs/tpos-protocol.md): 2 = hidden on Facebook, 1 = visible. The hide route
 * switches between the two.
 */
export const COMMENT_STATUS = { visible: 1, hidden: 2 } as const;

function attachmentsJson(item: SimItem): unknown[] {
  return item.attachments.map((a) => ({ Type: a.type, Payload: { Url: a.url } }));
}

function lastOf<T extends SimItem>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const i of items) if (!best || i.at >= best.at) best = i;
  return best;
}

function activityJson(item: SimItem | undefined): unknown {
  if (!item) return null;
  return {
    Id: item.id,
    Message: item.text,
    IsOwner: item.isOwner,
    CreatedTime: utc(item.at),
    HasAttachment: item.attachments.length > 0,
    ...(item.kind === 'comment' ? { ObjectId: item.objectId, ParentId: item.parentId } : {}),
  };
}

export function conversationJson(store: Store, tenant: SimTenant, conv: SimConversation): unknown {
  const page = tenant.pages.find((p) => p.id === conv.pageId);
  const thread = store.thread(conv);
  const lastMessage = lastOf(thread.messages);
  const lastComment = lastOf(thread.comments.flatMap((c) => [c, ...c.replies]));
  return {
    Id: conv.id,
    Name: conv.name,
    Phone: conv.phone,
    HasPhone: conv.phone !== null,
    HasAddress: conv.address !== null,
    HasOrder: conv.orders.length > 0,
    Channel: { Id: conv.pageId, Type: 4, Name: page?.name ?? '' },
    User: { Id: conv.psid, Name: conv.name },
    ApplicationPartner: {
      Id: conv.partnerId,
      Name: conv.name,
      Phone: conv.phone,
      StatusText: conv.partnerStatus,
    },
    AssignedUserIds: conv.assigned,
    LastActivities: {
      HasUnread: conv.unread > 0,
      UnreadCount: conv.unread,
      ActivitedTime: utc(conv.lastAt),
      Type: conv.last.kind,
      Message: activityJson(lastMessage),
      Comment: activityJson(lastComment),
    },
    CreatedTime: utc(conv.createdAt),
    UpdatedTime: utc(conv.lastAt),
  };
}

function baseItem(conv: SimConversation, item: SimItem): Record<string, unknown> {
  return {
    Id: item.id,
    ChannelType: 4,
    ChannelId: conv.pageId,
    UserId: conv.psid,
    Channel: { Id: conv.pageId, Type: 4 },
    User: { Id: conv.psid },
    Owner: { Id: item.isOwner ? conv.pageId : conv.psid },
    Type: item.kind,
    MessageType: item.kind === 'message' ? 11 : 12,
    Message: item.text,
    IsOwner: item.isOwner,
    Status: 1,
    Attachments: attachmentsJson(item),
    ApplicationUser: staffRef(item.staff),
    CreatedTime: utc(item.at),
    UpdatedTime: utc(item.at),
  };
}

export function messageJson(conv: SimConversation, m: SimMessage): unknown {
  return { ...baseItem(conv, m), ObjectId: null, ParentId: null, Data: messengerData(conv, m) };
}

/** A comment; top-level ones carry their replies in `Messages`, oldest first. */
export function commentJson(
  tenant: SimTenant,
  conv: SimConversation,
  c: SimComment,
  parent?: SimComment,
): unknown {
  const post = tenant.posts.find((p) => p.objectId === c.objectId);
  return {
    ...baseItem(conv, c),
    Status: c.isHidden ? COMMENT_STATUS.hidden : COMMENT_STATUS.visible,
    IsHidden: c.isHidden,
    ParentId: c.parentId,
    ObjectId: c.objectId,
    PostId: c.objectId,
    Object: post
      ? {
          Id: post.objectId,
          ObjectType: post.objectType,
          Title: post.title,
          Description: post.description,
        }
      : null,
    Data: commentData(tenant, conv, c, parent),
    Messages: c.replies.map((r) => commentJson(tenant, conv, r, c)),
  };
}

export function orderJson(o: SimOrder): Record<string, unknown> {
  return {
    Id: o.Id,
    Code: o.Code,
    Session: o.Session,
    SessionIndex: o.SessionIndex,
    Facebook_PostId: o.PostId,
    Facebook_CommentId: o.CommentId,
    Facebook_ASUserId: o.psid,
    Facebook_UserName: o.name,
    CRMTeamId: o.crmTeamId,
    Name: o.name,
    Telephone: o.phone,
    Address: o.address,
    Note: o.note,
    Status: o.status,
    StatusText: o.statusText,
    TotalAmount: o.totalAmount,
    DateCreated: utc(o.createdAt),
    UserId: o.staff.Id,
    UserName: o.staff.Name,
  };
}
