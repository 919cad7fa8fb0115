/**
 * The sign-in cookie as a test sees it: a fresh `SESSION_KEY`, the cookie's exact attributes,
 * and sealing/opening values with the test's key (through the proxy's own code, on Node's
 * WebCrypto) to forge tampered, stale or other users' cookies.
 */
import { sessionKey } from '../../src/session/key.js';
import { openSession, sealSession, type SavedSession } from '../../src/session/seal.js';

/** The cookie's name as the browser sees it. */
export const COOKIE_NAME = '__Secure-chatomni_session';
/** Attributes after the value of a kept sign-in (30 days). */
export const COOKIE_ATTRIBUTES =
  'Max-Age=2592000; Path=/api/token; HttpOnly; Secure; SameSite=Strict';
/** The exact `Set-Cookie` that clears it. */
export const CLEARED_COOKIE = `${COOKIE_NAME}=; Max-Age=0; Path=/api/token; HttpOnly; Secure; SameSite=Strict`;

/** A new random `SESSION_KEY` (32 bytes, base64). */
export function newSessionKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
}

/** The sealed value of a `Set-Cookie` of the sign-in cookie ('' when cleared). */
export function cookieValue(setCookie: string | null): string {
  const match = new RegExp(`^${COOKIE_NAME}=([^;]*);`).exec(setCookie ?? '');
  if (!match) throw new Error(`not the sign-in cookie: ${setCookie}`);
  return match[1]!;
}

/** `Cookie` request header carrying `value`. */
export function cookieHeader(value: string): string {
  return `${COOKIE_NAME}=${value}`;
}

/** What a sealed value holds, opened with `secret`. */
export async function openCookie(secret: string, value: string): Promise<SavedSession | null> {
  return openSession(await sessionKey({ SESSION_KEY: secret }), value);
}

/** A value sealed with `secret`, as the proxy would seal it. */
export async function sealCookie(secret: string, session: SavedSession): Promise<string> {
  return sealSession(await sessionKey({ SESSION_KEY: secret }), session);
}

/** `value` with one character of its ciphertext changed. */
export function tamper(value: string): string {
  const at = value.length - 5;
  const swapped = value[at] === 'A' ? 'B' : 'A';
  return value.slice(0, at) + swapped + value.slice(at + 1);
}

/** An unsigned JWT with these claims (the proxy reads claims without checking signatures). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}
