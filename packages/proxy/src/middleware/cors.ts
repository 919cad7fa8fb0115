import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { ErrorCode, errorResponse } from '../errors.js';
import { urlParts } from '../request-url.js';
import type { ProxyEnv } from '../types.js';
import { isCookieOrigin } from './cookie-origin.js';

/** Request headers a browser may send cross-origin. */
const ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Idempotency-Key'];
/** Response headers a browser script may read. */
const EXPOSE_HEADERS = ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'];
/** Preflight cache lifetime in seconds. */
const MAX_AGE = 600;
/** The routes that use the sign-in cookie (its `Path`), the only ones answered with credentials. */
const COOKIE_ROUTES = /^\/api\/token(?:\/|$)/;

/** Whether `origin` may call the proxy: its own origin, a configured one, or any with `*`. */
export function isAllowedOrigin(c: Context<ProxyEnv>, origin: string): boolean {
  const allowed = c.get('config').allowedOrigins;
  return allowed === '*' || allowed.includes(origin) || origin === urlParts(c.req.url).origin;
}

/**
 * CORS for the Worker's routes. A request whose `Origin` is not allowed gets a 403
 * `forbidden_origin` envelope before anything else runs (this also covers WebSocket
 * handshakes, which CORS does not protect); requests without `Origin` (same-origin GETs,
 * non-browser clients) pass. Preflights are Hono's `cors`. Other requests get
 * `Access-Control-Allow-Origin` and `-Expose-Headers` (with an allowed `Origin`) and
 * `Vary: Origin` set on the route's own response: Hono's `cors` would create that response
 * before the route runs and copy it twice more to add them. Credentials are allowed on the
 * token routes (`/api/token*`, whose cookie keeps the sign-in) and only for the proxy's own
 * origin and the listed ones, never with `*`; every other route uses `Authorization` only
 * and never allows credentials.
 */
export function corsPolicy(): MiddlewareHandler<ProxyEnv> {
  const options = {
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: MAX_AGE,
  };
  const wildcard = cors({ ...options, origin: '*' });
  const listed = cors({
    ...options,
    origin: (origin, c) => (isAllowedOrigin(c as Context<ProxyEnv>, origin) ? origin : null),
  });
  const credentialed = cors({
    origin: (origin, c) => (isCookieOrigin(c as Context<ProxyEnv>, origin) ? origin : null),
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: MAX_AGE,
    credentials: true,
  });
  const exposed = EXPOSE_HEADERS.join(',');
  return async function corsPolicy(c, next) {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isAllowedOrigin(c, origin)) {
      return errorResponse(403, ErrorCode.ForbiddenOrigin, 'This origin may not use the proxy');
    }
    const withCookie =
      origin !== undefined && COOKIE_ROUTES.test(c.req.path) && isCookieOrigin(c, origin);
    const any = !withCookie && c.get('config').allowedOrigins === '*';
    if (c.req.method === 'OPTIONS') {
      return (withCookie ? credentialed : any ? wildcard : listed)(c, next);
    }
    await next();
    // Every response of the Worker is its own (never a fetch() answer), so it can be written.
    const headers = c.res.headers;
    if (origin !== undefined) {
      headers.set('access-control-allow-origin', any ? '*' : origin);
      if (withCookie) headers.set('access-control-allow-credentials', 'true');
      headers.set('access-control-expose-headers', exposed);
    }
    if (!any) headers.append('vary', 'Origin');
  };
}
