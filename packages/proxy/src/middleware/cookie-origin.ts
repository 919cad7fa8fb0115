import type { Context, MiddlewareHandler } from 'hono';
import { ErrorCode, proxyError } from '../errors.js';
import { urlParts } from '../request-url.js';
import type { ProxyEnv } from '../types.js';

/**
 * Whether `origin` may use the sign-in cookie: the proxy's own origin or one listed in
 * `ALLOWED_ORIGINS`. `ALLOWED_ORIGINS=*` lists none: any origin may call the proxy, but the
 * cookie is never offered to "any origin".
 */
export function isCookieOrigin(c: Context<ProxyEnv>, origin: string): boolean {
  const allowed = c.get('config').allowedOrigins;
  return origin === urlParts(c.req.url).origin || (allowed !== '*' && allowed.includes(origin));
}

/**
 * Refuses, with 403 `forbidden_origin`, a request that sets, uses or clears the sign-in cookie
 * without an `Origin` the cookie may serve ({@link isCookieOrigin}). Browsers send `Origin`
 * on every POST, so a request without one is not a page of ours.
 * @throws HTTPException 403 `forbidden_origin`.
 */
export function assertCookieOrigin(c: Context<ProxyEnv>): void {
  const origin = c.req.header('origin');
  if (origin === undefined || !isCookieOrigin(c, origin)) {
    throw proxyError(403, ErrorCode.ForbiddenOrigin, 'This origin may not use the saved sign-in');
  }
}

/** Cookie Origin Middleware: {@link assertCookieOrigin} before the route runs. */
export function cookieOrigin(): MiddlewareHandler<ProxyEnv> {
  return async function cookieOrigin(c, next) {
    assertCookieOrigin(c);
    await next();
  };
}
