import { ErrorCode, proxyError } from '../errors.js';
import { cleanHeaders } from './headers.js';

/**
 * Secret fields TPOS is known to put in CRMTeam answers (PROTOCOL §4, issue 13). Any other
 * field whose name contains `token`, `secret` or `password` (any case) goes too: a new
 * upstream field is dropped before anyone has heard of it.
 */
export const SECRET_FIELDS: readonly string[] = [
  'Facebook_PageToken',
  'Facebook_PagePrivateToken',
  'Facebook_UserToken',
  'OwnerToken',
  'ChannelToken',
  'ChannelRefreshToken',
  'ShopToken',
  'ZaloSecretKey',
];

const SECRET_NAME = /token|secret|password/i;
const NAMED = new Set(SECRET_FIELDS);

/** Largest upstream answer read to remove secrets; a larger one is a 502, never passed on. */
export const MAX_CHECKED_BYTES = 4 * 1024 * 1024;

/** Whether a JSON field of that name is a secret the browser must not see. */
export function isSecretField(name: string): boolean {
  return NAMED.has(name) || SECRET_NAME.test(name);
}

/** A copy of a JSON value without secret fields, in objects and arrays at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (!isSecretField(name)) copy[name] = withoutSecrets(field);
  }
  return copy;
}

/**
 * The whole of `body`, refused past `limit` bytes (the rest is not read).
 * @throws HTTPException 502 `bad_gateway` when the body is larger.
 */
export async function readBounded(
  body: ReadableStream<Uint8Array>,
  limit: number = MAX_CHECKED_BYTES,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw proxyError(502, ErrorCode.BadGateway, 'The upstream answer is too large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The upstream answer without secret fields: read whole (up to `limit` bytes), parsed,
 * cleaned with {@link withoutSecrets} and written again with the same status. An empty
 * body passes; a body that is not JSON is dropped (a 2xx one becomes a 502, since the
 * widgets cannot use it either), so nothing unchecked leaves the Worker.
 * @throws HTTPException 502 `bad_gateway` for an answer over `limit` or a 2xx non-JSON one.
 */
export async function stripSecrets(
  response: Response,
  limit: number = MAX_CHECKED_BYTES,
): Promise<Response> {
  const bytes = response.body ? await readBounded(response.body, limit) : new Uint8Array();
  const headers = cleanHeaders(response.headers);
  for (const name of ['content-length', 'content-encoding', 'etag', 'content-md5']) {
    headers.delete(name);
  }
  const init = { status: response.status, statusText: response.statusText, headers };
  if (bytes.byteLength === 0) return new Response(null, init);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    if (response.ok) {
      throw proxyError(502, ErrorCode.BadGateway, 'The upstream answer is not JSON');
    }
    headers.delete('content-type');
    return new Response(null, init);
  }
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(withoutSecrets(parsed)), init);
}
