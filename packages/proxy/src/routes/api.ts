import { Hono } from 'hono';
import { ErrorCode, errorResponse, methodNotAllowed } from '../errors.js';
import { maxBody } from '../middleware/max-body.js';
import { upstreamDeadline } from '../middleware/deadline.js';
import { urlParts } from '../request-url.js';
import type { ProxyEnv } from '../types.js';
import { findRule } from '../upstream/allowlist.js';
import { apiRequest, forward } from '../upstream/forward.js';
import { stripSecrets } from '../upstream/secrets.js';
import { sendRoutes } from './send.js';
import { tokenSessionRoutes } from './token-session.js';
import { tokenRoutes } from './token.js';

/** The mount point; `/api/<path>` goes to `<TPOS_API_BASE>/<path>`. */
export const PREFIX = '/api';
/** The paths under {@link PREFIX} the proxy answers itself (mounted below), never upstream. */
export const OWN_PATHS = /^\/api\/(?:token|send)(?:\/|$)/;

/**
 * `/api/*`: the allowlisted TPOS REST paths (see `ALLOWLIST`), forwarded with the
 * caller's `Authorization`, `Content-Type`, `Accept` and query, and the tenant's
 * headers; request and response bodies stream through, except answers that carry secrets
 * (CRMTeam), which are passed on without them. Unknown paths are 404, other methods 405,
 * all before any byte goes upstream. A request every guard lets through is forwarded the
 * same way before it reaches the app: see pass-through.ts.
 */
export const apiRoutes = new Hono<ProxyEnv>()
  .route('/token', tokenRoutes)
  .route('/token', tokenSessionRoutes)
  .route('/send', sendRoutes)
  .all(
    '/*',
    async function allowlist(c, next) {
      const rule = findRule(urlParts(c.req.url).path.slice(PREFIX.length));
      if (!rule) return errorResponse(404, ErrorCode.NotFound, 'No such API path');
      if (!(rule.methods as readonly string[]).includes(c.req.method)) {
        return methodNotAllowed(rule.methods);
      }
      await next();
    },
    maxBody(),
    upstreamDeadline(),
    async (c) => {
      const { path, search } = urlParts(c.req.url);
      const method = c.req.method;
      const request = apiRequest(
        c.get('config'),
        c.req.raw,
        `${path.slice(PREFIX.length)}${search}`,
        method === 'GET' || method === 'HEAD' ? null : c.req.raw.body,
        c.get('upstreamSignal'),
      );
      const response = await forward(request);
      c.set('upstreamStatus', response.status);
      return findRule(request.url.pathname)?.stripSecrets ? stripSecrets(response) : response;
    },
  );
