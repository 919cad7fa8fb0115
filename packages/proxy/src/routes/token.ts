import { Hono } from 'hono';
import { ErrorCode, methodNotAllowed, proxyError } from '../errors.js';
import { assertCookieOrigin } from '../middleware/cookie-origin.js';
import { loginRateLimit } from '../middleware/login-rate-limit.js';
import { maxBody } from '../middleware/max-body.js';
import { upstreamDeadline } from '../middleware/deadline.js';
import { browserTokenAnswer, keepSignIn } from '../session/answer.js';
import { REMEMBER_SECONDS, clearedSessionCookie } from '../session/cookie.js';
import { identityOfAnswer } from '../session/identity.js';
import { sessionKey } from '../session/key.js';
import type { ProxyEnv } from '../types.js';
import { readTokenAnswer, tokenGrant } from '../upstream/token-grant.js';

/** The proxy's own field of a login: "Ghi nhớ đăng nhập" (`1`) or not (`0`, or absent). */
const REMEMBER_FIELD = 'remember';

/** Throws a 400 naming what is wrong with a login body; never echoes a value. */
function validateLogin(form: URLSearchParams): void {
  const grant = form.get('grant_type');
  if (grant === 'refresh_token') {
    throw proxyError(
      400,
      ErrorCode.BadRequest,
      'grant_type=refresh_token is not accepted: refresh with POST /api/token/refresh',
    );
  }
  if (grant !== 'password') {
    throw proxyError(400, ErrorCode.BadRequest, 'grant_type must be password');
  }
  const missing = ['username', 'password'].filter((field) => !form.get(field));
  if (missing.length > 0) {
    throw proxyError(
      400,
      ErrorCode.BadRequest,
      `grant_type=password requires ${missing.join(' and ')}`,
    );
  }
  const remember = form.getAll(REMEMBER_FIELD);
  if (remember.length > 1 || (remember.length === 1 && !['0', '1'].includes(remember[0]!))) {
    throw proxyError(400, ErrorCode.BadRequest, 'remember must be 1 or 0');
  }
}

/**
 * The body TPOS gets: the browser's bytes without the `remember` field (other fields keep
 * their exact encoding).
 */
function withoutRemember(body: string): string {
  return body
    .split('&')
    .filter((pair) => new URLSearchParams(pair).keys().next().value !== REMEMBER_FIELD)
    .join('&');
}

/**
 * `POST /api/token`: the password grant (form-urlencoded), forwarded to
 * `<TPOS_API_BASE>/token` with a clean header set. The answer comes back without
 * `refresh_token`, with `Cache-Control: no-store`. With `remember=1` (stripped before
 * forwarding) TPOS's refresh token is kept in the sign-in cookie for
 * `POST /api/token/refresh`; without it the cookie is cleared. Attempts are rate limited
 * per client IP and per IP and username (`loginRateLimit`).
 */
export const tokenRoutes = new Hono<ProxyEnv>()
  .post('/', maxBody(), loginRateLimit(), upstreamDeadline(), async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (type.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
      throw proxyError(
        400,
        ErrorCode.BadRequest,
        'Content-Type must be application/x-www-form-urlencoded',
      );
    }
    const body = await c.req.text();
    const form = new URLSearchParams(body);
    validateLogin(form);
    const remember = form.get(REMEMBER_FIELD) === '1';
    if (remember) {
      // Refused before the password goes anywhere: no cookie for another site, no login
      // that cannot be kept.
      assertCookieOrigin(c);
      await sessionKey(c.env);
    }
    const response = await tokenGrant(c, withoutRemember(body));
    if (!response.ok) {
      // A refusal (wrong password) passes through as TPOS wrote it; the cookie is not touched.
      response.headers.set('cache-control', 'no-store');
      return response;
    }
    const answer = await readTokenAnswer(response);
    const now = Math.floor(Date.now() / 1000);
    const cookie = remember
      ? await keepSignIn(
          c,
          answer.refresh_token,
          identityOfAnswer(answer),
          now + REMEMBER_SECONDS,
          now,
        )
      : // Without the box nothing is kept, and an older sign-in kept here is forgotten.
        clearedSessionCookie();
    return browserTokenAnswer(answer, response.status, cookie);
  })
  .all('/', () => methodNotAllowed(['POST']));
