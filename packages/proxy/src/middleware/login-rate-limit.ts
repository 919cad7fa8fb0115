import type { Context, MiddlewareHandler } from 'hono';
import { rateLimited } from '../errors.js';
import { sha256Hex } from '../send/request.js';
import type { ProxyEnv } from '../types.js';

/**
 * Seconds a refused client is told to wait: the longest period Cloudflare's limiter counts
 * over (it allows 10 or 60), so waiting that long always gets the client through.
 */
export const LOGIN_RETRY_AFTER_S = 60;

/** Names of the Worker's rate limiting bindings. */
export type RateLimitBinding = {
  [K in keyof Env]: Env[K] extends RateLimit ? K : never;
}[keyof Env];

/** Options of {@link loginRateLimit}. */
export interface LoginRateLimitOptions {
  /** The binding counting per client IP. Default `TOKEN_LIMIT_IP`. */
  perIp?: RateLimitBinding;
  /** The binding counting per client IP and username. Default `TOKEN_LIMIT_USER`. */
  perUser?: RateLimitBinding;
  /** `Retry-After` of the 429, in seconds. Default {@link LOGIN_RETRY_AFTER_S}. */
  retryAfter?: number;
}

/** The `username` of a form-encoded password grant, if any (the route validates the rest). */
async function usernameOf(c: Context<ProxyEnv>): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return undefined;
  // Hono caches the body: the route reads the same text again.
  const username = new URLSearchParams(await c.req.text()).get('username')?.trim();
  return username ? username.toLowerCase() : undefined;
}

/**
 * Login Rate Limit Middleware: counts each request with Cloudflare's rate limiting
 * bindings (`[[ratelimits]]` in wrangler.toml, which `wrangler dev` runs too), per client
 * IP (`CF-Connecting-IP`) and, when the body names a `username`, per IP and username.
 * Over either limit it answers 429 `rate_limited` with `Retry-After` before anything goes
 * upstream. The username is keyed as its SHA-256 (lower-cased), never in clear; nothing of
 * it is logged. Without the bindings (`app.request()` in Node tests) nothing is limited:
 * the deploy check refuses an environment that lacks them.
 *
 * @param {LoginRateLimitOptions} [options] - The options of the middleware.
 * @param {string} [options.perIp='TOKEN_LIMIT_IP'] - The binding counting per client IP.
 * @param {string} [options.perUser='TOKEN_LIMIT_USER'] - The binding counting per client IP
 *   and username.
 * @param {number} [options.retryAfter=60] - Seconds announced in `Retry-After`.
 * @returns {MiddlewareHandler} The middleware handler function.
 *
 * @example
 * ```ts
 * const app = new Hono<ProxyEnv>()
 *
 * app.post('/api/token', maxBody(), loginRateLimit(), async (c) => ...)
 * // the 11th attempt in a minute for one user from one IP (wrangler.toml limits) →
 * // 429 Retry-After: 60 {"error":{"code":"rate_limited","message":"…","retryAfter":60}}
 * ```
 */
export function loginRateLimit(options: LoginRateLimitOptions = {}): MiddlewareHandler<ProxyEnv> {
  const ipBinding = options.perIp ?? 'TOKEN_LIMIT_IP';
  const userBinding = options.perUser ?? 'TOKEN_LIMIT_USER';
  const retryAfter = options.retryAfter ?? LOGIN_RETRY_AFTER_S;
  return async function loginRateLimit(c, next) {
    const ip = c.req.header('cf-connecting-ip') ?? 'unknown';
    const perIp = c.env?.[ipBinding] as RateLimit | undefined;
    const perUser = c.env?.[userBinding] as RateLimit | undefined;
    let allowed = perIp ? (await perIp.limit({ key: `ip:${ip}` })).success : true;
    if (allowed && perUser) {
      const username = await usernameOf(c);
      if (username !== undefined) {
        const key = `user:${ip}:${await sha256Hex(username)}`;
        allowed = (await perUser.limit({ key })).success;
      }
    }
    if (!allowed) return rateLimited('Too many login attempts; try again later', retryAfter);
    await next();
  };
}
