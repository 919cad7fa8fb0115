import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorCode, errorResponse } from '../errors.js';
import type { ProxyEnv } from '../types.js';

/** Options of {@link maxBody}. */
export interface MaxBodyOptions {
  /** Largest request body in bytes. Default: the `MAX_BODY_BYTES` var (1 MiB unless set). */
  maxSize?: number;
  /** The 413's message. Default `Request bodies are limited to <maxSize> bytes`. */
  message?: string;
}

/**
 * Max Body Middleware: Hono's `bodyLimit`, answering a larger request body (by
 * `Content-Length` or as it streams in) with the 413 `payload_too_large` envelope instead
 * of Hono's plain-text one.
 *
 * @param {MaxBodyOptions} [options] - The options of the middleware.
 * @param {number} [options.maxSize=MAX_BODY_BYTES] - The largest body allowed, in bytes;
 *   by default the `MAX_BODY_BYTES` var of the request's `Env` (1048576 when unset).
 * @param {string} [options.message] - The 413's message; by default
 *   `Request bodies are limited to <maxSize> bytes`.
 * @returns {MiddlewareHandler} The middleware handler function.
 *
 * @example
 * ```ts
 * const app = new Hono<ProxyEnv>()
 *
 * app.post('/api/upload', maxBody({ maxSize: 64 * 1024 }), async (c) => {
 *   const form = await c.req.formData() // never more than 64 KiB
 *   return c.json({ fields: [...form.keys()] })
 * })
 * ```
 */
export function maxBody(options: MaxBodyOptions = {}): MiddlewareHandler<ProxyEnv> {
  // One bodyLimit per limit, made on first use (the default limit is a var of the Env).
  const checks = new Map<number, MiddlewareHandler>();
  return async function maxBody(c, next) {
    const limit = options.maxSize ?? c.get('config').maxBodyBytes;
    let check = checks.get(limit);
    if (!check) {
      check = bodyLimit({
        maxSize: limit,
        onError: () =>
          errorResponse(
            413,
            ErrorCode.PayloadTooLarge,
            options.message ?? `Request bodies are limited to ${limit} bytes`,
          ),
      });
      checks.set(limit, check);
    }
    return check(c, next);
  };
}
