import { Hono } from 'hono';
import { ErrorCode, methodNotAllowed, proxyError } from '../errors.js';
import { cookieOrigin } from '../middleware/cookie-origin.js';
import { maxBody } from '../middleware/max-body.js';
import { upstreamDeadline } from '../middleware/deadline.js';
import { browserTokenAnswer, keepSignIn } from '../session/answer.js';
import { clearedSessionCookie, readSessionCookie } from '../session/cookie.js';
import {
  identityOfAnswer,
  identityOfBearer,
  sameUser,
  type Identity,
} from '../session/identity.js';
import { sessionKey } from '../session/key.js';
import { openSession } from '../session/seal.js';
import type { ProxyEnv } from '../types.js';
import { CLIENT_ID, readTokenAnswer, tokenGrant } from '../upstream/token-grant.js';

/** A 401 that also clears the cookie: it will never work again. */
function refused(message: string) {
  return proxyError(401, ErrorCode.Unauthorized, message, {
    'set-cookie': clearedSessionCookie(),
  });
}

/** What the answer knows, else what the cookie knew (a field TPOS leaves out stays bound). */
function merge(answer: Identity, saved: Identity): Identity {
  return {
    tenant: answer.tenant || saved.tenant,
    userId: answer.userId || saved.userId,
    userName: answer.userName || saved.userName,
  };
}

/**
 * The sign-in cookie's routes, beside `POST /api/token` (see token.ts):
 *
 * - `POST /api/token/refresh`: the cookie's refresh token → TPOS's refresh grant → a new
 *   access token (JSON as from `/api/token`, without `refresh_token`) and the cookie again
 *   with TPOS's new refresh token (same expiry). 204 (no body) without a cookie: nothing is
 *   kept, which is not an error. 401 `unauthorized` and the cookie cleared when it does not
 *   open under `SESSION_KEY` (tampered, another key), has expired, belongs to another
 *   upstream, belongs to another user than the request's `Authorization` bearer (if one is
 *   sent) or than the token TPOS answers, or TPOS refuses it. A TPOS that fails or is
 *   unreachable is a 502/504 and keeps the cookie.
 * - `POST /api/token/logout`: 204, the cookie cleared. TPOS has no revoke endpoint that we
 *   know of: the refresh token is forgotten here, not revoked upstream.
 *
 * Both need an `Origin` the cookie may serve (403 `forbidden_origin` otherwise).
 */
export const tokenSessionRoutes = new Hono<ProxyEnv>()
  .post('/refresh', cookieOrigin(), maxBody(), upstreamDeadline(), async (c) => {
    const sealed = readSessionCookie(c);
    // Nothing kept is not a failure: every page load without "Ghi nhớ đăng nhập" asks, and a
    // 4xx would put an error in its console each time.
    if (sealed === undefined) return c.body(null, 204, { 'cache-control': 'no-store' });
    const saved = await openSession(await sessionKey(c.env), sealed);
    if (!saved || saved.upstream !== c.get('config').apiBase.origin) {
      throw refused('The saved sign-in is not valid');
    }
    if (saved.expires <= Date.now() / 1000) throw refused('The saved sign-in has expired');
    const bearer = identityOfBearer(c.req.header('authorization'));
    if (bearer && !sameUser(bearer, saved)) {
      throw refused('The saved sign-in belongs to another user');
    }
    const response = await tokenGrant(
      c,
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: saved.refreshToken,
        client_id: CLIENT_ID,
      }).toString(),
    );
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw refused('TPOS no longer accepts the saved sign-in');
      }
      throw proxyError(
        502,
        ErrorCode.BadGateway,
        'The upstream server could not refresh the token',
      );
    }
    const answer = await readTokenAnswer(response);
    const identity = identityOfAnswer(answer);
    if (!sameUser(identity, saved)) throw refused('The saved sign-in belongs to another user');
    // TPOS rotates refresh tokens; should it not send one, the old one is kept.
    const cookie = await keepSignIn(
      c,
      answer.refresh_token || saved.refreshToken,
      merge(identity, saved),
      saved.expires,
    );
    return browserTokenAnswer(answer, 200, cookie);
  })
  .all('/refresh', () => methodNotAllowed(['POST']))
  .post('/logout', cookieOrigin(), () => {
    return new Response(null, {
      status: 204,
      headers: { 'cache-control': 'no-store', 'set-cookie': clearedSessionCookie() },
    });
  })
  .all('/logout', () => methodNotAllowed(['POST']));
