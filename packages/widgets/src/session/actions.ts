/**
 * What a user can do besides reading: customer info, creating an order, replying to and
 * hiding comments, message templates. Each goes straight to TPOS and updates the store with
 * what the answer says.
 */
import { HttpError } from '../api/http.js';
import type { TposApi } from '../api/tpos.js';
import type { SessionAccount } from './account.js';
import { normalizeOrder } from '../api/normalize.js';
import { normalizeCustomerInfo, normalizeTemplates } from '../api/normalize-account.js';
import type { ChatStore } from '../store/store.js';
import type {
  ChatMessage,
  Conversation,
  CustomerInfo,
  MessageTemplate,
  OrderRef,
} from '../model/index.js';

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
    private readonly api: TposApi,
    private readonly store: ChatStore,
    private readonly account: SessionAccount,
  ) {}

  async customerInfo(conversationId: string, signal?: AbortSignal): Promise<CustomerInfo> {
    const conversation = this.conversation(conversationId);
    const page = await this.account.page(conversation.pageId);
    return normalizeCustomerInfo(
      await this.api.customerInfo(page.teamId, conversation.psid, signal),
    );
  }

  async createOrder(conversationId: string, extra: OrderExtra = {}): Promise<OrderRef> {
    const conversation = this.conversation(conversationId);
    const page = await this.account.page(conversation.pageId);
    const answer = await this.api.createOrder({
      CRMTeamId: /^\d+$/.test(page.teamId) ? Number(page.teamId) : page.teamId,
      Facebook_UserName: conversation.name,
      Facebook_ASUserId: conversation.psid,
      Facebook_PostId: extra.postId ?? conversation.lastPostId ?? null,
      Facebook_CommentId: extra.commentId ?? null,
      ...(extra.phone ? { Phone: extra.phone } : {}),
      ...(extra.address ? { Address: extra.address } : {}),
      ...(extra.note ? { Note: extra.note } : {}),
    });
    const order = normalizeOrder(answer);
    if (!order) throw new HttpError('bad-body', 'Unexpected response shape');
    this.store.addOrder(conversationId, order);
    return order;
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
