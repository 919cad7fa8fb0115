/**
 * Upstream (TPOS) shapes as docs/tpos-protocol.md describes them. Every field is optional and may have
 * the wrong type on the wire: `normalize.ts` checks each one before use.
 */

/** `POST /token` answer, as the proxy passes it on (never with `refresh_token`). */
export interface TposTokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  userName?: string;
  userId?: string;
  error?: string;
  error_description?: string;
}

/** Body of `POST /api-ms/chatomni/v1/conversations/search` (every key is sent). */
export interface TposSearchBody {
  Keyword: string | null;
  Limit: number;
  Sort: string | null;
  Before: string | null;
  After: string | null;
  Channels: { Id: string; Type: number }[];
  Type: 'message' | 'comment' | 'all';
  HasPhone: boolean | null;
  HasAddress: boolean | null;
  HasOrder: boolean | null;
  IsUnread: boolean | null;
  IsUnreplied: boolean | null;
  TagIds: string[];
  UserIds: string[];
  Start: string | null;
  End: string | null;
  FromNewToOld: boolean | null;
}

export interface TposConversation {
  Id?: string;
  Name?: string;
  Phone?: string | null;
  HasPhone?: boolean;
  HasAddress?: boolean;
  Type?: string | number;
  Channel?: { Id?: string; Type?: number };
  User?: { Id?: string; Name?: string };
  ApplicationPartner?: { StatusText?: string } | null;
  UserIds?: string[];
  LastActivities?: {
    HasUnread?: boolean;
    UnreadCount?: number;
    ActivitedTime?: string;
    Message?: { Message?: string; IsOwner?: boolean; CreatedTime?: string } | null;
    Comment?: {
      Message?: string;
      IsOwner?: boolean;
      CreatedTime?: string;
      ObjectId?: string;
    } | null;
  } | null;
  UpdatedTime?: string;
}

/** `{Data, Cursor, After, Before}` of the conversation search and message lists. */
export interface TposPage<T> {
  Data?: T[];
  Cursor?: string | null;
  After?: string | null;
  Before?: string | null;
}

export interface TposAttachment {
  Type?: string;
  Payload?: { Url?: string; PreviewUrl?: string; Name?: string; Title?: string };
}

export interface TposMessage {
  Id?: string;
  Message?: string;
  IsOwner?: boolean;
  CreatedTime?: string;
  Type?: string | number;
  MessageType?: number;
  Attachments?: TposAttachment[];
  ApplicationUser?: { Id?: string; Name?: string; UserName?: string } | null;
  /** Comments only. */
  ParentId?: string | null;
  PostId?: string;
  ObjectId?: string;
  FacebookId?: string;
  Status?: number;
  IsHidden?: boolean;
  Object?: { Id?: string; ObjectType?: number; Title?: string; Description?: string } | null;
  Messages?: TposMessage[];
}

/** One CRMTeam of `GetAllFacebook?$expand=Childs`; `Childs` are the pages. */
export interface TposTeam {
  Id?: number | string;
  Name?: string;
  ChannelId?: string;
  Facebook_PageId?: string;
  Facebook_PageName?: string;
  Facebook_PageLogo?: string;
  Type?: string;
  Childs?: TposTeam[];
}

export interface TposCustomerInfo {
  Partner?: {
    Id?: number | string;
    Name?: string;
    Phone?: string;
    FullAddress?: string;
    Status?: string;
    StatusText?: string;
  } | null;
  Order?: {
    Id?: string;
    Code?: string;
    Status?: string;
    StatusText?: string;
    DateCreated?: string;
    Note?: string;
    SessionIndex?: number;
  } | null;
  Revenue?: { RevenueTotal?: number } | null;
}

export interface TposSaleOnlineOrder {
  Id?: string;
  Code?: string;
  Session?: number;
  SessionIndex?: number;
  StatusText?: string;
  Facebook_ASUserId?: string;
  Facebook_PostId?: string;
  Facebook_CommentId?: string;
  Facebook_UserName?: string;
}

/** `GetCommentOrders`: `{value:[{asuid, orders:[{id, session, index, code}]}]}`. */
export interface TposCommentOrders {
  value?: {
    asuid?: string;
    orders?: { id?: string; session?: number; index?: number; code?: string }[];
  }[];
}

export interface TposMailTemplate {
  Id?: number | string;
  Name?: string;
  BodyPlain?: string;
}
