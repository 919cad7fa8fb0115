import type { ProxyConfig } from '../config.js';
import { ErrorCode } from '../errors.js';
import { mapGraphError } from './graph-errors.js';
import type { SendInput } from './request.js';
import { sendFailure, unconfirmedResult, type SendResult } from './result.js';

/** What the Send API made of one send. */
export type GraphOutcome = GraphVerdict & {
  /** Graph's HTTP status, when it answered (for the request log). */
  graphStatus?: number;
};

type GraphVerdict =
  /** Posted: `result` is the 200 answer. */
  | { kind: 'sent'; result: SendResult }
  /** Refused with a Graph error: nothing was posted. `tokenInvalid` for code 190. */
  | { kind: 'refused'; result: SendResult; tokenInvalid: boolean }
  /** No answer that says either way (timeout, dropped connection, unreadable answer). */
  | { kind: 'unconfirmed'; result: SendResult };

function unconfirmed(status: 502 | 504): GraphVerdict {
  return { kind: 'unconfirmed', result: unconfirmedResult(status) };
}

/** The Send API request: JSON for a text, multipart (`message` + `filedata`) for an image. */
function graphBody(input: SendInput): BodyInit {
  const recipient =
    'psid' in input.recipient
      ? { id: input.recipient.psid }
      : { comment_id: input.recipient.commentId };
  if (!input.image) {
    return JSON.stringify({
      recipient,
      // A private reply is no answer inside a conversation window: Meta's examples send none.
      ...('psid' in input.recipient ? { messaging_type: 'RESPONSE' } : {}),
      message: { text: input.text },
    });
  }
  const form = new FormData();
  form.set('recipient', JSON.stringify(recipient));
  form.set('messaging_type', 'RESPONSE');
  form.set(
    'message',
    JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: false } } }),
  );
  const extension = input.image.type.split('/')[1];
  form.set(
    'filedata',
    new File([input.image.bytes], `image.${extension}`, { type: input.image.type }),
  );
  return form;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Calls `POST <GRAPH_API_BASE>/<version>/<page-id>/messages` with the page token in the
 * `Authorization` header (never in the URL: URLs reach logs), and says what came of it.
 */
export async function postToGraph(
  config: ProxyConfig,
  pageToken: string,
  input: SendInput,
  signal: AbortSignal,
): Promise<GraphOutcome> {
  const url = new URL(`/${config.graphVersion}/${input.pageId}/messages`, config.graphBase);
  const body = graphBody(input);
  const headers = new Headers({ authorization: `Bearer ${pageToken}`, accept: 'application/json' });
  if (typeof body === 'string') headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal });
  } catch {
    // The request may have reached Facebook before the connection broke.
    return unconfirmed(signal.aborted ? 504 : 502);
  }
  return { ...(await outcomeOf(response)), graphStatus: response.status };
}

/** What Graph's answer says about the send. */
async function outcomeOf(response: Response): Promise<GraphVerdict> {
  const json = (await readJson(response)) as
    | {
        message_id?: unknown;
        recipient_id?: unknown;
        error?: { code?: unknown; error_subcode?: unknown };
      }
    | undefined;
  if (response.ok) {
    if (typeof json?.message_id !== 'string') return unconfirmed(502);
    const recipientId = typeof json.recipient_id === 'string' ? json.recipient_id : '';
    return {
      kind: 'sent',
      result: { status: 200, body: { messageId: json.message_id, recipientId } },
    };
  }
  const code = json?.error?.code;
  if (typeof code !== 'number') {
    // A gateway's own failure page: a 5xx may come after the message went out.
    if (response.status >= 500) return unconfirmed(502);
    return {
      kind: 'refused',
      result: sendFailure(502, ErrorCode.GraphError, 'Facebook refused the message'),
      tokenInvalid: false,
    };
  }
  const subcode =
    typeof json?.error?.error_subcode === 'number' ? json.error.error_subcode : undefined;
  return {
    kind: 'refused',
    result: mapGraphError({ code, subcode }, response.headers),
    tokenInvalid: code === 190,
  };
}
