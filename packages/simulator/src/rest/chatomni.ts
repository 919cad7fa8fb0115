/** `/api-ms/chatomni/v1/...`: conversation search, messages, comments, mark seen. */
import type { SimContext } from '../context.js';
import { newestFirst, pageOf, parseCursor, type Cursor } from '../data/cursor.js';
import type { SimConversation, SimItem, SimTenant } from '../data/model.js';
import { FilterError, parseFilter, search } from '../data/search.js';
import { commentJson, conversationJson, messageJson } from './format.js';
import { HttpError, json, objectBody, route, type Route, type SimRequest } from './http.js';

/** Default and largest page of messages. */
export const MESSAGE_PAGE = { default: 20, max: 200 };

const BASE = '/api-ms/chatomni/v1';

function tenantOfRequest(ctx: SimContext, req: SimRequest): SimTenant {
  const tenant = ctx.store.tenant(req.principal!.tenant);
  if (!tenant) throw new HttpError(404, 'NotFound', 'Unknown tenant.');
  return tenant;
}

function queryCursor(req: SimRequest, name: string): Cursor | undefined {
  const c = parseCursor(req.query.get(name));
  if (c === null) throw new HttpError(400, 'BadRequest', `"${name}" is not a cursor.`);
  return c;
}

function queryLimit(req: SimRequest): number {
  const raw = req.query.get('limit');
  if (raw === null || raw === '') return MESSAGE_PAGE.default;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new HttpError(400, 'BadRequest', '"limit" must be a positive integer.');
  return Math.min(n, MESSAGE_PAGE.max);
}

function conversationOf(ctx: SimContext, req: SimRequest): SimConversation | undefined {
  const pageId = req.query.get('channelId');
  const psid = req.query.get('userId');
  if (!pageId || !psid) {
    throw new HttpError(400, 'BadRequest', '"channelId" and "userId" are required.');
  }
  return ctx.store.findConversation(tenantOfRequest(ctx, req), pageId, psid);
}

/** One page of a thread, newest first: `{Data, Cursor, After, Before}`. */
function threadPage(
  ctx: SimContext,
  req: SimRequest,
  pick: (conv: SimConversation) => SimItem[],
): unknown {
  const limit = queryLimit(req);
  const after = queryCursor(req, 'after');
  const before = queryCursor(req, 'before');
  const conv = conversationOf(ctx, req);
  if (!conv) return { Data: [], Cursor: null, After: null, Before: null };
  const tenant = tenantOfRequest(ctx, req);
  const items = pick(conv).sort(newestFirst);
  const page = pageOf(items, (i) => i, limit, after, before);
  return {
    Data: page.items.map((i) =>
      i.kind === 'message' ? messageJson(conv, i) : commentJson(tenant, conv, i),
    ),
    Cursor: page.after,
    After: page.after,
    Before: page.before,
  };
}

export function chatomniRoutes(ctx: SimContext): Route[] {
  const { store } = ctx;
  return [
    route('POST', `${BASE}/conversations/search`, (req) => {
      const tenant = tenantOfRequest(ctx, req);
      let filter;
      try {
        filter = parseFilter(objectBody(req));
      } catch (err) {
        if (err instanceof FilterError) throw new HttpError(400, 'BadRequest', err.message);
        throw err;
      }
      const page = search(store.list(tenant), filter);
      return json({
        Data: page.items.map((c) => conversationJson(store, tenant, c)),
        After: page.after,
        Before: page.before,
      });
    }),
    route('GET', `${BASE}/messages`, (req) =>
      json(threadPage(ctx, req, (conv) => [...store.thread(conv).messages])),
    ),
    route('GET', `${BASE}/messages/comments`, (req) =>
      json(threadPage(ctx, req, (conv) => [...store.thread(conv).comments])),
    ),
    route('GET', `${BASE}/messages/all`, (req) =>
      json(
        threadPage(ctx, req, (conv) => {
          const thread = store.thread(conv);
          return [...thread.messages, ...thread.comments];
        }),
      ),
    ),
    route('POST', `${BASE}/conversations/:type/:pageId/:psid/seen`, (req, [, pageId, psid]) => {
      const conv = store.findConversation(tenantOfRequest(ctx, req), pageId!, psid!);
      if (!conv) throw new HttpError(404, 'NotFound', 'Unknown conversation.');
      if (req.query.get('isSeen') !== 'false') store.markSeen(conv);
      return json({ Success: true, UnreadCount: conv.unread });
    }),
  ];
}
