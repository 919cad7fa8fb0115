/** Conversations, their orders and threads, and the load state of the list and threads. */
import type { ChatMessage, MessageKind } from './message.js';

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

/** What a pushed event says about its conversation (every field but `id` optional). */
export type ConversationSeed = Pick<Conversation, 'id'> & Partial<Omit<Conversation, 'id'>>;

export interface ConversationFilter {
  keyword?: string;
  type?: 'all' | MessageKind;
  unread?: boolean;
  /** The customer spoke last: the shop has not answered yet (the search's `IsUnreplied`). */
  unreplied?: boolean;
  hasPhone?: boolean;
  hasAddress?: boolean;
  hasOrder?: boolean;
  /** Page ids; empty or undefined = every page of the session. */
  pageIds?: string[];
}

/** Why a list or thread load failed; the elements translate it (as `LoginErrorCode`). */
export type LoadErrorCode = 'network' | 'timeout' | 'bad-body' | 'unauthorized' | 'server';

export interface ListState {
  loading: boolean;
  loaded: boolean;
  /** Why the last load failed, or null. */
  error: LoadErrorCode | null;
}

export interface ThreadState {
  conversationId: string;
  /** Oldest first, deduplicated by id. */
  messages: readonly ChatMessage[];
  /** More history exists before the oldest loaded message. */
  hasOlder: boolean;
  loading: boolean;
  loadingOlder: boolean;
  /** Why the last load failed (see `LoadErrorCode`). */
  error?: LoadErrorCode;
}
