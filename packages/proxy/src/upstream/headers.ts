import { APP_VERSION_PATTERN } from '../config.js';

/** Request headers copied from the browser; every other browser header is dropped. */
export const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept'] as const;

/**
 * Response headers never passed back: cookies (the proxy is cookie-free), hop-by-hop
 * headers, upstream CORS headers (the proxy answers CORS itself) and `X-Powered-By`.
 */
const DROPPED_RESPONSE_HEADERS = new Set([
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
  'x-powered-by',
]);

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
 * Built as one record (one conversion in the runtime, not a call per header).
 */
export function upstreamRequestHeaders(
  incoming: Headers,
  upstream: URL,
  appVersion: string,
  pick: readonly string[] = FORWARDED_REQUEST_HEADERS,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of pick) {
    const value = incoming.get(name);
    if (value !== null) headers[name] = value;
  }
  headers.origin = upstream.origin;
  headers.referer = `${upstream.origin}/`;
  headers['x-tpos-lang'] = 'vi';
  headers['feature-version'] = '2';
  headers.tposappversion = appVersion;
  return headers;
}

/**
 * Deletes from `headers` what the upstream sent and the browser must not get: cookies,
 * hop-by-hop and CORS headers, and `Content-Encoding` with the encoded `Content-Length`
 * (the runtime's fetch has already decoded the body). Only names the upstream actually
 * sent are deleted: each Headers call crosses into the runtime.
 */
function removeUnsafeHeaders(headers: Headers, upstream: Headers): void {
  for (const name of upstream.keys()) {
    if (DROPPED_RESPONSE_HEADERS.has(name)) {
      headers.delete(name);
    } else if (name === 'content-encoding') {
      headers.delete(name);
      headers.delete('content-length');
    }
    if (name === 'connection') {
      for (const listed of (upstream.get(name) ?? '').split(',')) {
        const token = listed.trim().toLowerCase();
        if (HEADER_NAME.test(token)) headers.delete(token);
      }
    }
  }
}

/** Upstream response headers without cookies, hop-by-hop, encoding or CORS headers. */
export function cleanHeaders(upstream: Headers): Headers {
  const headers = new Headers(upstream);
  removeUnsafeHeaders(headers, upstream);
  return headers;
}

/**
 * An upstream (non-101) response as the proxy answers it: status and body unchanged,
 * headers as {@link cleanHeaders}. One copy (`new Response(body, response)`), which the
 * middleware then write their own headers into.
 */
export function cleanResponse(response: Response): Response {
  const copy = new Response(response.body, response);
  removeUnsafeHeaders(copy.headers, response.headers);
  return copy;
}
