import { proxy } from 'hono/proxy';
import { upstreamFailure } from '../errors.js';
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
    throw upstreamFailure(request.signal);
  }
  learnAppVersion(request.url, response);
  return cleanResponse(response);
}
