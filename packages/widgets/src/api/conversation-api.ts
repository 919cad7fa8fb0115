/**
 * The TPOS routes only an open conversation needs (docs/tpos-protocol.md §4.2, §4.3, §4.6,
 * §4.8, §4.9): its messages and comments, the customer's info, orders, replying to and hiding
 * comments, message templates. Apart from {@link TposApi} (the list, sign-in and account),
 * over the same {@link HttpClient}, so that they go with the conversation side's chunk.
 */
import type { HttpClient } from './http.js';
import { CHATOMNI, FACEBOOK, odataList, page, record, type ThreadAddress } from './tpos.js';
import type {
  TposCommentOrders,
  TposCustomerInfo,
  TposMailTemplate,
  TposMessage,
  TposPage,
  TposSaleOnlineOrder,
} from './wire-types.js';
import type { MessageKind } from '../model/index.js';

export class ConversationApi {
  constructor(private readonly http: HttpClient) {}

  /** One page of messages or comments, newest first; `after` = the previous page's `After`. */
  async threadPage(
    kind: MessageKind,
    at: ThreadAddress,
    after: string | null,
    signal?: AbortSignal,
    key?: string,
  ): Promise<TposPage<TposMessage>> {
    const path = kind === 'comment' ? `${CHATOMNI}/messages/comments` : `${CHATOMNI}/messages`;
    const query = { type: FACEBOOK, channelId: at.pageId, userId: at.psid, after };
    return page(await this.http.request(path, { query, signal, key }));
  }

  async customerInfo(
    teamId: string,
    psid: string,
    signal?: AbortSignal,
  ): Promise<TposCustomerInfo> {
    const path = `/rest/v2.0/chatomni/info/${encodeURIComponent(`${teamId}_${psid}`)}`;
    return record(await this.http.request(path, { signal, key: `info:${teamId}_${psid}` }));
  }

  async commentOrders(postId: string, signal?: AbortSignal): Promise<TposCommentOrders['value']> {
    const path = '/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders';
    const query = { $expand: 'orders', PostId: postId };
    return odataList(
      await this.http.request(path, { query, signal, key: `comment-orders:${postId}` }),
    );
  }

  async createOrder(body: Record<string, unknown>): Promise<TposSaleOnlineOrder> {
    return record(await this.http.request('/odata/SaleOnline_Order', { json: body }));
  }

  async replyComment(pageId: string, commentId: string, message: string): Promise<unknown> {
    const json = { pageid: pageId, commentId, message };
    return this.http.request('/rest/v2.0/facebook-graph/comment/reply', { json });
  }

  async hideComment(pageId: string, commentId: string, hidden: boolean): Promise<unknown> {
    const json = { pageid: pageId, commentId, is_hidden: hidden };
    return this.http.request('/rest/v2.0/facebook-graph/comment/hide', { json });
  }

  async templates(signal?: AbortSignal): Promise<TposMailTemplate[]> {
    const query = { $filter: '(Active eq true)' };
    return odataList(
      await this.http.request('/odata/MailTemplate', { query, signal, key: 'templates' }),
    );
  }
}
