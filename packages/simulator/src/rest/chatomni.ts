/** `/api-ms/chatomni/v1/...`: conversation search, messages, comments, mark seen. */
import type { SimContext } from '../context.js';
import { newestFirst, pageOf, parseCursor, type Cursor } from '../data/cursor.js';
import type { SimConversation, SimItem, SimTenant } from '../data/model.js';
import { FilterError, parseFilter, search } from '../data/search.js';
import { RECORDED_SEARCH_MAX, SHAPES, type Shape } from '../recorded.js';
import { commentJson, conversationJson, messageJson } from './format.js';
import {
  HttpError,
  json,
  objectBody,
  route,
  type Reply,
  type Route,
  type SimRequest,
} from './http.js';
import { shaped } from './requester.js';

/** Default and largest page of messages. */
export const MESSAGE_PAGE = { default: 20, max: 200 };

const BASE = '/api-ms/chatomni/v1';

function tenantOfRequest(ctx: SimContext, req: SimRequest): SimTenant {
  const tenant = ctx.store.tenant(req.principal!.tenant);
  if (!tenant) throw new HttpError(404, 'NotFound', 'Unknown tenant.');
  return tenant;
}

/** The recorded profile reads only the query parameters real clients sent. */
function recorded(ctx: SimContext): boolean {
  return ctx.opts.profile === 'recorded';
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

/**
 * One page of a thread, newest first: `{Data, Cursor, After, Before}`. In the recorded
 * profile only `after` is read (`limit` and `before` were never sent by a real client).
 */
function threadPage(
  ctx: SimContext,
  req: SimRequest,
  shape: Shape,
  pick: (conv: SimConversation) => SimItem[],
): Reply {
  const limit = recorded(ctx) ? MESSAGE_PAGE.default : queryLimit(req);
  const after = queryCursor(req, 'after');
  const before = recorded(ctx) ? undefined : queryCursor(req, 'before');
  const conv = conversationOf(ctx, req);
  if (!conv) return json({ Data: [], Cursor: null, After: null, Before: null });
  const tenant = tenantOfRequest(ctx, req);
  const items = pick(conv).sort(newestFirst);
  const page = pageOf(items, (i) => i, limit, after, before);
  const body = {
    Data: page.items.map((i) =>
      i.kind === 'message' ? messageJson(conv, i) : commentJson(tenant, conv, i),
    ),
    Cursor: page.after,
    After: page.after,
    Before: page.before,
  };
  return shaped(ctx, shape, body);
}

export function chatomniRoutes(ctx: SimContext): Route[] {
  const { store } = ctx;
  return [
    route('POST', `${BASE}/conversations/search`, (req) => {
      const tenant = tenantOfRequest(ctx, req);
      const body = objectBody(req);
      let filter;
      try {
        // The cursor format is unknown, so the recorded profile ignores Before and After:
        // a client that sends them gets the newest conversations again.
        filter = parseFilter(recorded(ctx) ? { ...body, Before: null, After: null } : body);
      } catch (err) {
        if (err instanceof FilterError) throw new HttpError(400, 'BadRequest', err.message);
        throw err;
      }
      if (recorded(ctx)) filter.limit = Math.min(filter.limit, RECORDED_SEARCH_MAX);
      const page = search(store.list(tenant), filter);
      const answer = {
        Data: page.items.map((c) => conversationJson(store, tenant, c)),
        After: page.after,
        Before: page.before,
      };
      return shaped(ctx, SHAPES.search, answer);
    }),
    route('GET', `${BASE}/messages`, (req) =>
      threadPage(ctx, req, SHAPES.messages, (conv) => [...store.thread(conv).messages]),
    ),
    route('GET', `${BASE}/messages/comments`, (req) =>
      threadPage(ctx, req, SHAPES.comments, (conv) => [...store.thread(conv).comments]),
    ),
    route('GET', `${BASE}/messages/all`, (req) =>
      threadPage(ctx, req, SHAPES.all, (conv) => {
        const thread = store.thread(conv);
        return [...thread.messages, ...thread.comments];
      }),
    ),
    route('POST', `${BASE}/conversations/:type/:pageId/:psid/seen`, (req, [, pageId, psid]) => {
      const conv = store.findConversation(tenantOfRequest(ctx, req), pageId!, psid!);
      if (!conv) throw new HttpError(404, 'NotFound', 'Unknown conversation.');
      if (req.query.get('isSeen') !== 'false') store.markSeen(conv);
      const answer = { Success: true, UnreadCount: conv.unread };
      return shaped(ctx, SHAPES.nothing, answer);
    }),
  ];
}
