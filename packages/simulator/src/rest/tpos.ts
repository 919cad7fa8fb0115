/** The `/odata`, `/rest` and `/api/common` endpoints of PROTOCOL.md §4. */
import { publish, type SimContext } from '../context.js';
import type { SimTenant, Staff } from '../data/model.js';
import { MAIL_TEMPLATES, ORDER_STATUS_STYLES, PARTNER_STATUSES } from '../data/vocab.js';
import { chatEnvelope, orderEnvelope } from '../envelopes.js';
import { conversationJson, orderJson } from './format.js';
import { HttpError, field, json, objectBody, route, type Route, type SimRequest } from './http.js';

function odataError(status: number, message: string): HttpError {
  return new HttpError(status, 'UnexpectedError', message);
}

function tenantOf(ctx: SimContext, req: SimRequest): SimTenant {
  const tenant = ctx.store.tenant(req.principal!.tenant);
  if (!tenant) throw odataError(404, 'Unknown tenant.');
  return tenant;
}

/** The staff record of the requesting user. */
function staffOf(tenant: SimTenant, req: SimRequest): Staff {
  const p = req.principal!;
  return (
    tenant.staff.find((s) => s.UserName === p.username) ?? {
      Id: p.userId,
      Name: p.displayName,
      UserName: p.username,
    }
  );
}

export function tposRoutes(ctx: SimContext): Route[] {
  const { store } = ctx;
  return [
    route('GET', '/odata/CRMTeam/ODataService.GetAllFacebook', (req) => {
      const tenant = tenantOf(ctx, req);
      const owner = tenant.staff[0]!;
      const expand = (req.query.get('$expand') ?? '').includes('Childs');
      const team = {
        Id: tenant.rootTeamId,
        Name: `Facebook - ${owner.Name}`,
        Type: 'Facebook',
        ParentId: null,
        Active: true,
        Facebook_UserId: `1000${tenant.rootTeamId}0001`,
        Facebook_UserName: owner.Name,
        Facebook_UserToken: `EAAFakeUserToken${tenant.pages[0]!.accessToken.slice(-24)}`,
        ...(expand
          ? {
              Childs: tenant.pages.map((p, i) => ({
                Id: p.teamId,
                Name: p.name,
                ParentId: tenant.rootTeamId,
                Type: 'Facebook',
                Active: true,
                IsDefault: i === 0,
                ChannelId: p.id,
                Facebook_PageId: p.id,
                Facebook_PageName: p.name,
                Facebook_PageLogo: p.logo,
                Facebook_TypeId: 'Page',
                Facebook_PageToken: p.accessToken,
                Zalo_OAId: null,
                Zalo_AccessToken: null,
                Zalo_RefreshToken: null,
              })),
            }
          : {}),
      };
      return json({
        '@odata.context': `https://${tenant.host}/odata/$metadata#CRMTeam`,
        value: [team],
      });
    }),
    route('GET', '/rest/v2.0/chatomni/info/:key', (req, [key]) => {
      const tenant = tenantOf(ctx, req);
      const [teamId, psid] = key!.split('_');
      const page = tenant.pages.find((p) => String(p.teamId) === teamId);
      const conv = page && psid ? store.findConversation(tenant, page.id, psid) : undefined;
      if (!conv) throw new HttpError(404, 'NotFound', 'Unknown customer.');
      const latest = conv.orders[0];
      return json({
        Partner: {
          Id: conv.partnerId,
          Name: conv.name,
          Phone: conv.phone,
          FullAddress: conv.address,
          Status: conv.partnerStatus === 'Bình thường' ? 'Normal' : 'Warning',
          StatusText: conv.partnerStatus,
          Facebook_ASUserId: conv.psid,
        },
        Order: latest ? orderJson(latest) : null,
        Conversation: conversationJson(store, tenant, conv),
        Revenue: { RevenueTotal: conv.orders.reduce((sum, o) => sum + o.totalAmount, 0) },
      });
    }),
    route('GET', '/api/common/getpartnerstatus', () => json(PARTNER_STATUSES)),
    route('GET', '/api/common/getstylestatusorder', () => json(ORDER_STATUS_STYLES)),
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
      return json({
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
      return json(
        {
          '@odata.context': `https://${tenant.host}/odata/$metadata#SaleOnline_Order/$entity`,
          ...orderJson(order),
        },
        201,
      );
    }),
    route('POST', '/rest/v2.0/facebook-graph/comment/reply', (req) => {
      const tenant = tenantOf(ctx, req);
      const body = objectBody(req);
      const commentId = field<string>(body, 'commentId', 'string');
      const message = field<string>(body, 'message', 'string');
      const pageId = body.pageid === undefined || body.pageid === null ? undefined : body.pageid;
      if (!commentId || !message)
        throw new HttpError(400, 'BadRequest', '"commentId" and "message" are required.');
      const found = store.findCommentInTenant(tenant, commentId);
      if (!found || (pageId !== undefined && String(pageId) !== found.conv.pageId)) {
        throw new HttpError(404, 'NotFound', 'Unknown comment.');
      }
      const { conv } = found;
      // Facebook threads replies under the top-level comment.
      const parent = found.comment.parentId
        ? store.findComment(conv, found.comment.parentId)!
        : found.comment;
      const reply = store.addComment(
        conv,
        { text: message, isOwner: true, staff: staffOf(tenant, req) },
        parent,
      );
      publish(ctx, tenant.host, chatEnvelope(tenant, conv, reply, parent));
      return json({ id: reply.fbId, Id: reply.id });
    }),
    route('POST', '/rest/v2.0/facebook-graph/comment/hide', (req) => {
      const tenant = tenantOf(ctx, req);
      const body = objectBody(req);
      const commentId = field<string>(body, 'commentId', 'string');
      const hidden = field<boolean>(body, 'is_hidden', 'boolean');
      if (!commentId || hidden === undefined) {
        throw new HttpError(400, 'BadRequest', '"commentId" and "is_hidden" are required.');
      }
      const found = store.findCommentInTenant(tenant, commentId);
      if (!found) throw new HttpError(404, 'NotFound', 'Unknown comment.');
      found.comment.isHidden = hidden;
      return json({ success: true });
    }),
    route('GET', '/odata/MailTemplate', (req) => {
      const tenant = tenantOf(ctx, req);
      const all = [
        ...MAIL_TEMPLATES.map((t, i) => ({ Id: i + 1, ...t, Active: true })),
        { Id: 99, Name: 'Mẫu cũ (ngưng dùng)', BodyPlain: 'Không dùng nữa.', Active: false },
      ];
      const onlyActive = /Active\s+eq\s+true/i.test(req.query.get('$filter') ?? '');
      return json({
        '@odata.context': `https://${tenant.host}/odata/$metadata#MailTemplate`,
        value: all
          .filter((t) => !onlyActive || t.Active)
          .map((t) => ({ ...t, BodyHtml: `<p>${t.BodyPlain}</p>`, TypeId: 'Facebook' })),
      });
    }),
  ];
}
