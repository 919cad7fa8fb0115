/**
 * Graph API errors as Meta sends them (Messenger Platform, "Common Error Codes"):
 * `{error:{message, type, code, error_subcode, fbtrace_id}}` with a 4xx/5xx status.
 */
import { randomBytes } from 'node:crypto';

/** What a caller (or `POST /__sim/graph/fail`) may say about an error; the rest is filled in. */
export interface GraphErrorSpec {
  code: number;
  subcode?: number;
  /** Default: Meta's text for known codes, else `(#<code>) Simulated error`. */
  message?: string;
  /** Default `OAuthException`. */
  type?: string;
  /** HTTP status. Default 500 for codes 1 and 2 (server side), else 400. */
  status?: number;
}

/** One Graph error answer. */
export interface GraphErrorReply {
  status: number;
  body: {
    error: {
      message: string;
      type: string;
      code: number;
      error_subcode?: number;
      fbtrace_id: string;
    };
  };
  headers?: Record<string, string>;
}

/** The errors the stand-in produces by itself, with Meta's wording. */
export const GRAPH_ERRORS = {
  missingToken: {
    code: 2500,
    message: 'An active access token must be used to query information about the current user.',
  },
  invalidToken: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
  unknownObject: {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message:
      "Unsupported post request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
  },
  invalidParameter: { code: 100, message: '(#100) %s' },
  noMatchingUser: { code: 100, subcode: 2018001, message: '(#100) No matching user found' },
  textTooLong: {
    code: 100,
    message: '(#100) Length of param message[text] must be less than or equal to 2000',
  },
  outsideWindow: {
    code: 10,
    subcode: 2018278,
    message: '(#10) This message is sent outside of allowed window.',
  },
  unavailable: {
    code: 551,
    subcode: 1545041,
    message: "(#551) This person isn't available right now.",
  },
  alreadyReplied: { code: 10900, message: '(#10900) Activity already replied to' },
  notReplyable: { code: 10903, message: "(#10903) This activity can't be replied to" },
  rateLimited: { code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' },
  temporary: {
    code: 2,
    message: 'An unexpected error has occurred. Please retry your request later.',
  },
  permission: { code: 200, message: '(#200) The page is not allowed to send messages.' },
} satisfies Record<string, GraphErrorSpec>;

const KNOWN_TEXT = new Map<number, string>(
  Object.values(GRAPH_ERRORS)
    .filter((spec) => !spec.message.includes('%s') && !('subcode' in spec))
    .map((spec) => [spec.code, spec.message]),
);

/** A fresh `fbtrace_id`, 11 characters like Meta's. */
function traceId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

/** The answer for `spec`; `%s` in its message is replaced by `detail`. */
export function graphError(spec: GraphErrorSpec, detail = ''): GraphErrorReply {
  const message = (
    spec.message ??
    KNOWN_TEXT.get(spec.code) ??
    `(#${spec.code}) Simulated error`
  ).replace('%s', detail);
  return {
    status: spec.status ?? (spec.code === 1 || spec.code === 2 ? 500 : 400),
    body: {
      error: {
        message,
        type: spec.type ?? 'OAuthException',
        code: spec.code,
        ...(spec.subcode === undefined ? {} : { error_subcode: spec.subcode }),
        fbtrace_id: traceId(),
      },
    },
  };
}
