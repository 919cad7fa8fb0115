import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { ProxyEnv } from '../types.js';

/** One header as `[name, value]`. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * Hono's `secureHeaders` as the Worker uses it. Only JSON (and WebSocket upgrades) comes from
 * the Worker: nothing to load, nothing to frame. Kept: `Content-Security-Policy:
 * default-src 'none'; frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`,
 * `Strict-Transport-Security` and `Cross-Origin-Resource-Policy`. Left out, each a header on
 * every answer for no effect on JSON: those that only mean something for HTML documents or
 * old plugins; `X-Frame-Options`, which CSP `frame-ancestors 'none'` supersedes in every
 * browser the widgets support; `Referrer-Policy`, as a JSON answer loads nothing that could
 * send a referrer. Upstream `X-Powered-By` is dropped with the other upstream-only headers
 * (upstream/headers.ts).
 */
export const SECURE_HEADERS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: false,
  referrerPolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
};

let written: Promise<readonly HeaderPair[]> | undefined;

/**
 * The headers `secureHeaders(SECURE_HEADERS)` writes, for the pass-through, which answers
 * without the app's chain: taken once (per isolate) from Hono's middleware itself, so both
 * paths send exactly what it sends.
 */
export function securityHeaders(): Promise<readonly HeaderPair[]> {
  return (written ??= writtenBySecureHeaders());
}

async function writtenBySecureHeaders(): Promise<readonly HeaderPair[]> {
  const app = new Hono().use(secureHeaders(SECURE_HEADERS));
  const res = await app.get('/', (c) => c.body(null)).request('/');
  return [...res.headers];
}

/** The CORS part of an answer, decided before the route runs (see `corsAnswer()`). */
export interface CorsAnswer {
  /** `Access-Control-*` headers to set (none for a request without `Origin`). */
  headers: readonly HeaderPair[];
  /** Append `Vary: Origin` (every answer that depends on the origin list). */
  varyOrigin: boolean;
}

/**
 * Writes the proxy's own headers onto an answer's (writable) `headers`: `X-Request-Id` and
 * the CORS headers, replacing any of the same name, and `Vary: Origin` appended to the
 * answer's own `Vary`.
 */
export function addProxyHeaders(
  headers: Headers,
  requestId: string,
  cors: CorsAnswer | undefined,
): void {
  headers.set('x-request-id', requestId);
  if (!cors) return;
  for (const [name, value] of cors.headers) headers.set(name, value);
  if (cors.varyOrigin) headers.append('vary', 'Origin');
}

/**
 * Answer Headers Middleware: gives every answer `X-Request-Id` and the CORS headers
 * ({@link addProxyHeaders} with the request's id and what `corsPolicy()` decided), in one
 * place after the route, which the pass-through shares: the Worker's answers are always its
 * own Responses (never a fetch() answer), so they can be written.
 */
export function answerHeaders(): MiddlewareHandler<ProxyEnv> {
  return async function answerHeaders(c, next) {
    await next();
    addProxyHeaders(c.res.headers, c.get('requestId'), c.get('cors'));
  };
}
