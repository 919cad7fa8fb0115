/** The simulator's state: tenants, their conversations and orders, and every change to them. */
import { Prng, mixSeed } from './prng.js';
import { guid, objectId, personName } from './factory.js';
import { generateTenant, orderCode } from './generate.js';
import { newestFirst } from './cursor.js';
import { findComment, materialize } from './thread.js';
import type {
  SimAttachment,
  SimComment,
  SimConversation,
  SimMessage,
  SimOrder,
  SimTenant,
  Staff,
} from './model.js';
import { Clock } from '../time.js';
import { PARTNER_STATUSES } from './vocab.js';

export interface StoreSpec {
  seed: number;
  conversations: number;
  now: number;
  users: { username: string; displayName: string; tenant: string }[];
}

export interface NewItem {
  text: string;
  isOwner: boolean;
  attachments?: SimAttachment[];
  staff?: Staff;
}

export interface NewOrder {
  crmTeamId?: number;
  psid: string;
  name?: string;
  postId?: string | null;
  commentId?: string | null;
  phone?: string | null;
  address?: string | null;
  note?: string | null;
  staff: Staff;
}

export class Store {
  readonly tenants = new Map<string, SimTenant>();
  readonly clock = new Clock();
  /** Randomness for live and control events (not part of the seeded history). */
  readonly rng: Prng;
  private readonly dirty = new Set<SimTenant>();

  constructor(spec: StoreSpec) {
    this.rng = new Prng(mixSeed(spec.seed, 0x11fe));
    const hosts = [...new Set(spec.users.map((u) => u.tenant))];
    hosts.forEach((host, index) => {
      const logins = spec.users.filter((u) => u.tenant === host);
      this.tenants.set(
        host,
        generateTenant({
          host,
          index,
          seed: spec.seed,
          conversations: spec.conversations,
          now: spec.now,
          logins,
        }),
      );
    });
  }

  tenant(host: string): SimTenant | undefined {
    return this.tenants.get(host);
  }

  /** The tenant's conversations, newest activity first. */
  list(tenant: SimTenant): SimConversation[] {
    if (this.dirty.delete(tenant)) {
      tenant.list.sort((a, b) =>
        newestFirst({ at: a.lastAt, id: a.id }, { at: b.lastAt, id: b.id }),
      );
    }
    return tenant.list;
  }

  findConversation(tenant: SimTenant, pageId: string, psid: string): SimConversation | undefined {
    return tenant.byUser.get(`${pageId}|${psid}`);
  }

  /** Finds a conversation of any tenant by id. */
  conversationById(id: string): SimConversation | undefined {
    for (const t of this.tenants.values()) {
      const c = t.byId.get(id);
      if (c) return c;
    }
    return undefined;
  }

  thread(conv: SimConversation): NonNullable<SimConversation['thread']> {
    return materialize(this.tenants.get(conv.tenant)!, conv);
  }

  /** A new customer starts talking to a page. */
  newConversation(
    tenant: SimTenant,
    opts: { name?: string; pageId?: string } = {},
  ): SimConversation {
    const at = this.clock.now();
    const page = tenant.pages.find((p) => p.id === opts.pageId) ?? this.rng.pick(tenant.pages);
    const conv: SimConversation = {
      id: objectId(this.rng, at),
      tenant: tenant.host,
      seed: 0,
      pageId: page.id,
      psid: this.rng.digits(16),
      name: opts.name ?? personName(this.rng),
      phone: null,
      address: null,
      partnerId: ++tenant.partnerCounter + 900_000,
      partnerStatus: PARTNER_STATUSES[0].text,
      lastAt: at,
      createdAt: at,
      unread: 0,
      last: { kind: 'message', text: '', isOwner: false, attachments: [] },
      kinds: new Set(),
      postObjectId: null,
      firstCommentFbId: null,
      assigned: [],
      orders: [],
      plannedMessages: 0,
      plannedComments: 0,
      thread: { messages: [], comments: [] },
    };
    tenant.list.push(conv);
    tenant.byId.set(conv.id, conv);
    tenant.byUser.set(`${conv.pageId}|${conv.psid}`, conv);
    this.dirty.add(tenant);
    return conv;
  }

  /** Appends a Messenger message (customer or shop echo). */
  addMessage(conv: SimConversation, item: NewItem, id?: string): SimMessage {
    const thread = this.thread(conv);
    const at = this.clock.now();
    const message: SimMessage = {
      kind: 'message',
      id: id ?? objectId(this.rng, at),
      fbId: `m_${this.rng.hex(32)}`,
      text: item.text,
      isOwner: item.isOwner,
      at,
      attachments: item.attachments ?? [],
      staff: item.isOwner ? item.staff : undefined,
    };
    thread.messages.push(message);
    this.touch(conv, message);
    return message;
  }

