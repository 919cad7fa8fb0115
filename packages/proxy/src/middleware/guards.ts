import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorCode, errorResponse } from '../errors.js';
import type { ProxyEnv } from '../types.js';
import { unsafePathReason } from '../upstream/allowlist.js';

/** Query parameters that would put a credential into a URL (and so into logs and caches). */
const CREDENTIAL_PARAMS = ['access_token', 'token', 'refresh_token', 'password', 'authorization'];

/**
 * Refuses, with 400 `bad_request`, a request whose raw path could be decoded or
 * normalized upstream into another path (see {@link unsafePathReason}), or whose query
 * carries a credential: tokens travel in the `Authorization` header or the Socket.IO
 * CONNECT payload, never in a URL.
 */
export function safeRequestUrl(): MiddlewareHandler<ProxyEnv> {
  return async function safeRequestUrl(c, next) {
    const url = new URL(c.req.url);
    const reason = unsafePathReason(url.pathname);
    if (reason) return errorResponse(400, ErrorCode.BadRequest, `Unsafe path: ${reason}`);
    for (const name of url.searchParams.keys()) {
      if (CREDENTIAL_PARAMS.includes(name.toLowerCase())) {
        return errorResponse(400, ErrorCode.BadRequest, 'Credentials must not be sent in the URL');
      }
    }
    await next();
  };
}

/** Hono's `bodyLimit` at `MAX_BODY_BYTES`, answering 413 `payload_too_large`. */
export function maxBody(): MiddlewareHandler<ProxyEnv> {
  return async function maxBody(c, next) {
    const limit = c.var.config.maxBodyBytes;
    const check = bodyLimit({
      maxSize: limit,
      onError: () =>
        errorResponse(
          413,
          ErrorCode.PayloadTooLarge,
          `Request bodies are limited to ${limit} bytes`,
        ),
    });
    return check(c, next);
  };
}

/** A 405 `method_not_allowed` envelope with its `Allow` header. */
export function methodNotAllowed(allow: readonly string[]): Response {
  return errorResponse(405, ErrorCode.MethodNotAllowed, `Allowed methods: ${allow.join(', ')}`, {
    allow: allow.join(', '),
  });
}
