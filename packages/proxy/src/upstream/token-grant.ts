import type { Context } from 'hono';
import { ErrorCode, proxyError } from '../errors.js';
import type { ProxyEnv } from '../types.js';
import { forward } from './forward.js';
import { appVersionFor, upstreamRequestHeaders } from './headers.js';
import { readBounded } from './secrets.js';

/** OAuth client id of the TPOS web app (PROTOCOL §2). */
export const CLIENT_ID = 'tmtWebApp';

/** Largest token answer read; TPOS's is well under 4 KiB. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Posts a grant (`body`, form-urlencoded) to `<TPOS_API_BASE>/token` with the clean header
 * set (the browser's `Accept` only, plus the tenant's headers) under the route's deadline,
 * and notes TPOS's status for the request log.
 * @throws HTTPException 502/504 when the upstream cannot be reached or is too slow.
 */
export async function tokenGrant(c: Context<ProxyEnv>, body: string): Promise<Response> {
  const { apiBase, appVersionDefault } = c.get('config');
  const headers = upstreamRequestHeaders(
    c.req.raw.headers,
    apiBase,
    appVersionFor(apiBase, appVersionDefault),
    ['accept'],
  );
  headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await forward({
    url: new URL('/token', apiBase),
    method: 'POST',
    headers,
    body,
    signal: c.get('upstreamSignal'),
  });
  c.set('upstreamStatus', response.status);
  return response;
}

/**
 * The JSON object of a successful token answer.
 * @throws HTTPException 502 `bad_gateway` when it is not one (or is too large).
 */
export async function readTokenAnswer(response: Response): Promise<Record<string, unknown>> {
  const bytes = response.body ? await readBounded(response.body, MAX_ANSWER_BYTES) : null;
  let answer: unknown;
  try {
    answer = JSON.parse(new TextDecoder().decode(bytes ?? new Uint8Array()));
  } catch {
    answer = null;
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    throw proxyError(502, ErrorCode.BadGateway, 'The upstream token answer is not a JSON object');
  }
  const token = (answer as Record<string, unknown>).access_token;
  if (typeof token !== 'string' || token === '') {
    throw proxyError(502, ErrorCode.BadGateway, 'The upstream token answer has no access token');
  }
  return answer as Record<string, unknown>;
}
