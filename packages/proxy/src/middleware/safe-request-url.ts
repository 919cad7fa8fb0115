import type { MiddlewareHandler } from 'hono';
import { ErrorCode, errorResponse } from '../errors.js';
import { urlParts } from '../request-url.js';
import type { ProxyEnv } from '../types.js';
import { unsafePathReason } from '../upstream/allowlist.js';

/** Query parameters that would put a credential into a URL (and so into logs and caches). */
export const CREDENTIAL_PARAMS: readonly string[] = [
  'access_token',
  'token',
  'refresh_token',
  'password',
  'authorization',
];

/** Options of {@link safeRequestUrl}. */
export interface SafeRequestUrlOptions {
  /**
   * Query parameter names (compared case-insensitively) refused as credentials.
   * Default {@link CREDENTIAL_PARAMS}.
   */
  credentialParams?: readonly string[];
}

/**
 * Safe Request URL Middleware: refuses, with 400 `bad_request`, a request whose raw path
 * could be decoded or normalized upstream into another path (see `unsafePathReason`), or
 * whose query carries a credential. Tokens travel in the `Authorization` header or the
 * Socket.IO CONNECT payload, never in a URL, where they would reach logs and caches.
 *
 * @param {SafeRequestUrlOptions} [options] - The options of the middleware.
 * @param {readonly string[]} [options.credentialParams=CREDENTIAL_PARAMS] - Query
 *   parameters refused as credentials (case-insensitive).
 * @returns {MiddlewareHandler} The middleware handler function.
 *
 * @example
 * ```ts
 * const app = new Hono<ProxyEnv>()
 *
 * app.use('/api/*', safeRequestUrl())
 * // GET /api/a/..%2ftoken        → 400 "Unsafe path: encoded slashes are not allowed"
 * // GET /api/x?access_token=abc  → 400 "Credentials must not be sent in the URL"
 * ```
 */
export function safeRequestUrl(options: SafeRequestUrlOptions = {}): MiddlewareHandler<ProxyEnv> {
  const refused = options.credentialParams ? lowerCased(options.credentialParams) : CREDENTIALS;
  return async function safeRequestUrl(c, next) {
    const { path, search } = urlParts(c.req.url);
    const reason = unsafePathReason(path);
    if (reason) return errorResponse(400, ErrorCode.BadRequest, `Unsafe path: ${reason}`);
    if (hasCredentialParam(search, refused)) {
      return errorResponse(400, ErrorCode.BadRequest, 'Credentials must not be sent in the URL');
    }
    await next();
  };
}

function lowerCased(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map((name) => name.toLowerCase()));
}

const CREDENTIALS = lowerCased(CREDENTIAL_PARAMS);

/**
 * Whether the query `search` (`?…` or empty) has a parameter named in `refused` (lower-case
 * names, compared case-insensitively); by default {@link CREDENTIAL_PARAMS}.
 */
export function hasCredentialParam(
  search: string,
  refused: ReadonlySet<string> = CREDENTIALS,
): boolean {
  if (!search) return false;
  for (const name of new URLSearchParams(search).keys()) {
    if (refused.has(name.toLowerCase())) return true;
  }
  return false;
}
