import type { Context } from 'hono';
import type { ProxyEnv } from '../types.js';
import { clearedSessionCookie, sessionCookie } from './cookie.js';
import type { Identity } from './identity.js';
import { sessionKey } from './key.js';
import { sealSession } from './seal.js';

/**
 * The `Set-Cookie` that keeps `refreshToken` for `identity` until `expires` (epoch
 * seconds; `Max-Age` counts from `now`, default the current second), sealed under
 * `SESSION_KEY` with the upstream it belongs to; the clearing one when there is no refresh
 * token to keep or it would not fit in a cookie.
 * @throws ConfigError when `SESSION_KEY` is missing or malformed.
 */
export async function keepSignIn(
  c: Context<ProxyEnv>,
  refreshToken: unknown,
  identity: Identity,
  expires: number,
  now: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  if (typeof refreshToken !== 'string' || refreshToken === '') return clearedSessionCookie();
  const sealed = await sealSession(await sessionKey(c.env), {
    ...identity,
    refreshToken,
    upstream: c.get('config').apiBase.origin,
    expires,
  });
  return sessionCookie(sealed, expires - now) ?? clearedSessionCookie();
}

/**
 * A token answer for the browser: the upstream JSON without `refresh_token` (which stays in
 * the cookie, if anywhere), `Cache-Control: no-store`, and the cookie's `Set-Cookie`.
 */
export function browserTokenAnswer(
  answer: Record<string, unknown>,
  status: number,
  setCookie: string,
): Response {
  const { refresh_token: _kept, ...visible } = answer;
  return new Response(JSON.stringify(visible), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': setCookie,
    },
  });
}
