import { proxy } from 'hono/proxy';
import { ErrorCode, proxyError } from '../errors.js';
import { cleanResponse, learnAppVersion } from './headers.js';

/** One upstream request, already cleaned by the route. */
export interface UpstreamRequest {
  /** Absolute upstream URL (the route has checked its origin). */
  url: URL;
  method: string;
  headers: Headers;
  /** Streamed through as is; null for GET/HEAD. */
  body: ReadableStream<Uint8Array> | string | null;
  /** Aborts the fetch (the deadline). */
  signal: AbortSignal;
}

/**
 * Sends `request` upstream with `hono/proxy` (no browser headers are added, hop-by-hop
 * and encoding headers are handled) and returns the upstream status and body unchanged,
 * minus cookies, hop-by-hop and CORS headers. Learns `tposappversion` from the response.
 * @throws HTTPException 502 `bad_gateway` when the upstream cannot be reached, 504
 *   `gateway_timeout` when `signal` aborted it.
 */
export async function forward(request: UpstreamRequest): Promise<Response> {
  let response: Response;
  try {
    response = await proxy(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      // Node's fetch needs this for a streamed body; workerd ignores it.
      ...({ duplex: 'half' } as object),
    });
  } catch {
    // The error text may name the URL or socket details; it stays out of the response.
    if (request.signal.aborted) {
      throw proxyError(504, ErrorCode.GatewayTimeout, 'The upstream server did not answer in time');
    }
    throw proxyError(502, ErrorCode.BadGateway, 'The upstream server could not be reached');
  }
  learnAppVersion(request.url, response);
  return cleanResponse(response);
}
