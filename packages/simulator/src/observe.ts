/** The read side of the control API: counters, recorded requests, stored state. */
import type { SimContext } from './context.js';
import { allItems } from './data/thread.js';
import type { Live } from './live.js';
import type { SimServerName } from './options.js';
import { socketIdOf } from './recorded.js';
import { HttpError, json, route, type Route } from './rest/http.js';
import { utc } from './time.js';

export function observeRoutes(ctx: SimContext, live: Live): Route[] {
  return [
    route(
      'GET',
      '/__sim/counters',
      () => {
        const socket = (name: SimServerName) => ({
          connected: ctx.servers[name].connected,
          connections: ctx.servers[name].connections,
          handshakes: ctx.servers[name].handshakes,
          ...ctx.servers[name].counts.toJSON(),
        });
        return json({
          since: utc(ctx.countersSince),
          rest: { total: ctx.rest.total, byRoute: Object.fromEntries(ctx.rest.byRoute) },
          tokens: ctx.tokens.toJSON(),
          sockets: { rt: socket('rt'), chat: socket('chat') },
          events: { rt: ctx.servers.rt.events, chat: ctx.servers.chat.events },
          faults: { pending: ctx.faults.pending, applied: ctx.faults.applied },
        });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/reset-counters',
      () => {
        ctx.rest.total = 0;
        ctx.rest.byRoute.clear();
        ctx.tokens.reset();
        ctx.countersSince = Date.now();
        ctx.requests.length = 0;
        ctx.faults.applied = 0;
        ctx.servers.rt.resetCounters();
        ctx.servers.chat.resetCounters();
        return json({ ok: true });
      },
      false,
    ),
    route(
      'GET',
      '/__sim/requests',
      (req) => {
        const raw = req.query.get('limit');
        const limit = raw === null ? 50 : Number(raw);
        if (!Number.isInteger(limit) || limit < 0)
          throw new HttpError(400, 'BadRequest', '"limit" must be an integer.');
        return json(limit === 0 ? [] : ctx.requests.slice(-limit));
      },
      false,
    ),
    route(
      'GET',
      '/__sim/conversations/:id',
      (_req, [id]) => {
        const conv = ctx.store.conversationById(id!);
        if (!conv) throw new HttpError(404, 'NotFound', 'Unknown conversation.');
        const thread = ctx.store.thread(conv);
        return json({
          Id: conv.id,
          Tenant: conv.tenant,
          Name: conv.name,
          PageId: conv.pageId,
          UserId: conv.psid,
          Phone: conv.phone,
          UnreadCount: conv.unread,
          LastActivityTime: utc(conv.lastAt),
          MessageIds: thread.messages.map((m) => m.id),
          CommentIds: thread.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]),
          ItemIds: allItems(thread).map((i) => i.id),
          Items: allItems(thread).map((i) => ({
            Id: i.id,
            SocketId: socketIdOf(ctx.opts.profile, i.id),
            FacebookId: i.fbId,
            Kind: i.kind,
            ParentId: i.kind === 'comment' ? i.parentId : null,
            Hidden: i.kind === 'comment' ? i.isHidden : null,
          })),
          OrderIds: conv.orders.map((o) => o.Id),
        });
      },
      false,
    ),
    route(
      'GET',
      '/__sim/info',
      () =>
        json({
          tenants: [...ctx.store.tenants.values()].map((t) => ({
            host: t.host,
            conversations: t.list.length,
            pages: t.pages.map((p) => ({ id: p.id, name: p.name, teamId: p.teamId })),
            posts: t.posts.map((p) => ({
              id: p.objectId,
              title: p.title,
              objectType: p.objectType,
            })),
            staff: t.staff,
          })),
          dialect: { rt: ctx.servers.rt.dialect, chat: ctx.servers.chat.dialect },
          profile: ctx.opts.profile,
          unknownRoom: { rt: ctx.servers.rt.roomMode, chat: ctx.servers.chat.roomMode },
          live: live.running,
        }),
      false,
    ),
  ];
}
