import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { ErrorCode, errorResponse } from '../errors.js';
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
  const allowed = c.var.config.allowedOrigins;
  return allowed === '*' || origin === new URL(c.req.url).origin || allowed.includes(origin);
}

/**
 * CORS for the Worker's routes. A request whose `Origin` is not allowed gets a 403
 * `forbidden_origin` envelope before anything else runs (this also covers WebSocket
 * handshakes, which CORS does not protect); requests without `Origin` (same-origin GETs,
 * non-browser clients) pass. Allowed origins get Hono's `cors` answers and preflights.
 * Credentials are allowed on the token routes (`/api/token*`, whose cookie keeps the sign-in)
 * and only for the proxy's own origin and the listed ones, never with `*`; every other
 * route uses `Authorization` only and never allows credentials.
 */
export function corsPolicy(): MiddlewareHandler<ProxyEnv> {
  const wildcard = cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: MAX_AGE,
  });
  const listed = cors({
    origin: (origin, c) => (isAllowedOrigin(c as Context<ProxyEnv>, origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: MAX_AGE,
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
    if (origin !== undefined && isCookieOrigin(c, origin) && COOKIE_ROUTES.test(c.req.path)) {
      return credentialed(c, next);
    }
    return c.var.config.allowedOrigins === '*' ? wildcard(c, next) : listed(c, next);
  };
}
