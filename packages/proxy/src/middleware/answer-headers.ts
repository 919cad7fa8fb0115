import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../types.js';

/** One header as `[name, value]`. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * The security headers of every answer: only JSON (and WebSocket upgrades) comes from the
 * Worker, so nothing to load and nothing to frame. The values are those of Hono's
 * `secureHeaders` for the headers that mean something for JSON; the ones that only matter
 * for HTML documents or old plugins are left out.
 */
export const SECURITY_HEADERS: readonly HeaderPair[] = [
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ['cross-origin-resource-policy', 'same-origin'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'SAMEORIGIN'],
];

/** The CORS part of an answer, decided before the route runs (see `corsAnswer()`). */
export interface CorsAnswer {
  /** `Access-Control-*` headers to set (none for a request without `Origin`). */
  headers: readonly HeaderPair[];
  /** Append `Vary: Origin` (every answer that depends on the origin list). */
  varyOrigin: boolean;
}

/**
 * Writes the proxy's own headers onto an answer's (writable) `headers`: the security headers,
 * `X-Request-Id` and the CORS headers, replacing any of the same name, and `Vary: Origin`
 * appended to the answer's own `Vary`.
 */
export function addProxyHeaders(
  headers: Headers,
  requestId: string,
  cors: CorsAnswer | undefined,
): void {
  for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
  headers.set('x-request-id', requestId);
  if (!cors) return;
  for (const [name, value] of cors.headers) headers.set(name, value);
  if (cors.varyOrigin) headers.append('vary', 'Origin');
}

/**
 * Answer Headers Middleware: gives every answer the proxy's headers ({@link addProxyHeaders}
 * with the request's id and what `corsPolicy()` decided), in one place after the route,
 * instead of Hono's `secureHeaders`, a CORS step and the request id each writing their own:
 * the Worker's answers are always its own Responses (never a fetch() answer), so they can
 * be written.
 */
export function answerHeaders(): MiddlewareHandler<ProxyEnv> {
  return async function answerHeaders(c, next) {
    await next();
    addProxyHeaders(c.res.headers, c.get('requestId'), c.get('cors'));
  };
}
