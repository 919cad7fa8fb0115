/**
 * The proxy's own `POST /api/send` (packages/proxy/README.md, "Sending"): a Messenger text or
 * image to a customer, or a private reply to a comment, sent as one of the caller's pages with
 * the page token only the proxy holds. Every failure becomes a {@link SendError} whose
 * {@link SendErrorCode} the elements translate.
 */
import { field, isRecord, toCount } from './fields.js';
import { HttpError, type HttpClient } from './http.js';
import { PROXY_SEND_ERRORS, type SendErrorCode } from '../model/outgoing.js';
import { SendError, type SendContent, type SendReceipt } from './send-error.js';

export { newIdempotencyKey, SendError, type SendContent, type SendReceipt } from './send-error.js';

const KNOWN: ReadonlySet<string> = new Set(PROXY_SEND_ERRORS);
const BY_STATUS: Record<number, SendErrorCode> = {
  401: 'unauthorized',
  403: 'page_not_allowed',
  409: 'send_in_progress',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  502: 'bad_gateway',
  503: 'graph_unavailable',
  504: 'gateway_timeout',
};

/** `POST /api/send` through the session's HTTP client (bearer, refresh on 401). */
export class SendApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * Sends `content` under `key` (the `Idempotency-Key`: the same for every retry of one
   * message). Rejects with a {@link SendError}, or the client's `aborted` {@link HttpError}.
   */
  async send(
    content: SendContent,
    key: string,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<SendReceipt> {
    const request = {
      method: 'POST' as const,
      headers: { 'Idempotency-Key': key },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    };
    let body: unknown;
    try {
      if ('image' in content) {
        const form = new FormData();
        form.set('pageId', content.pageId);
        form.set('psid', content.psid);
        form.set('image', content.image, content.fileName ?? 'image');
        body = await this.http.request('/send', { ...request, multipart: form });
      } else {
        body = await this.http.request('/send', { ...request, json: content });
      }
    } catch (error) {
      throw toSendError(error);
    }
    const messageId = field(body, 'messageId');
    const recipientId = field(body, 'recipientId');
    if (typeof messageId !== 'string' || typeof recipientId !== 'string') {
      throw new SendError('server', undefined, 200);
    }
    return { messageId, recipientId };
  }
}

/** The {@link SendError} of a failed request (an abort stays an `aborted` HttpError). */
export function toSendError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  switch (error.code) {
    case 'aborted':
      return error;
    case 'network':
      return new SendError('network');
    case 'timeout':
      return new SendError('timeout');
    case 'unauthorized':
      return new SendError('unauthorized', undefined, 401);
    default: {
      const answer = isRecord(error.body) ? error.body.error : undefined;
      const code = field(answer, 'code');
      const retryAfter = toCount(field(answer, 'retryAfter'));
      if (typeof code === 'string' && KNOWN.has(code)) {
        return new SendError(code as SendErrorCode, retryAfter, error.status);
      }
      return new SendError(BY_STATUS[error.status] ?? 'server', retryAfter, error.status);
    }
  }
}