  /**
   * Appends a comment: top level on the conversation's post (or the page's newest post), or a
   * reply when `parent` is given.
   */
  addComment(conv: SimConversation, item: NewItem, parent?: SimComment, id?: string): SimComment {
    const thread = this.thread(conv);
    const tenant = this.tenants.get(conv.tenant)!;
    const objectIdOfPost =
      parent?.objectId ??
      conv.postObjectId ??
      tenant.posts.find((p) => p.pageId === conv.pageId)!.objectId;
    const postId = objectIdOfPost.split('_')[1] ?? '0';
    const at = this.clock.now();
    const comment: SimComment = {
      kind: 'comment',
      id: id ?? objectId(this.rng, at),
      fbId: `${postId}_${this.rng.digits(15)}`,
      text: item.text,
      isOwner: item.isOwner,
      at,
      attachments: item.attachments ?? [],
      staff: item.isOwner ? item.staff : undefined,
      parentId: parent ? parent.id : null,
      objectId: objectIdOfPost,
      isHidden: false,
      replies: [],
    };
    if (parent) parent.replies.push(comment);
    else thread.comments.push(comment);
    conv.postObjectId = objectIdOfPost;
    this.touch(conv, comment);
    return comment;
  }

  findComment(conv: SimConversation, id: string): SimComment | undefined {
    return findComment(this.thread(conv), id);
  }

  /** Finds a comment of the tenant by its Facebook or ChatOmni id, with its conversation. */
  findCommentInTenant(
    tenant: SimTenant,
    commentId: string,
  ): { conv: SimConversation; comment: SimComment } | undefined {
    // A Facebook id names its post; a ChatOmni id was read from REST, so its thread exists.
    const postId = commentId.includes('_') ? commentId.split('_')[0] : undefined;
    for (const conv of tenant.list) {
      if (!conv.kinds.has('comment')) continue;
      const onPost = postId !== undefined && conv.postObjectId?.endsWith(`_${postId}`) === true;
      if (!conv.thread && !onPost) continue;
      const comment = findComment(this.thread(conv), commentId);
      if (comment) return { conv, comment };
    }
    return undefined;
  }

  markSeen(conv: SimConversation): void {
    conv.unread = 0;
  }

  /** Creates an order for the conversation, as `POST /odata/SaleOnline_Order` does. */
  createOrder(tenant: SimTenant, conv: SimConversation, input: NewOrder): SimOrder {
    const at = this.clock.now();
    const post = input.postId ? tenant.posts.find((p) => p.objectId === input.postId) : undefined;
    const page = tenant.pages.find((p) => p.id === conv.pageId)!;
    const order: SimOrder = {
      Id: guid(this.rng),
      Code: orderCode(tenant, at),
      Session: post?.session ?? 0,
      SessionIndex: post ? post.nextIndex++ : 0,
      PostId: input.postId ?? null,
      CommentId: input.commentId ?? null,
      conversationId: conv.id,
      psid: conv.psid,
      name: input.name ?? conv.name,
      phone: input.phone ?? conv.phone,
      address: input.address ?? conv.address,
      note: input.note ?? null,
      crmTeamId: input.crmTeamId ?? page.teamId,
      status: 'Draft',
      statusText: 'Nháp',
      totalAmount: 0,
      createdAt: at,
      staff: input.staff,
    };
    conv.orders.unshift(order);
    tenant.ordersById.set(order.Id, order);
    if (order.PostId) {
      const list = tenant.ordersByPost.get(order.PostId) ?? [];
      list.push(order);
      tenant.ordersByPost.set(order.PostId, list);
    }
    if (order.phone && !conv.phone) conv.phone = order.phone;
    if (order.address && !conv.address) conv.address = order.address;
    return order;
  }

  private touch(conv: SimConversation, item: SimMessage | SimComment): void {
    conv.lastAt = item.at;
    conv.last = {
      kind: item.kind,
      text: item.text,
      isOwner: item.isOwner,
      attachments: item.attachments,
      staff: item.staff,
    };
    conv.kinds.add(item.kind);
    conv.searchText = undefined;
    if (!item.isOwner) conv.unread += 1;
    this.dirty.add(this.tenants.get(conv.tenant)!);
  }
}
