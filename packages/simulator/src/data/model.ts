/** The simulator's stored shop: plain records, shaped for cheap search, not for the wire. */

export type Kind = 'message' | 'comment';

/** A staff member (`ApplicationUser`). */
export interface Staff {
  Id: string;
  Name: string;
  UserName: string;
}

export interface SimAttachment {
  /** `image` for generated data; anything a control caller passes is kept as given. */
  type: string;
  url: string;
}

/** A Facebook page of the tenant (a `CRMTeam` child). */
export interface SimPage {
  /** Facebook page id, 15 digits. */
  id: string;
  name: string;
  logo: string;
  /** CRMTeam id of the page. */
  teamId: number;
  /** Fake page access token, only ever shown by `GetAllFacebook` (as the real one does). */
  accessToken: string;
}

/** A post or livestream. */
export interface SimPost {
  pageId: string;
  postId: string;
  /** `<pageId>_<postId>`. */
  objectId: string;
  title: string;
  description: string;
  /** 1 = video / livestream, 0 = plain post. */
  objectType: number;
  createdAt: number;
  /** Live session number shown with order indexes. */
  session: number;
  /** Next `SessionIndex` handed out on this post. */
  nextIndex: number;
}

interface ItemBase {
  /** 24-hex ChatOmni id. */
  id: string;
  text: string;
  isOwner: boolean;
  at: number;
  attachments: SimAttachment[];
  /** The staff member who sent a shop item. */
  staff?: Staff;
}

export interface SimMessage extends ItemBase {
  kind: 'message';
  /** Messenger id `m_…`. */
  fbId: string;
}

export interface SimComment extends ItemBase {
  kind: 'comment';
  /** Facebook comment id `<postId>_<commentId>`. */
  fbId: string;
  /** ChatOmni id of the parent comment; null at top level. */
  parentId: string | null;
  /** `<pageId>_<postId>`. */
  objectId: string;
  isHidden: boolean;
  /** Replies, oldest first (top-level comments only). */
  replies: SimComment[];
}

export type SimItem = SimMessage | SimComment;

export interface SimOrder {
  /** GUID, as `SaleOnline_Order.Id`. */
  Id: string;
  /** `251204471`: year, month, counter. */
  Code: string;
  Session: number;
  SessionIndex: number;
  /** `<pageId>_<postId>` or null for orders made from Messenger. */
  PostId: string | null;
  CommentId: string | null;
  conversationId: string;
  psid: string;
  name: string;
  phone: string | null;
  address: string | null;
  note: string | null;
  crmTeamId: number;
  status: 'Draft' | 'Confirmed' | 'Cancel';
  statusText: string;
  totalAmount: number;
  createdAt: number;
  staff: Staff;
}

export interface LastItem {
  kind: Kind;
  text: string;
  isOwner: boolean;
  attachments: SimAttachment[];
  staff?: Staff;
}

export interface SimConversation {
  id: string;
  tenant: string;
  /** Stream seed of the lazily generated thread. */
  seed: number;
  pageId: string;
  psid: string;
  name: string;
  phone: string | null;
  address: string | null;
  partnerId: number;
  partnerStatus: string;
  lastAt: number;
  /** When the conversation started (its oldest item). */
  createdAt: number;
  unread: number;
  last: LastItem;
  kinds: Set<Kind>;
  /** Post the customer last commented on. */
  postObjectId: string | null;
  /** Fixed Facebook id of the oldest comment (so generated orders can point at it). */
  firstCommentFbId: string | null;
  /** Staff user ids assigned to the conversation. */
  assigned: string[];
  /** Newest first. */
  orders: SimOrder[];
  /** Planned number of Messenger messages and top-level comments (the thread is lazy). */
  plannedMessages: number;
  plannedComments: number;
  /** Folded name and last text for keyword search, cached; undefined when stale. */
  searchText?: string;
  /** Generated on first read; null until then. */
  thread: { messages: SimMessage[]; comments: SimComment[] } | null;
}

export interface SimTenant {
  host: string;
  index: number;
  companyId: number;
  /** CRMTeam id of the Facebook user that owns the pages. */
  rootTeamId: number;
  pages: SimPage[];
  posts: SimPost[];
  staff: Staff[];
  /** Newest activity first; ties broken by id, descending. */
  list: SimConversation[];
  byId: Map<string, SimConversation>;
  /** Key `<pageId>|<psid>`. */
  byUser: Map<string, SimConversation>;
  /** Key `<pageId>_<postId>`. */
  ordersByPost: Map<string, SimOrder[]>;
  ordersById: Map<string, SimOrder>;
  orderCounter: number;
  partnerCounter: number;
}
