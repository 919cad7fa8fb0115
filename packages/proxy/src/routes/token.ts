import { Hono } from 'hono';
import { ErrorCode, methodNotAllowed, proxyError } from '../errors.js';
import { maxBody } from '../middleware/max-body.js';
import { upstreamDeadline } from '../middleware/deadline.js';
import type { ProxyEnv } from '../types.js';
import { forward } from '../upstream/forward.js';
import { appVersionFor, upstreamRequestHeaders } from '../upstream/headers.js';

/** What a token request must contain, by grant type (PROTOCOL §2). */
const REQUIRED_FIELDS: Record<string, readonly string[]> = {
  password: ['username', 'password'],
  refresh_token: ['refresh_token'],
};

/** Throws a 400 naming what is wrong with a token request body; never echoes a value. */
function validateGrant(form: URLSearchParams): void {
  const grant = form.get('grant_type');
  const required = grant ? REQUIRED_FIELDS[grant] : undefined;
  if (!required) {
    throw proxyError(400, ErrorCode.BadRequest, 'grant_type must be password or refresh_token');
  }
  const missing = required.filter((field) => !form.get(field));
  if (missing.length > 0) {
    throw proxyError(
      400,
      ErrorCode.BadRequest,
      `grant_type=${grant} requires ${missing.join(' and ')}`,
    );
  }
}

/**
 * `POST /api/token`: the password or refresh grant, forwarded to `<TPOS_API_BASE>/token`
 * with a clean header set. The proxy keeps no token: the upstream status and JSON go back
 * to the caller (with `Cache-Control: no-store`) and nowhere else.
 */
export const tokenRoutes = new Hono<ProxyEnv>()
  .post('/', maxBody(), upstreamDeadline(), async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (type.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
      throw proxyError(
        400,
        ErrorCode.BadRequest,
        'Content-Type must be application/x-www-form-urlencoded',
      );
    }
    const body = await c.req.text();
    validateGrant(new URLSearchParams(body));
    const { apiBase, appVersionDefault } = c.var.config;
    const headers = upstreamRequestHeaders(
      c.req.raw.headers,
      apiBase,
      appVersionFor(apiBase, appVersionDefault),
      ['accept'],
    );
    headers.set('content-type', 'application/x-www-form-urlencoded');
    const response = await forward({
      url: new URL('/token', apiBase),
      method: 'POST',
      headers,
      body,
      signal: c.var.upstreamSignal,
    });
    response.headers.set('cache-control', 'no-store');
    return response;
  })
  .all('/', () => methodNotAllowed(['POST']));
