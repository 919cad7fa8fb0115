import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorCode, type ErrorEnvelope } from '../errors.js';

/** The body of a successful `POST /api/send`. */
export interface SendSuccess {
  /** The Messenger message id (`m_…`); the echo's `Data.id` carries the same. */
  messageId: string;
  /** The customer's PSID (for a private reply: the commenter's). */
  recipientId: string;
}

/**
 * The outcome of one send, as answered and as kept under its idempotency key: plain data,
 * so the Durable Object can store it and hand it back to a retry unchanged.
 */
export interface SendResult {
  status: ContentfulStatusCode;
  body: SendSuccess | ErrorEnvelope;
  /** Seconds, for `Retry-After`. */
  retryAfter?: number;
}

/** A failed {@link SendResult}; `message` is a fixed text of ours, never Graph's or TPOS's. */
export function sendFailure(
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  retryAfter?: number,
): SendResult {
  return {
    status,
    body: { error: { code, message, ...(retryAfter === undefined ? {} : { retryAfter }) } },
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

/** The HTTP answer of a result; `replayed` marks one handed back for a repeated key. */
export function resultResponse(result: SendResult, replayed: boolean): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (result.retryAfter !== undefined) headers['retry-after'] = String(result.retryAfter);
  if (replayed) headers['idempotent-replayed'] = 'true';
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

/**
 * The answer when nobody can tell whether Facebook posted the message (the Graph call
 * timed out, its connection broke, or its Worker went away): kept under the key, so a
 * retry never posts a second copy.
 */
export function unconfirmedResult(status: 502 | 504 = 502): SendResult {
  return sendFailure(
    status,
    ErrorCode.SendUnconfirmed,
    'Facebook did not confirm the send; look for it in the conversation before sending again',
  );
}
