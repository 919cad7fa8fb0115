import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';

/** The cookie's name without its `__Secure-` prefix (the browser sees `__Secure-chatomni_session`). */
export const SESSION_COOKIE = 'chatomni_session';
/** The cookie goes to the token routes only: `/api/token`, `/api/token/refresh`, `/api/token/logout`. */
export const SESSION_COOKIE_PATH = '/api/token';
/** How long "Ghi nhớ đăng nhập" lasts from the login, in seconds (30 days; refreshes keep it). */
export const REMEMBER_SECONDS = 30 * 24 * 60 * 60;
/*
 * Browsers keep cookies up to 4096 bytes (name, value and attributes); a sealed token that
 * would not fit is not kept rather than silently cut.
 */
const MAX_COOKIE_BYTES = 4000;

/**
 * `Set-Cookie` of the sign-in cookie holding `sealed` for `maxAge` seconds:
 * `__Secure-chatomni_session=<sealed>; Max-Age=<s>; Path=/api/token; HttpOnly; Secure;
 * SameSite=Strict`. Null when it would be too large for a browser to keep.
 */
export function sessionCookie(sealed: string, maxAge: number): string | null {
  const cookie = generateCookie(SESSION_COOKIE, sealed, {
    prefix: 'secure',
    path: SESSION_COOKIE_PATH,
    maxAge: Math.max(0, Math.floor(maxAge)),
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
  });
  return cookie.length > MAX_COOKIE_BYTES ? null : cookie;
}

/** `Set-Cookie` that removes the sign-in cookie (same name and path, empty, `Max-Age=0`). */
export function clearedSessionCookie(): string {
  return generateCookie(SESSION_COOKIE, '', {
    prefix: 'secure',
    path: SESSION_COOKIE_PATH,
    maxAge: 0,
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
  });
}

/** The sealed value of the request's sign-in cookie, or undefined without one. */
export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, SESSION_COOKIE, 'secure');
  return value === '' ? undefined : value;
}
