/**
 * The TPOS routes the widgets use, through the proxy's `/api/...` prefix (docs/tpos-protocol.md §4):
 * here those of sign-in, the list and the account; an open conversation's are in
 * conversation-api.ts.
 * Each method checks only the envelope (`Data` is an array, `value` is an array...) and
 * throws a `bad-body` {@link HttpError} otherwise; items are checked by `normalize.ts`.
 */
import { isRecord } from './fields.js';
import { HttpError, type HttpClient } from './http.js';
import type {
  TposConversation,
  TposPage,
  TposSearchBody,
  TposTeam,
  TposTokenResponse,
} from './wire-types.js';
import type { MessageKind } from '../model/index.js';

/** The ChatOmni REST prefix. */
export const CHATOMNI = '/api-ms/chatomni/v1';
/** ChannelType of Facebook. */
export const FACEBOOK = 4;

/** A `{Data: [], After, …}` page; a `bad-body` HttpError for anything else. */
export function page<T>(body: unknown): TposPage<T> {
  if (!isRecord(body) || !Array.isArray(body.Data)) {
    throw new HttpError('bad-body', 'Unexpected response shape');
  }
  const cursor = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    Data: body.Data as T[],
    Cursor: cursor(body.Cursor),
    After: cursor(body.After),
    Before: cursor(body.Before),
  };
}

/** An OData `{value: []}` list; a `bad-body` HttpError for anything else. */
export function odataList<T>(body: unknown): T[] {
  if (!isRecord(body) || !Array.isArray(body.value)) {
    throw new HttpError('bad-body', 'Unexpected response shape');
  }
  return body.value as T[];
}

/** An object; a `bad-body` HttpError for anything else. */
export function record(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new HttpError('bad-body', 'Unexpected response shape');
  return body;
}

/**
 * A conversations/search body: every key sent (as the real clients did, nulls allowed), the
 * given ones set (docs/tpos-protocol.md §4.1).
 */
export function searchBody(set: Partial<TposSearchBody>): TposSearchBody {
  return {
    Keyword: null,
    Limit: 50,
    Sort: null,
    Before: null,
    After: null,
    Channels: [],
    Type: 'all',
    HasPhone: null,
    HasAddress: null,
    HasOrder: null,
    IsUnread: null,
    IsUnreplied: null,
    TagIds: [],
    UserIds: [],
    Start: null,
    End: null,
    FromNewToOld: true,
    ...set,
  };
}

/** Where a thread lives upstream. */
export interface ThreadAddress {
  pageId: string;
  psid: string;
}

export class TposApi {
  constructor(private readonly http: HttpClient) {}

  /** Aborts the list searches in flight. */
  abortList(): void {
    this.http.abort('list');
    this.http.abort('list-more');
  }

  /**
   * Password grant through the proxy's `POST /api/token`. With `remember` the proxy keeps
   * the sign-in in its cookie (sent and stored cross-origin too); without it the proxy clears
   * that cookie (same origin only: nothing is stored for a page on another origin). Rejects
   * with HttpError (status 400 = bad credentials).
   */
  async token(
    form: Record<string, string>,
    remember: boolean,
    signal?: AbortSignal,
  ): Promise<TposTokenResponse> {
    const body = await this.http.request('/token', {
      form: remember ? { ...form, remember: '1' } : form,
      auth: false,
      signal,
      key: 'token',
      credentials: remember ? 'include' : 'same-origin',
    });
    return record(body) as TposTokenResponse;
  }

  /**
   * `POST /api/token/refresh`: a new access token from the sign-in the proxy keeps in its
   * cookie. `expired` is the token being replaced, if any (the proxy checks the cookie is the
   * same user's). Null when nothing is kept (204); rejects with HttpError (401 = a kept
   * sign-in no longer valid).
   */
  async refreshSignIn(
    expired: string | null,
    signal?: AbortSignal,
  ): Promise<TposTokenResponse | null> {
    const body = await this.http.request('/token/refresh', {
      method: 'POST',
      auth: false,
      signal,
      key: 'token',
      credentials: 'include',
      ...(expired ? { authorization: `Bearer ${expired}` } : {}),
    });
    return body === null ? null : (record(body) as TposTokenResponse);
  }

  /** `POST /api/token/logout`: the proxy forgets the sign-in it keeps (clears its cookie). */
  async forgetSignIn(): Promise<void> {
    await this.http.request('/token/logout', {
      method: 'POST',
      auth: false,
      credentials: 'include',
    });
  }

  async searchConversations(
    body: TposSearchBody,
    signal?: AbortSignal,
    key = 'conversations',
  ): Promise<TposPage<TposConversation>> {
    return page(
      await this.http.request(`${CHATOMNI}/conversations/search`, { json: body, signal, key }),
    );
  }

  /**
   * Whether REST accepts the current token: the smallest conversation search. A 401 goes
   * through the refresh flow of the HTTP client like any request.
   */
  async verifyToken(): Promise<void> {
    await this.searchConversations(searchBody({ Limit: 1 }), undefined, 'verify-token');
  }

  async markSeen(at: ThreadAddress, kind: MessageKind = 'message'): Promise<void> {
    const path = `${CHATOMNI}/conversations/${FACEBOOK}/${encodeURIComponent(at.pageId)}/${encodeURIComponent(at.psid)}/seen`;
    await this.http.request(path, {
      method: 'POST',
      query: { isSeen: true, type: kind },
      key: `seen:${at.pageId}:${at.psid}`,
    });
  }

  async teams(signal?: AbortSignal): Promise<TposTeam[]> {
    const path = '/odata/CRMTeam/ODataService.GetAllFacebook';
    return odataList(
      await this.http.request(path, { query: { $expand: 'Childs' }, signal, key: 'teams' }),
    );
  }

  /** `[{value: colour, text}]`. */
  async partnerStatuses(signal?: AbortSignal): Promise<unknown[]> {
    const body = await this.http.request('/api/common/getpartnerstatus', {
      signal,
      key: 'partner-status',
    });
    if (!Array.isArray(body)) throw new HttpError('bad-body', 'Unexpected response shape');
    return body;
  }

  /** `{statusText: colour}`. */
  async orderStatusColours(signal?: AbortSignal): Promise<Record<string, unknown>> {
    return record(
      await this.http.request('/api/common/getstylestatusorder', { signal, key: 'order-status' }),
    );
  }
}
