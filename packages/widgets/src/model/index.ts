/**
 * The public shapes shared by the realtime core and the elements.
 *
 * This file is the contract between `store/`, `realtime/`, `session.ts` (the core, free of
 * Lit) and `controllers/` + `elements/` (rendering). Upstream (TPOS) shapes live in
 * `api/types.ts`; everything here is already normalized: epoch-millisecond times, ids as
 * strings, URLs checked to be http(s).
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
  /** 24-hex ChatOmni message id: the dedupe key across sockets, polling and paging. */
  id: string;
  conversationId: string;
  kind: MessageKind;
  /** Untrusted customer text: render as text only. */
  text: string;
  /** true = sent by the shop (including echoes of the shop's own replies). */
  isOwner: boolean;
  /** Epoch milliseconds (UTC). */
  createdAt: number;
  attachments: Attachment[];
  /** The staff member who sent a shop message, when known. */
  staffName?: string;
  /** Comments: the Facebook comment id (`<postId>_<commentId>`), used to reply and hide. */
  commentId?: string;
  /** Comments: the parent's ChatOmni or Facebook id; null/undefined at top level. */
  parentId?: string | null;
  post?: PostRef;
  isHidden?: boolean;
}

export interface OrderRef {
  id: string;
  /** Plain code, e.g. `251204471`. */
  code: string;
  /** Number within a live session (`SessionIndex`), shown in the purple badge. */
  index?: number;
  session?: number;
  /** Display code `#769. 251204471` when known. */
  displayCode?: string;
  statusText?: string;
}

export interface Conversation {
  /** ChatOmni conversation id (24-hex). */
  id: string;
  /** Facebook page id (`Channel.Id` / `ChannelId`). */
  pageId: string;
  /** Page-scoped user id (`User.Id` / `UserId`). */
  psid: string;
  channelType: number;
  /** Untrusted customer name. */
  name: string;
  phone?: string;
  hasPhone: boolean;
  hasAddress: boolean;
  /** Epoch ms of the latest activity; the list is ordered by this, newest first. */
  lastActivityAt: number;
  lastMessage?: { text: string; kind: MessageKind; isOwner: boolean; hasAttachment: boolean };
  /** Kind of the latest activity, used by the message/comment filter. */
  lastKind?: MessageKind;
  /** Kinds seen in this conversation. */
  kinds: MessageKind[];
  unreadCount: number;
  /** `ApplicationPartner.StatusText`, e.g. "Bình thường". */
  partnerStatus?: string;
  /** Newest first. */
  orders: OrderRef[];
  /** The server says the customer has orders (`HasOrder`), even when `orders` is empty. */
  hasOrder?: boolean;
  /** Latest post the customer commented on (`<pageId>_<postId>`), for display codes. */
  lastPostId?: string;
  /** Staff user ids assigned, when the upstream tells. */
  userIds?: string[];
}

export interface ConversationFilter {
  keyword?: string;
  type?: 'all' | MessageKind;
  unread?: boolean;
  hasPhone?: boolean;
  hasAddress?: boolean;
  hasOrder?: boolean;
  /** Page ids; empty or undefined = every page of the session. */
  pageIds?: string[];
}

export interface ThreadState {
  conversationId: string;
  /** Oldest first, deduplicated by id. */
  messages: readonly ChatMessage[];
  /** More history exists before the oldest loaded message. */
  hasOlder: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error?: string;
}

export interface Page {
  id: string;
  name: string;
  /** http(s) logo URL or undefined. */
  logoUrl?: string;
  /** CRMTeam id of the page (used by customer info). */
  teamId: string;
}

export const SocketState = {
  Idle: 'idle',
  Connecting: 'connecting',
  Connected: 'connected',
  Reconnecting: 'reconnecting',
  Down: 'down',
} as const;
export type SocketState = (typeof SocketState)[keyof typeof SocketState];

export interface SocketStatus {
  state: SocketState;
  /** Reconnection attempt number while reconnecting, else 0. */
  attempt: number;
  /** Socket.IO id while connected. */
  id?: string;
  lastEventAt: number | null;
}

export const LinkMode = { Realtime: 'realtime', Polling: 'polling', Offline: 'offline' } as const;
export type LinkMode = (typeof LinkMode)[keyof typeof LinkMode];

export const AuthState = {
  Anonymous: 'anonymous',
  Authenticating: 'authenticating',
  Authenticated: 'authenticated',
  AuthRequired: 'auth-required',
} as const;
export type AuthState = (typeof AuthState)[keyof typeof AuthState];

export interface SessionStatus {
  chat: SocketStatus;
  rt: SocketStatus;
  /** Realtime while at least one socket is connected, Polling while only polling runs. */
  mode: LinkMode;
  /** The poller is running now (fallback or Auto). */
  polling: boolean;
  /** The seed's "Auto ON": poll even while sockets are up. */
  auto: boolean;
  auth: AuthState;
  /** Epoch ms of the last realtime event or successful poll. */
  lastEventAt: number | null;
}

export type Dialect = 'captured' | 'seed';

export interface SessionConfig {
  /** Proxy base URL. Default: the page's origin. */
  baseUrl: string;
  /** Tenant host, also the realtime room. Default `tomato.tpos.vn`. */
  tenant: string;
  /** Socket.IO server for the RT socket. Default `<baseUrl>/ws/rt`. */
  rtUrl: string;
  /** Socket.IO server for the Chat socket. Default `<baseUrl>/ws/chat`. */
  chatUrl: string;
  /** Socket.IO `path` on each server. Default `/socket.io`. */
  socketPath: string;
  /** Which events each server speaks. Default `captured` for both. */
  rtDialect: Dialect;
  chatDialect: Dialect;
  /** Page ids to show; empty = all pages from CRMTeam. */
  channels: string[];
  /** Poll interval in ms. Default 10000 (the seed's). */
  pollInterval: number;
  /** Poll also while sockets are up. Default false. */
  auto: boolean;
  /** Conversations per list page. Default 200. */
  pageSize: number;
  /** Log in the seed's `[CHAT]`/`[RT]` patterns and expose `window.chatomni`. */
  debug: boolean;
  /** First socket reconnection delay in ms, doubled (with jitter) for 5 attempts. Default 1000. */
  reconnectDelay: number;
  /** After 5 quick attempts, retry every `slowReconnectDelay`..2× that ms. Default 30000. */
  slowReconnectDelay: number;
  /** Timeout of each REST request in ms. Default 15000. */
  requestTimeout: number;
}

export interface CustomerInfo {
  partner?: {
    id: string;
    name: string;
    phone?: string;
    address?: string;
    statusText?: string;
  };
  /** Latest order of the customer. */
  order?: OrderRef & { createdAt?: number; note?: string };
  /** Total revenue from the customer, in VND. */
  revenue?: number;
}

export interface MessageTemplate {
  id: string;
  name: string;
  /** Plain-text body. */
  body: string;
}

export interface ListState {
  loading: boolean;
  loaded: boolean;
  /** A user-presentable error message when the last load failed. */
  error: string | null;
}

/** What changed since the previous notification; listeners get one per animation frame. */
export interface StoreChanges {
  /** Conversation ids whose fields changed (or that were added). */
  conversations: ReadonlySet<string>;
  /** Conversation ids whose thread changed. */
  threads: ReadonlySet<string>;
  /** Membership or order of the conversation list may have changed. */
  list: boolean;
}
