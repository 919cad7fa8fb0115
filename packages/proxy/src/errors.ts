import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConfigError } from './config.js';

/**
 * Codes of the errors the proxy itself produces (pass-through upstream errors keep their
 * own body). The widgets translate codes, never messages.
 */
export const ErrorCode = {
  BadRequest: 'bad_request',
  Unauthorized: 'unauthorized',
  ForbiddenOrigin: 'forbidden_origin',
  NotFound: 'not_found',
  MethodNotAllowed: 'method_not_allowed',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  UpgradeRequired: 'upgrade_required',
  Internal: 'internal_error',
  Misconfigured: 'misconfigured',
  BadGateway: 'bad_gateway',
  GatewayTimeout: 'gateway_timeout',
  // POST /api/send, before anything is posted.
  PageNotAllowed: 'page_not_allowed',
  TextTooLong: 'text_too_long',
  IdempotencyKeyReused: 'idempotency_key_reused',
  SendInProgress: 'send_in_progress',
  // POST /api/send: what the Send API answered (see send/graph-errors.ts).
  OutsideWindow: 'outside_window',
  RecipientUnavailable: 'recipient_unavailable',
  PageTokenInvalid: 'page_token_invalid',
  RateLimited: 'rate_limited',
  MessageInvalid: 'message_invalid',
  PermissionDenied: 'permission_denied',
  GraphUnavailable: 'graph_unavailable',
  ReplyAlreadySent: 'reply_already_sent',
  CommentTooOld: 'comment_too_old',
  GraphError: 'graph_error',
  SendUnconfirmed: 'send_unconfirmed',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one JSON body of every error the proxy produces. */
export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: string;
    /** Seconds to wait before trying again (also sent as `Retry-After`), when known. */
    retryAfter?: number;
  };
}

/**
 * A JSON error response `{"error":{"code","message"}}`. `message` must be a fixed text
 * written by us: never echo a request body, header, token or upstream error into it.
 */
export function errorResponse(
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
): Response {
  return envelopeResponse(status, { error: { code, message } }, headers);
}

function envelopeResponse(
  status: ContentfulStatusCode,
  body: ErrorEnvelope,
  headers?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

/** A 429 `rate_limited` envelope; `Retry-After` and `error.retryAfter` both say when (seconds). */
export function rateLimited(message: string, retryAfter: number): Response {
  const body: ErrorEnvelope = { error: { code: ErrorCode.RateLimited, message, retryAfter } };
  return envelopeResponse(429, body, { 'retry-after': String(retryAfter) });
}

/** An {@link HTTPException} whose response is the error envelope (throw it from anywhere). */
export function proxyError(
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
): HTTPException {
  return new HTTPException(status, {
    message,
    res: errorResponse(status, code, message, headers),
  });
}

/** A 405 `method_not_allowed` envelope with its `Allow` header. */
export function methodNotAllowed(allow: readonly string[]): Response {
  return errorResponse(405, ErrorCode.MethodNotAllowed, `Allowed methods: ${allow.join(', ')}`, {
    allow: allow.join(', '),
  });
}

/** The 504 `gateway_timeout` of an upstream that did not answer within `UPSTREAM_TIMEOUT_MS`. */
export function upstreamTimeout(): HTTPException {
  return proxyError(504, ErrorCode.GatewayTimeout, 'The upstream server did not answer in time');
}

/**
 * The error of an upstream fetch that threw: 504 when `signal` (the deadline) aborted it,
 * else 502 `bad_gateway`. The thrown error itself is not used: its text can name the URL
 * or socket details, which stay out of responses.
 */
export function upstreamFailure(signal: AbortSignal): HTTPException {
  if (signal.aborted) return upstreamTimeout();
  return proxyError(502, ErrorCode.BadGateway, 'The upstream server could not be reached');
}

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return ErrorCode.NotFound;
  if (status === 405) return ErrorCode.MethodNotAllowed;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 504) return ErrorCode.GatewayTimeout;
  if (status === 502) return ErrorCode.BadGateway;
  return status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal;
}

/**
 * The answer to an error thrown while handling a request (the app's `onError`): an
 * HTTPException's own envelope, a 500 `misconfigured` naming the var of a ConfigError, or a
 * 500 `internal_error` that says nothing of what went wrong (the request log does).
 */
export function errorAnswer(err: Error): Response {
  if (err instanceof HTTPException) {
    if (err.res) return err.getResponse();
    // Hono's own exceptions carry a text body; answer with the envelope instead.
    return errorResponse(err.status, codeForStatus(err.status), 'Request refused');
  }
  if (err instanceof ConfigError) return errorResponse(500, ErrorCode.Misconfigured, err.message);
  return errorResponse(500, ErrorCode.Internal, 'Internal error');
}
