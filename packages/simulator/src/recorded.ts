/**
 * The `recorded` profile: every answer and chat envelope cut down to the fields that
 * docs/tpos-protocol.md records as [captured] or [used], and the worst case where the record
 * is silent (socket and REST ids differ, no search cursors, a bounded `Limit`).
 * The shapes below are the single list of those fields; README.md tabulates them.
 */
import { createHash } from 'node:crypto';
import type { SimProfile } from './options.js';

/**
 * Which part of a value to keep: `true` keeps it whole (its inner fields are not recorded),
 * an object keeps only its keys, `[shape]` maps an array, a function picks the shape from the
 * value (unions, recursion).
 */
export type Shape =
  | true
  | { readonly [key: string]: Shape }
  | readonly [Shape]
  | ((value: Record<string, unknown>) => Shape);

/** `value` with only the fields of `shape`; values that do not fit the shape are kept. */
export function project(value: unknown, shape: Shape): unknown {
  if (shape === true || value === null || typeof value !== 'object') return value;
  if (typeof shape === 'function') return project(value, shape(value as Record<string, unknown>));
  if (Array.isArray(shape)) {
    return Array.isArray(value) ? value.map((v: unknown) => project(v, shape[0] as Shape)) : value;
  }
  if (Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(shape as Record<string, Shape>)) {
    if (key in source) out[key] = project(source[key], inner);
  }
  return out;
}

/** `body` as the profile sends it. */
export function shapeFor(profile: SimProfile, shape: Shape, body: unknown): unknown {
  return profile === 'recorded' ? project(body, shape) : body;
}

/**
 * Largest conversations/search `Limit` the recorded profile honours (the largest the real
 * clients used); a larger one is silently answered with this many.
 */
export const RECORDED_SEARCH_MAX = 2000;

/**
 * The `Message.Id` an item has in socket envelopes: its REST `Id` in `rich`; in `recorded`
 * another 24-hex id (no capture shows the two are equal), stable per item so that a parent's
 * id in `ParentId` stays the same.
 */
export function socketIdOf(profile: SimProfile, id: string): string;
export function socketIdOf(profile: SimProfile, id: string | null): string | null;
export function socketIdOf(profile: SimProfile, id: string | null): string | null {
  if (id === null || profile === 'rich') return id;
  return createHash('sha256').update(`socket:${id}`).digest('hex').slice(0, 24);
}

const CONVERSATION: Shape = {
  Id: true,
  Name: true,
  Phone: true,
  Channel: { Id: true, Type: true },
  User: { Id: true },
  ApplicationPartner: { StatusText: true },
  LastActivities: {
    HasUnread: true,
    UnreadCount: true,
    ActivitedTime: true,
    Message: { Message: true },
    Comment: { Message: true },
  },
};

const MESSAGE: Shape = {
  Id: true,
  Message: true,
  IsOwner: true,
  CreatedTime: true,
  Attachments: [{ Type: true, Payload: { Url: true } }],
  // "Also seen" on REST messages.
  Type: true,
  MessageType: true,
  Status: true,
  Owner: { Id: true },
  User: { Id: true },
  Channel: { Id: true, Type: true },
  ApplicationUser: { Id: true, Name: true, UserName: true },
  UpdatedTime: true,
};

const COMMENT_FIELDS = {
  Id: true,
  ParentId: true,
  Message: true,
  IsOwner: true,
  CreatedTime: true,
  Status: true,
  Messages: [(): Shape => COMMENT],
  PostId: true,
  Object: { ObjectType: true, Description: true, Title: true },
} as const;

const COMMENT: Shape = COMMENT_FIELDS;

/** `messages/all` tells the two kinds apart by `Type`. */
const ANY_ITEM: Shape = (item) =>
  item.MessageType === 12 ? { ...COMMENT_FIELDS, Type: true } : MESSAGE;

const THREAD_PAGE = (item: Shape): Shape => ({
  Data: [item],
  Cursor: true,
  After: true,
  Before: true,
});

const MESSENGER_DATA: Shape = {
  id: true,
  message: true,
  from: { id: true },
  attachments: true,
  webhook_attachments: [{ type: true, payload: { url: true } }],
};

const COMMENT_DATA: Shape = {
  id: true,
  parent: true,
  message: true,
  created_time: true,
  from: { id: true, name: true },
  is_hidden: true,
  can_reply_privately: true,
};

/** The recorded shapes, by answer. */
export const SHAPES = {
  search: { Data: [CONVERSATION] },
  messages: THREAD_PAGE(MESSAGE),
  comments: THREAD_PAGE(COMMENT),
  all: THREAD_PAGE(ANY_ITEM),
  /** seen, comment reply and hide: no answer field was ever read. */
  nothing: {},
  teams: {
    value: [
      {
        Childs: [
          {
            Id: true,
            Name: true,
            ChannelId: true,
            Facebook_PageId: true,
            Facebook_PageName: true,
            Facebook_PageLogo: true,
            Type: true,
            // Issue 13 tags `Childs[].Facebook_PageToken` [captured]: what the proxy sends with.
            Facebook_PageToken: true,
          },
        ],
      },
    ],
  },
  info: {
    Partner: {
      Id: true,
      Name: true,
      Phone: true,
      FullAddress: true,
      Status: true,
      StatusText: true,
    },
    Order: { Id: true, Code: true, Status: true, StatusText: true, DateCreated: true, Note: true },
    Conversation: {},
    Revenue: { RevenueTotal: true },
  },
  commentOrders: {
    value: [
      { asuid: true, orders: [{ id: true, session: true, index: true, code: true, tags: true }] },
    ],
  },
  createdOrder: { Id: true },
  templates: { value: [{ Id: true, Name: true, BodyPlain: true }] },
  chatEnvelope: {
    Conversation: {
      Id: true,
      ChannelType: true,
      ChannelId: true,
      UserId: true,
      Name: true,
      HasPhone: true,
      HasAddress: true,
      UpdatedTime: true,
    },
    Message: {
      Id: true,
      ChannelType: true,
      ChannelId: true,
      UserId: true,
      Message: true,
      MessageType: true,
      ContentType: true,
      ObjectId: true,
      ParentId: true,
      IsOwner: true,
      Data: (data) =>
        typeof data.id === 'string' && data.id.startsWith('m_') ? MESSENGER_DATA : COMMENT_DATA,
      CreatedById: true,
      CreatedBy: true,
      CreatedTime: true,
      ChannelCreatedTime: true,
    },
    EventName: true,
  },
} satisfies Record<string, Shape>;
