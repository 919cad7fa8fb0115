/**
 * Replying to and hiding a comment through TPOS's Facebook-graph routes
 * (docs/tpos-protocol.md, "Replying").
 */
import { publish, type SimContext } from '../context.js';
import type { SimTenant } from '../data/model.js';
import { chatEnvelope } from '../envelopes.js';
import { SHAPES } from '../recorded.js';
import { HttpError, field, objectBody, route, type Route } from './http.js';
import { shaped, staffOf, tenantOf } from './requester.js';

/**
 * The comment a Facebook-graph route names, with its conversation. The rich profile also
 * takes a ChatOmni `Id`; the recorded one only a Facebook comment id, as Facebook would.
 */
function commentOf(ctx: SimContext, tenant: SimTenant, commentId: string) {
  const found = ctx.store.findCommentInTenant(tenant, commentId);
  if (ctx.opts.profile === 'recorded' && found?.comment.fbId !== commentId) return undefined;
  return found;
}

export function commentActionRoutes(ctx: SimContext): Route[] {
  const { store } = ctx;
  return [
    route('POST', '/rest/v2.0/facebook-graph/comment/reply', (req) => {
      const tenant = tenantOf(ctx, req);
      const body = objectBody(req);
      const commentId = field<string>(body, 'commentId', 'string');
      const message = field<string>(body, 'message', 'string');
      const pageId = body.pageid === undefined || body.pageid === null ? undefined : body.pageid;
      if (!commentId || !message)
        throw new HttpError(400, 'BadRequest', '"commentId" and "message" are required.');
      const found = commentOf(ctx, tenant, commentId);
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
      publish(ctx, tenant.host, chatEnvelope(ctx.opts.profile, tenant, conv, reply, parent));
      return shaped(ctx, SHAPES.nothing, { id: reply.fbId, Id: reply.id });
    }),
    route('POST', '/rest/v2.0/facebook-graph/comment/hide', (req) => {
      const tenant = tenantOf(ctx, req);
      const body = objectBody(req);
      const commentId = field<string>(body, 'commentId', 'string');
      const hidden = field<boolean>(body, 'is_hidden', 'boolean');
      if (!commentId || hidden === undefined) {
        throw new HttpError(400, 'BadRequest', '"commentId" and "is_hidden" are required.');
      }
      const found = commentOf(ctx, tenant, commentId);
      if (!found) throw new HttpError(404, 'NotFound', 'Unknown comment.');
      found.comment.isHidden = hidden;
      return shaped(ctx, SHAPES.nothing, { success: true });
    }),
  ];
}
