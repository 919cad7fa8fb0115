import type { ProxyConfig } from '../config.js';
import { ErrorCode, proxyError, upstreamFailure } from '../errors.js';
import { appVersionFor, upstreamRequestHeaders } from '../upstream/headers.js';
import { jwtClaims } from '../upstream/jwt.js';
import { readBounded } from '../upstream/secrets.js';
import { sha256Hex } from './request.js';

/** How long a caller's page tokens are reused without asking TPOS again. */
export const PAGE_TOKEN_TTL_MS = 5 * 60_000;
/** Callers remembered at most (the oldest is dropped first). */
const MAX_CALLERS = 500;
const PAGES_PATH = '/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs';

/** Who is sending: what TPOS lets this bearer send as, and whose keys its sends use. */
export interface Caller {
  /** SHA-256 of the bearer: the cache key, never the bearer itself. */
  bearerHash: string;
  /** The user the idempotency keys belong to (see {@link scopeOf}). */
  scope: string;
  /** Page id → the page's access token (null when TPOS holds none for it). */
  pages: ReadonlyMap<string, string | null>;
}

/*
 * Callers by the hash of their bearer. The one per-user thing at module level, as issue 13
 * allows: an entry is only found with the very bearer TPOS accepted for it, lives minutes,
 * is never logged, and a page token is never shared with another bearer.
 */
const callers = new Map<string, { expires: number; caller: Caller }>();

/** Forgets a caller's page tokens (Graph said one is invalid: the page was reconnected). */
export function forgetCaller(bearerHash: string): void {
  callers.delete(bearerHash);
}

/**
 * The user behind a bearer TPOS accepted: tenant and user id from its JWT claims, so that
 * keys survive a token refresh or a new login; a hash of the bearer when the token carries
 * no user. TPOS has verified the signature by answering, so the claims can be trusted.
 */
export function scopeOf(bearer: string, bearerHash: string): string {
  const claims = jwtClaims(bearer);
  const tenant = claims?.TenantId;
  const user = claims && (claims.UserId ?? claims.sub ?? claims.nameid ?? claims.UserName);
  if (typeof tenant === 'string' && (typeof user === 'string' || typeof user === 'number')) {
    return `user:${tenant}:${user}`;
  }
  // Not a JWT we can read: the bearer itself identifies the caller.
  return `bearer:${bearerHash}`;
}

/** Every page (an object with `Facebook_PageId`) at any depth of a GetAllFacebook answer. */
function collectPages(value: unknown, into: Map<string, string | null>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectPages(item, into);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const id = record.Facebook_PageId;
  const token = record.Facebook_PageToken;
  if (typeof id === 'string' && id !== '') {
    into.set(id, typeof token === 'string' && token !== '' ? token : null);
  }
  collectPages(record.Childs, into);
  if (Array.isArray(record.value)) collectPages(record.value, into);
}

async function fetchPages(config: ProxyConfig, bearer: string, signal: AbortSignal) {
  const headers = upstreamRequestHeaders(
    new Headers({ authorization: `Bearer ${bearer}`, accept: 'application/json' }),
    config.apiBase,
    appVersionFor(config.apiBase, config.appVersionDefault),
  );
  let response: Response;
  try {
    response = await fetch(new URL(PAGES_PATH, config.apiBase), { headers, signal });
  } catch {
    throw upstreamFailure(signal);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw proxyError(401, ErrorCode.Unauthorized, 'TPOS did not accept the access token');
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw proxyError(502, ErrorCode.BadGateway, 'TPOS did not list the pages');
  }
  const pages = new Map<string, string | null>();
  try {
    collectPages(JSON.parse(new TextDecoder().decode(await readBounded(response.body))), pages);
  } catch (err) {
    if (signal.aborted) throw upstreamFailure(signal);
    if (err instanceof SyntaxError)
      throw proxyError(502, ErrorCode.BadGateway, 'TPOS did not list the pages');
    throw err;
  }
  return pages;
}

/**
 * The caller behind `bearer`, with the pages TPOS gives them: from the cache when this
 * bearer was accepted less than {@link PAGE_TOKEN_TTL_MS} ago, else from GetAllFacebook.
 * @throws HTTPException 401 when TPOS refuses the bearer, 502/504 when TPOS fails.
 */
export async function callerOf(
  config: ProxyConfig,
  bearer: string,
  signal: AbortSignal,
): Promise<Caller> {
  const bearerHash = await sha256Hex(bearer);
  const now = Date.now();
  const cached = callers.get(bearerHash);
  if (cached && cached.expires > now) return cached.caller;
  const caller = {
    bearerHash,
    scope: scopeOf(bearer, bearerHash),
    pages: await fetchPages(config, bearer, signal),
  };
  callers.delete(bearerHash);
  callers.set(bearerHash, { expires: now + PAGE_TOKEN_TTL_MS, caller });
  for (const [hash, entry] of callers) {
    if (callers.size <= MAX_CALLERS && entry.expires > now) break;
    callers.delete(hash);
  }
  return caller;
}
