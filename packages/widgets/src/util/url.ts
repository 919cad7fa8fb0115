/**
 * URL helpers shared by the core and the elements. Everything that came from the network or
 * from markup passes through `safeHttpUrl` before it reaches an `href`, `src` or `fetch`.
 */

/** Longest URL accepted; longer values are treated as garbage. */
const MAX_URL_LENGTH = 4096;

/**
 * Returns `value` as a normalized absolute http(s) URL, or `undefined` for anything else
 * (relative URLs, `javascript:`, `data:`, non-strings, over-long strings).
 */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL_LENGTH) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** `base` without trailing slashes. */
export function trimTrailingSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

/** Where one Socket.IO server lives, in the shape `io(url, { path })` wants. */
export interface RealtimeTarget {
  /** Origin plus the `/chatomni` namespace, e.g. `https://shop.example/chatomni`. */
  url: string;
  /** Engine.IO path, e.g. `/ws/rt/socket.io`. */
  path: string;
}

/**
 * Splits a realtime server URL into the namespace URL and the Engine.IO path.
 *
 * `https://shop.example/ws/rt` → `{url: 'https://shop.example/chatomni', path: '/ws/rt/socket.io'}`;
 * `http://127.0.0.1:9002` → `{url: 'http://127.0.0.1:9002/chatomni', path: '/socket.io'}`.
 * `ws:` and `wss:` are accepted and mapped to `http:` and `https:`.
 *
 * @param socketPath the Engine.IO path on that server (default `/socket.io`).
 * @throws TypeError when the URL is not absolute http(s)/ws(s).
 */
export function realtimeTarget(serverUrl: string, socketPath = '/socket.io'): RealtimeTarget {
  const url = new URL(serverUrl.replace(/^ws(s?):/i, 'http$1:'));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Unsupported realtime URL scheme: ${url.protocol}`);
  }
  const prefix = trimTrailingSlash(url.pathname);
  const path = `${prefix}/${socketPath.replace(/^\/+/, '')}`;
  return { url: `${url.origin}/chatomni`, path };
}
