/** Orders: display codes per post and order creation (docs/tpos-protocol.md, "Orders"). */
import { publish, type SimContext } from '../context.js';
import { orderEnvelope } from '../envelopes.js';
import { SHAPES } from '../recorded.js';
import { orderJson } from './format.js';
import { field, objectBody, route, type Route } from './http.js';
import { odataError, shaped, staffOf, tenantOf } from './requester.js';

export function orderRoutes(ctx: SimContext): Route[] {
  const { store } = ctx;
  return [
    route('GET', '/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders', (req) => {
      const tenant = tenantOf(ctx, req);
      const postId = req.query.get('PostId');
      if (!postId) throw odataError(400, 'PostId is required.');
      const byUser = new Map<
        string,
        { id: string; session: number; index: number; code: string; tags: [] }[]
      >();
      for (const o of tenant.ordersByPost.get(postId) ?? []) {
        const list = byUser.get(o.psid) ?? [];
        list.push({
          id: o.Id,
          session: o.Session,
          index: o.SessionIndex,
          code: `#${o.SessionIndex}. ${o.Code}`,
          tags: [],
        });
        byUser.set(o.psid, list);
      }
      return shaped(ctx, SHAPES.commentOrders, {
        '@odata.context': `https://${tenant.host}/odata/$metadata#Collection(SaleOnline_Facebook_Post)`,
        value: [...byUser].map(([asuid, orders]) => ({ asuid, orders })),
      });
    }),
    route('POST', '/odata/SaleOnline_Order', (req) => {
      const tenant = tenantOf(ctx, req);
      const body = objectBody(req);
      const psid = field<string>(body, 'Facebook_ASUserId', 'string');
      if (!psid) throw odataError(400, 'Facebook_ASUserId is required.');
      const teamId = field<number>(body, 'CRMTeamId', 'number');
      const pages =
        teamId === undefined ? tenant.pages : tenant.pages.filter((p) => p.teamId === teamId);
      const conv = pages.map((p) => store.findConversation(tenant, p.id, psid)).find(Boolean);
      if (!conv)
        throw odataError(400, 'No conversation with this Facebook_ASUserId on this CRMTeam.');
      const order = store.createOrder(tenant, conv, {
        crmTeamId: teamId,
        psid,
        name: field<string>(body, 'Facebook_UserName', 'string'),
        postId: field<string>(body, 'Facebook_PostId', 'string') ?? null,
        commentId: field<string>(body, 'Facebook_CommentId', 'string') ?? null,
        phone: field<string>(body, 'Phone', 'string') ?? null,
        address: field<string>(body, 'Address', 'string') ?? null,
        note: field<string>(body, 'Note', 'string') ?? null,
        staff: staffOf(tenant, req),
      });
      publish(ctx, tenant.host, orderEnvelope(order, 'created'));
      return shaped(
        ctx,
        SHAPES.createdOrder,
        {
          '@odata.context': `https://${tenant.host}/odata/$metadata#SaleOnline_Order/$entity`,
          ...orderJson(order),
        },
        201,
      );
    }),
  ];
}
