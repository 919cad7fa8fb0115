import type { ProxyConfig } from '../config.js';
import { upstreamFailure } from '../errors.js';
import {
  appVersionFor,
  cleanResponse,
  learnAppVersion,
  upstreamRequestHeaders,
} from './headers.js';

/** One upstream request, already cleaned by the route. */
export interface UpstreamRequest {
  /** Absolute upstream URL (the route has checked its origin). */
  url: URL;
  method: string;
  /** The whole header set sent (see `upstreamRequestHeaders`); nothing is added. */
  headers: Record<string, string>;
  /** Streamed through as is; null for GET/HEAD. */
  body: ReadableStream<Uint8Array> | string | null;
  /** Aborts the fetch (the deadline). */
  signal: AbortSignal;
}

/** Node's fetch needs this for a streamed body; workerd ignores it. */
const STREAMED = { duplex: 'half' } as object;

/**
 * The upstream request of an allowlisted `/api/*` call, for the app's route and the
 * pass-through alike: `upstreamPath` (path and query after `/api`) on the API's origin, with
 * the caller's headers that go upstream and the tenant's (`upstreamRequestHeaders`).
 */
export function apiRequest(
  config: ProxyConfig,
  incoming: Request,
  upstreamPath: string,
  body: UpstreamRequest['body'],
  signal: AbortSignal,
): UpstreamRequest {
  const { apiBase, appVersionDefault } = config;
  return {
    // Origin + path as one string: a path can never become a host (`//x` stays a path).
    url: new URL(`${apiBase.origin}${upstreamPath}`),
    method: incoming.method,
    headers: upstreamRequestHeaders(
      incoming.headers,
      apiBase,
      appVersionFor(apiBase, appVersionDefault),
    ),
    body,
    signal,
  };
}

/**
 * Sends `request` upstream and returns the upstream status and body unchanged, minus
 * cookies, hop-by-hop, encoding and CORS headers (one copy of the response, which the
 * middleware then add their headers to). Learns `tposappversion` from the response.
 *
 * A plain `fetch`, not `hono/proxy`: the routes build the request's headers from nothing,
 * so there is no browser header to strip, and its extra Request and Response copies were
 * the largest share of the proxy's own time in a CPU profile.
 * @throws HTTPException 502 `bad_gateway` when the upstream cannot be reached, 504
 *   `gateway_timeout` when `signal` aborted it.
 */
export async function forward(request: UpstreamRequest): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      ...STREAMED,
    });
  } catch {
    throw upstreamFailure(request.signal);
  }
  learnAppVersion(request.url, response);
  return cleanResponse(response);
}
