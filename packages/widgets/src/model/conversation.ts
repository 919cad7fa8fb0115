/** Conversations, their orders and threads, and the load state of the list and threads. */
import type { ChatMessage, MessageKind } from './message.js';

export interface OrderRef {
  id: string;
  /**
   * Plain code, e.g. `251204471`. Empty while it is not known: the create-order answer may
   * carry only `Id`, and the code is then read back (docs/tpos-protocol.md §7.6); an order
   * whose code was never found keeps `''` rather than an invented one.
   */
  code: string;
  /** Number within a live session (`SessionIndex`), shown in the purple badge. */
  index?: number;
  session?: number;
  /** Display code `#769. 251204471` when known. */
  displayCode?: string;
  statusText?: string;
}

/**
 * A conversation's latest message of one kind, as the list shows it. The list answer of the
 * real TPOS carries only its text (docs/tpos-protocol.md §4.1): the other fields are
 * undefined when nobody said, and the elements then claim nothing about them.
 */
export interface Preview {
  /** Untrusted text, at most 500 characters. */
  text: string;
  kind: MessageKind;
  /** true = the shop's; undefined = unknown (no "Bạn:" prefix is shown then). */
  isOwner?: boolean;
  /** undefined = unknown. */
  hasAttachment?: boolean;
  /** Epoch ms of that message when known (pushed messages, `rich` list answers). */
  at?: number;
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
  /** Whether a phone is known: `HasPhone`, else whether `Phone` was sent; undefined = unknown. */
  hasPhone?: boolean;
  /** `HasAddress` (socket envelopes; list answers only in `rich`); undefined = unknown. */
  hasAddress?: boolean;
  /** Epoch ms of the latest activity; the list is ordered by this, newest first. */
  lastActivityAt: number;
  /** The preview the row shows (the newest known, docs/tpos-protocol.md §7.7). */
  lastMessage?: Preview;
  /** The latest preview of each kind the server or a push told; picks `lastMessage` (§7.7). */
  previews?: Partial<Record<MessageKind, Preview>>;
  /** Kind of the latest activity, used by the message/comment filter. */
  lastKind?: MessageKind;
  /** Kinds seen in this conversation. */
  kinds: MessageKind[];
  unreadCount: number;
  /** `ApplicationPartner.StatusText`, e.g. "Bình thường". */
  partnerStatus?: string;
  /** Newest first. */
  orders: OrderRef[];
  /**
   * The server says the customer has orders (`HasOrder`, sent only in `rich`), even when
   * `orders` is empty; undefined = unknown.
   */
  hasOrder?: boolean;
  /**
   * Latest post the customer commented on (`<pageId>_<postId>`), for display codes: from a
   * comment's `PostId`, a socket `ObjectId` or `LastActivities.Comment.ObjectId` (§7.4).
   */
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
  /**
   * The server cannot page further (no cursor, and a larger `Limit` brought nothing new or
   * the largest was asked): only the newest `truncatedAt` conversations are listed. Null
   * when the list is complete or more can be loaded (docs/tpos-protocol.md §7.1).
   */
  truncatedAt: number | null;
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
