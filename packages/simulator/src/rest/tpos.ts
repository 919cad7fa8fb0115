/** Pages (CRMTeam), customer info, `/api/common` and templates (docs/tpos-protocol.md). */
import type { SimContext } from '../context.js';
import { MAIL_TEMPLATES, ORDER_STATUS_STYLES, PARTNER_STATUSES } from '../data/vocab.js';
import { SHAPES } from '../recorded.js';
import { conversationJson, orderJson } from './format.js';
import { HttpError, json, route, type Route } from './http.js';
import { shaped, tenantOf } from './requester.js';

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
      return shaped(ctx, SHAPES.teams, {
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
      return shaped(ctx, SHAPES.info, {
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
    route('GET', '/odata/MailTemplate', (req) => {
      const tenant = tenantOf(ctx, req);
      const all = [
        ...MAIL_TEMPLATES.map((t, i) => ({ Id: i + 1, ...t, Active: true })),
        { Id: 99, Name: 'Mẫu cũ (ngưng dùng)', BodyPlain: 'Không dùng nữa.', Active: false },
      ];
      const onlyActive = /Active\s+eq\s+true/i.test(req.query.get('$filter') ?? '');
      return shaped(ctx, SHAPES.templates, {
        '@odata.context': `https://${tenant.host}/odata/$metadata#MailTemplate`,
        value: all
          .filter((t) => !onlyActive || t.Active)
          .map((t) => ({ ...t, BodyHtml: `<p>${t.BodyPlain}</p>`, TypeId: 'Facebook' })),
      });
    }),
  ];
}
