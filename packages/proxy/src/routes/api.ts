import { Hono } from 'hono';
import { ErrorCode, errorResponse, methodNotAllowed } from '../errors.js';
import { maxBody } from '../middleware/max-body.js';
import { upstreamDeadline } from '../middleware/deadline.js';
import type { ProxyEnv } from '../types.js';
import { findRule } from '../upstream/allowlist.js';
import { forward } from '../upstream/forward.js';
import { appVersionFor, upstreamRequestHeaders } from '../upstream/headers.js';
import { stripSecrets } from '../upstream/secrets.js';
import { sendRoutes } from './send.js';
import { tokenSessionRoutes } from './token-session.js';
import { tokenRoutes } from './token.js';

/** The mount point; `/api/<path>` goes to `<TPOS_API_BASE>/<path>`. */
const PREFIX = '/api';

/**
 * `/api/*`: the allowlisted TPOS REST paths (see `ALLOWLIST`), forwarded with the
 * caller's `Authorization`, `Content-Type`, `Accept` and query, and the tenant's
 * headers; request and response bodies stream through, except answers that carry secrets
 * (CRMTeam), which are passed on without them. Unknown paths are 404, other methods 405,
 * all before any byte goes upstream.
 */
export const apiRoutes = new Hono<ProxyEnv>()
  .route('/token', tokenRoutes)
  .route('/token', tokenSessionRoutes)
  .route('/send', sendRoutes)
  .all(
    '/*',
    async function allowlist(c, next) {
      const path = new URL(c.req.url).pathname.slice(PREFIX.length);
      const rule = findRule(path);
      if (!rule) return errorResponse(404, ErrorCode.NotFound, 'No such API path');
      if (!(rule.methods as readonly string[]).includes(c.req.method)) {
        return methodNotAllowed(rule.methods);
      }
      await next();
    },
    maxBody(),
    upstreamDeadline(),
    async (c) => {
      const incoming = new URL(c.req.url);
      const { apiBase, appVersionDefault } = c.var.config;
      const url = new URL(apiBase);
      url.pathname = incoming.pathname.slice(PREFIX.length);
      url.search = incoming.search;
      const method = c.req.method;
      const response = await forward({
        url,
        method,
        headers: upstreamRequestHeaders(
          c.req.raw.headers,
          apiBase,
          appVersionFor(apiBase, appVersionDefault),
        ),
        body: method === 'GET' || method === 'HEAD' ? null : c.req.raw.body,
        signal: c.var.upstreamSignal,
      });
      c.set('upstreamStatus', response.status);
      return findRule(url.pathname)?.stripSecrets ? stripSecrets(response) : response;
    },
  );
