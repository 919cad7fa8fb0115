import { ErrorCode } from '../errors.js';
import { sendFailure, type SendResult } from './result.js';

/** Wait suggested after a rate limit when Graph gives no time. */
const RATE_LIMIT_FALLBACK_S = 60;
/** Wait suggested after a temporary Graph error. */
const TEMPORARY_FALLBACK_S = 30;
const MAX_RETRY_AFTER_S = 3600;
/** Graph's usage headers; `estimated_time_to_regain_access` is in minutes. */
const USAGE_HEADERS = ['x-business-use-case-usage', 'x-page-usage', 'x-app-usage'];

/** A Graph `{error:{code, error_subcode}}`, when the answer has one. */
export interface GraphError {
  code: number;
  subcode?: number;
  fbtraceId?: string;
}

function largestRegainMinutes(value: unknown): number {
  if (Array.isArray(value)) return Math.max(0, ...value.map(largestRegainMinutes));
  if (!value || typeof value !== 'object') return 0;
  let most = 0;
  for (const [name, field] of Object.entries(value)) {
    if (name === 'estimated_time_to_regain_access' && typeof field === 'number') {
      most = Math.max(most, field);
    } else most = Math.max(most, largestRegainMinutes(field));
  }
  return most;
}

/** Seconds before a retry may succeed: `Retry-After`, else Graph's usage headers, else `fallback`. */
export function retryAfterOf(headers: Headers, fallback: number): number {
  const header = Number(headers.get('retry-after'));
  let seconds = Number.isFinite(header) && header > 0 ? header : 0;
  for (const name of USAGE_HEADERS) {
    const text = headers.get(name);
    if (!text) continue;
    try {
      seconds = Math.max(seconds, largestRegainMinutes(JSON.parse(text)) * 60);
    } catch {
      // An unreadable usage header says nothing.
    }
  }
  return Math.min(MAX_RETRY_AFTER_S, Math.ceil(seconds || fallback));
}

/**
 * Our answer for a Graph error (Messenger Platform, Common Error Codes). Nothing was
 * posted when Graph answers with an error, so none of these is kept under its key.
 */
export function mapGraphError(error: GraphError, headers: Headers): SendResult {
  const { code, subcode } = error;
  if (code === 10 && subcode === 2018278) {
    return sendFailure(
      422,
      ErrorCode.OutsideWindow,
      'The customer last wrote more than 24 hours ago; Facebook allows no reply now',
    );
  }
  if (code === 551) {
    return sendFailure(
      422,
      ErrorCode.RecipientUnavailable,
      'The customer cannot receive messages right now',
    );
  }
  if (code === 190) {
    return sendFailure(
      422,
      ErrorCode.PageTokenInvalid,
      "The page's Facebook connection is invalid or expired; reconnect the page in TPOS",
    );
  }
  if (code === 4 || code === 17 || code === 32 || code === 613) {
    const wait = retryAfterOf(headers, RATE_LIMIT_FALLBACK_S);
    return sendFailure(
      429,
      ErrorCode.RateLimited,
      "Facebook is limiting this page's sends; try again later",
      wait,
    );
  }
  if (code === 10900) {
    return sendFailure(
      422,
      ErrorCode.ReplyAlreadySent,
      'This comment already has its private reply',
    );
  }
  if (code === 10903) {
    return sendFailure(
      422,
      ErrorCode.CommentTooOld,
      'This comment can no longer get a private reply (it is over 7 days old)',
    );
  }
  if (code === 100) {
    return sendFailure(422, ErrorCode.MessageInvalid, 'Facebook refused the message as invalid');
  }
  if (code === 1 || code === 2) {
    const wait = retryAfterOf(headers, TEMPORARY_FALLBACK_S);
    return sendFailure(
      503,
      ErrorCode.GraphUnavailable,
      'Facebook had a temporary error; try again later',
      wait,
    );
  }
  if (code === 10 || code === 3 || (code >= 200 && code <= 299)) {
    return sendFailure(
      422,
      ErrorCode.PermissionDenied,
      "The page's Facebook app lacks permission to send this message",
    );
  }
  return sendFailure(502, ErrorCode.GraphError, 'Facebook refused the message');
}
