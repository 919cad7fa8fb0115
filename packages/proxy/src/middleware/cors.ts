import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { ErrorCode, errorResponse } from '../errors.js';
import { urlParts } from '../request-url.js';
import type { ProxyEnv } from '../types.js';
import type { ProxyConfig } from '../config.js';
import type { CorsAnswer, HeaderPair } from './answer-headers.js';
import { isCookieOrigin } from './cookie-origin.js';

/** Request headers a browser may send cross-origin. */
const ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Idempotency-Key'];
/** Response headers a browser script may read. */
const EXPOSE_HEADERS = ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'];
/** Preflight cache lifetime in seconds. */
const MAX_AGE = 600;
/** The routes that use the sign-in cookie (its `Path`), the only ones answered with credentials. */
const COOKIE_ROUTES = /^\/api\/token(?:\/|$)/;

/**
 * Whether `origin` may call the proxy reached at `own` (its origin as the client reached it):
 * its own origin, a configured one, or any with `*`.
 */
export function allowsOrigin(config: ProxyConfig, origin: string, own: string): boolean {
  const allowed = config.allowedOrigins;
  return allowed === '*' || allowed.includes(origin) || origin === own;
}

/** {@link allowsOrigin} for the request of `c`. */
function isAllowedOrigin(c: Context<ProxyEnv>, origin: string): boolean {
  return allowsOrigin(c.get('config'), origin, urlParts(c.req.url).origin);
}

const EXPOSED = EXPOSE_HEADERS.join(',');
// Without `Origin` the answer only varies by it (or not at all with `*`): no object a request.
const NO_ORIGIN_ANY: CorsAnswer = { headers: [], varyOrigin: false };
const NO_ORIGIN_LISTED: CorsAnswer = { headers: [], varyOrigin: true };

/**
 * The CORS headers of the answer to a (non-preflight) request from an allowed `origin`, or
 * without one: `Access-Control-Allow-Origin` (`*` when any origin may call and the route
 * uses no cookie), `-Allow-Credentials` when `withCookie`, `-Expose-Headers`, and
 * `Vary: Origin` unless the answer is the same for every origin.
 */
export function corsAnswer(
  config: ProxyConfig,
  origin: string | undefined,
  withCookie: boolean,
): CorsAnswer {
  const any = !withCookie && config.allowedOrigins === '*';
  if (origin === undefined) return any ? NO_ORIGIN_ANY : NO_ORIGIN_LISTED;
  const headers: HeaderPair[] = [['access-control-allow-origin', any ? '*' : origin]];
  if (withCookie) headers.push(['access-control-allow-credentials', 'true']);
  headers.push(['access-control-expose-headers', EXPOSED]);
  return { headers, varyOrigin: !any };
}

/**
 * CORS for the Worker's routes. A request whose `Origin` is not allowed gets a 403
 * `forbidden_origin` envelope before anything else runs (this also covers WebSocket
 * handshakes, which CORS does not protect); requests without `Origin` (same-origin GETs,
 * non-browser clients) pass. Preflights are Hono's `cors`. Other requests get
 * `Access-Control-Allow-Origin` and `-Expose-Headers` (with an allowed `Origin`) and
 * `Vary: Origin`, decided here before the route runs and written by `answerHeaders()`
 * with the rest of the proxy's headers (Hono's `cors` would create a response before the
 * route runs and copy it twice more to add them). Credentials are allowed on the token
 * routes (`/api/token*`, whose cookie keeps the sign-in) and only for the proxy's own
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
    c.set('cors', corsAnswer(c.get('config'), origin, withCookie));
    await next();
  };
}
