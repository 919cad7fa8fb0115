/**
 * What a user can do besides reading: customer info, creating an order, replying to and
 * hiding comments, message templates. Each goes straight to TPOS and updates the store with
 * what the answer says.
 */
import type { ConversationApi } from '../api/conversation-api.js';
import type { SessionAccount } from './account.js';
import { normalizeOrder } from '../api/normalize-orders.js';
import { normalizeCustomerInfo, normalizeTemplates } from '../api/normalize-customer.js';
import type { ChatStore } from '../store/store.js';
import type { OrderBadges } from './orders.js';
import type {
  ChatMessage,
  Conversation,
  CustomerInfo,
  MessageTemplate,
  OrderRef,
} from '../model/index.js';

/**
 * Waits before each read that looks for the code of an order created without one (ms): the
 * first read at once, then after growing pauses (docs/tpos-protocol.md §7.6).
 */
export const ORDER_CODE_READS = [0, 500, 1000, 2000] as const;

/** Optional fields of a new order. */
export interface OrderExtra {
  phone?: string;
  address?: string;
  note?: string;
  /** Facebook comment id the order comes from. */
  commentId?: string;
  /** `<pageId>_<postId>`; default: the conversation's latest post. */
  postId?: string;
}

export class SessionActions {
  constructor(
    private readonly api: ConversationApi,
    private readonly store: ChatStore,
    private readonly account: SessionAccount,
    private readonly orders: OrderBadges,
  ) {}

  async customerInfo(conversationId: string, signal?: AbortSignal): Promise<CustomerInfo> {
    const conversation = this.conversation(conversationId);
    const page = await this.account.page(conversation.pageId);
    return normalizeCustomerInfo(
      await this.api.customerInfo(page.teamId, conversation.psid, signal),
    );
  }

  /**
   * Creates an order. The real TPOS's answer is not recorded: when it carries `Code` the order
   * is shown at once; otherwise the code is read back (`GetCommentOrders` of the post when one
   * was sent, else `chatomni/info`), a few times with growing pauses, unless the `created`
   * order event brings it first. Resolves with the order; its `code` is `''` when no read found
   * it (never an invented one), its `id` too when the answer had none.
   */
  async createOrder(conversationId: string, extra: OrderExtra = {}): Promise<OrderRef> {
    const conversation = this.conversation(conversationId);
    const page = await this.account.page(conversation.pageId);
    const postId = extra.postId ?? conversation.lastPostId ?? null;
    const known = new Set(conversation.orders.map((o) => o.id));
    const answer = await this.api.createOrder({
      CRMTeamId: /^\d+$/.test(page.teamId) ? Number(page.teamId) : page.teamId,
      Facebook_UserName: conversation.name,
      Facebook_ASUserId: conversation.psid,
      Facebook_PostId: postId,
      Facebook_CommentId: extra.commentId ?? null,
      ...(extra.phone ? { Phone: extra.phone } : {}),
      ...(extra.address ? { Address: extra.address } : {}),
      ...(extra.note ? { Note: extra.note } : {}),
    });
    const created = normalizeOrder(answer, true);
    if (created) this.store.addOrder(conversationId, created);
    if (created?.code) return created;
    return (
      (await this.findCode(conversationId, created?.id, known, postId)) ??
      created ?? { id: '', code: '' }
    );
  }

  /** The new order with its code, from the store (an event) or from reads; undefined if none. */
  private async findCode(
    conversationId: string,
    id: string | undefined,
    known: ReadonlySet<string>,
    postId: string | null,
  ): Promise<OrderRef | undefined> {
    // By id; else (no id, or reads name it otherwise) the order this customer did not have.
    const stored = () => {
      const orders = this.store.getConversation(conversationId)?.orders ?? [];
      const byId = id ? orders.find((o) => o.id === id && o.code !== '') : undefined;
      const fresh = orders.find((o) => !known.has(o.id) && o.id !== id && o.code !== '');
      if (!byId && fresh && id) {
        // The codeless entry of the answer is this order under another id.
        this.store.patchConversation(conversationId, {
          orders: orders.filter((o) => o.id !== id),
        });
      }
      return byId ?? fresh;
    };
    for (const pause of ORDER_CODE_READS) {
      if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
      const found = stored();
      if (found) return found;
      try {
        if (postId) await this.orders.read(postId);
        else await this.orders.latestOrder(conversationId);
      } catch {
        // Read again after the next pause.
      }
      const read = stored();
      if (read) return read;
    }
    return undefined;
  }

  /** Replies as the page; returns the conversation id (the reply comes back as an event). */
  async replyComment(messageId: string, text: string): Promise<string> {
    const { message, conversation } = this.comment(messageId);
    await this.api.replyComment(conversation.pageId, message.commentId!, text);
    return conversation.id;
  }

  async hideComment(messageId: string, hidden: boolean): Promise<void> {
    const { message, conversation } = this.comment(messageId);
    await this.api.hideComment(conversation.pageId, message.commentId!, hidden);
    this.store.patchMessage(conversation.id, message.id, { isHidden: hidden });
  }

  async templates(signal?: AbortSignal): Promise<MessageTemplate[]> {
    return normalizeTemplates(await this.api.templates(signal));
  }

  private conversation(id: string): Conversation {
    const conversation = this.store.getConversation(id);
    if (!conversation) throw new Error(`Unknown conversation ${id}`);
    return conversation;
  }

  private comment(messageId: string): { message: ChatMessage; conversation: Conversation } {
    const message = this.store.findMessage(messageId);
    const conversation = message && this.store.getConversation(message.conversationId);
    if (!message || !conversation || message.kind !== 'comment' || !message.commentId) {
      throw new Error(`Unknown comment ${messageId}`);
    }
    return { message, conversation };
  }
}
