import { APP_VERSION_PATTERN } from '../config.js';

/** Request headers copied from the browser; every other browser header is dropped. */
export const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept'] as const;

/**
 * Response headers never passed back: cookies (the proxy is cookie-free), hop-by-hop
 * headers, and upstream CORS headers (the proxy answers CORS itself).
 */
const DROPPED_RESPONSE_HEADERS = [
  'set-cookie',
  'set-cookie2',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
];

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/*
 * The tposappversion learned from upstream responses, per upstream origin. This is
 * deliberately module-level: it describes the TPOS deployment (the same for every
 * caller), not a user, so sharing it across requests in an isolate leaks nothing.
 */
const learnedAppVersions = new Map<string, string>();

/** The `tposappversion` to send to `upstream`: the learned one, else `fallback`. */
export function appVersionFor(upstream: URL, fallback: string): string {
  return learnedAppVersions.get(upstream.origin) ?? fallback;
}

/** Remembers a valid (`^\d+\.\d+\.\d+\.\d+$`) `tposappversion` header of an upstream response. */
export function learnAppVersion(upstream: URL, response: Response): void {
  const value = response.headers.get('tposappversion')?.trim();
  if (value && value.length <= 64 && APP_VERSION_PATTERN.test(value)) {
    learnedAppVersions.set(upstream.origin, value);
  }
}

/**
 * The clean header set of an upstream REST request: the few browser headers TPOS needs,
 * plus the tenant's own Origin/Referer and the TPOS web app's headers (PROTOCOL §3).
 */
export function upstreamRequestHeaders(
  incoming: Headers,
  upstream: URL,
  appVersion: string,
  pick: readonly string[] = FORWARDED_REQUEST_HEADERS,
): Headers {
  const headers = new Headers();
  for (const name of pick) {
    const value = incoming.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('origin', upstream.origin);
  headers.set('referer', `${upstream.origin}/`);
  headers.set('x-tpos-lang', 'vi');
  headers.set('feature-version', '2');
  headers.set('tposappversion', appVersion);
  return headers;
}

/** Upstream response headers without cookies, hop-by-hop or CORS headers. */
export function cleanHeaders(upstream: Headers): Headers {
  const headers = new Headers(upstream);
  const connection = headers.get('connection');
  if (connection) {
    for (const name of connection.split(',').map((part) => part.trim())) {
      if (HEADER_NAME.test(name)) headers.delete(name);
    }
  }
  for (const name of DROPPED_RESPONSE_HEADERS) headers.delete(name);
  return headers;
}

/** A copy of an upstream (non-101) response with {@link cleanHeaders}. */
export function cleanResponse(response: Response): Response {
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: cleanHeaders(response.headers),
  });
}
