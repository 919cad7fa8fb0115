/**
 * A small JSON-over-fetch client for the proxy's `/api/...` routes: bearer auth, a timeout and
 * an AbortSignal on every request, "newer request for the same key aborts the older one", one
 * refresh-and-retry on 401, and every failure turned into an {@link HttpError}.
 */

/** Why a request failed. `aborted` failures are normal (superseded or cancelled). */
export type HttpErrorCode =
  'network' | 'timeout' | 'aborted' | 'unauthorized' | 'http' | 'bad-body';

/** The one error type REST calls reject with. The message never contains tokens or bodies. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    /** HTTP status, 0 when no response arrived. */
    readonly status = 0,
    /**
     * The parsed JSON of an error answer (`http` errors of at most 64 KiB), e.g. the proxy's
     * `{error: {code, message}}`; undefined when it had none or was not JSON.
     */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** True for an {@link HttpError} caused by our own abort (superseded or cancelled). */
export function isAbort(error: unknown): boolean {
  return error instanceof HttpError && error.code === 'aborted';
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number | boolean | null | undefined>;
  /** JSON body. */
  json?: unknown;
  /** Form-urlencoded body (token grants). */
  form?: Record<string, string>;
  /** Multipart body (an image upload); the browser writes its `Content-Type` boundary. */
  multipart?: FormData;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
  /** This request's timeout in ms instead of the client's. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A newer request with the same key aborts this one. */
  key?: string;
  /** Send the bearer token and handle 401 (default true). */
  auth?: boolean;
  /**
   * Cookies (`fetch`'s `credentials`). Default `omit`: only the proxy's token routes use its
   * sign-in cookie.
   */
  credentials?: RequestCredentials;
  /** An `Authorization` to send instead of the session's (with `auth: false`). */
  authorization?: string;
}

export interface HttpClientOptions {
  /** Base of every path, e.g. `https://shop.example/api`. Read per request. */
  baseUrl: () => string;
  /** Current access token or null. */
  getToken: () => string | null;
  /**
   * Called on 401 with the token the request carried; resolves true when a newer token is
   * available and the request may be retried once.
   */
  onUnauthorized: (usedToken: string | null) => Promise<boolean>;
  /** Per-request timeout in ms, read for each request (the session's `requestTimeout`). */
  timeoutMs: () => number;
}

/** Largest response body accepted (bytes of text); larger answers are a `bad-body` error. */
const MAX_BODY_CHARS = 20_000_000;
/** Largest error answer parsed into {@link HttpError.body}. */
const MAX_ERROR_BODY_CHARS = 65_536;

export class HttpClient {
  private readonly inflight = new Map<string, AbortController>();
  private readonly all = new Set<AbortController>();

  constructor(private readonly options: HttpClientOptions) {}

  /** Sends a request and resolves with the parsed JSON body (`null` for an empty body). */
  async request(path: string, options: RequestOptions = {}): Promise<unknown> {
    const controller = new AbortController();
    const { key } = options;
    if (key) {
      this.inflight.get(key)?.abort();
      this.inflight.set(key, controller);
    }
    this.all.add(controller);
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort);
    if (options.signal?.aborted) controller.abort();
    try {
      const first = await this.attempt(path, options, controller.signal);
      if (first.status !== 401) return first.body;
      if (options.auth === false) throw new HttpError('http', 'HTTP 401', 401);
      if (!(await this.options.onUnauthorized(first.token))) {
        throw new HttpError('unauthorized', 'Unauthorized', 401);
      }
      if (controller.signal.aborted) throw new HttpError('aborted', 'Request aborted');
      const second = await this.attempt(path, options, controller.signal);
      if (second.status === 401) throw new HttpError('unauthorized', 'Unauthorized', 401);
      return second.body;
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.all.delete(controller);
      if (key && this.inflight.get(key) === controller) this.inflight.delete(key);
    }
  }

  /** Aborts the in-flight request with that key, if any. */
  abort(key: string): void {
    this.inflight.get(key)?.abort();
  }

  /** Aborts every in-flight request. */
  abortAll(): void {
    for (const controller of this.all) controller.abort();
  }

  /** One round trip under its own timeout; a 401 resolves (the caller decides), others throw. */
  private async attempt(
    path: string,
    options: RequestOptions,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown; token: string | null }> {
    const url = new URL(this.options.baseUrl() + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (options.multipart) {
      body = options.multipart;
    } else if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else {
      headers['Content-Type'] = 'application/json';
      if (options.json !== undefined) body = JSON.stringify(options.json);
    }
    const token = options.auth === false ? null : this.options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (options.authorization) headers.Authorization = options.authorization;

    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs();
    const local = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      local.abort();
    }, timeoutMs);
    const onAbort = () => local.abort();
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) local.abort();
    const fail = (fallback: HttpError): HttpError => {
      if (timedOut) return new HttpError('timeout', `Request timed out after ${timeoutMs} ms`);
      if (signal.aborted) return new HttpError('aborted', 'Request aborted');
      return fallback;
    };
    try {
      let response: Response;
      try {
        response = await fetch(url, {
          method: options.method ?? (body === undefined ? 'GET' : 'POST'),
          headers,
          body,
          signal: local.signal,
          credentials: options.credentials ?? 'omit',
          cache: 'no-store',
        });
      } catch {
        throw fail(new HttpError('network', 'Network error'));
      }
      let text: string;
      try {
        text = await response.text();
      } catch {
        throw fail(new HttpError('network', 'Response body interrupted', response.status));
      }
      if (response.status === 401) return { status: 401, body: null, token };
      if (!response.ok) {
        throw new HttpError('http', `HTTP ${response.status}`, response.status, errorBody(text));
      }
      if (text.length > MAX_BODY_CHARS) throw new HttpError('bad-body', 'Response too large');
      if (text.trim() === '') return { status: response.status, body: null, token };
      try {
        return { status: response.status, body: JSON.parse(text) as unknown, token };
      } catch {
        throw new HttpError('bad-body', 'Response is not valid JSON', response.status);
      }
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** The JSON of an error answer, when it is small and JSON; else undefined. */
function errorBody(text: string): unknown {
  if (text.length > MAX_ERROR_BODY_CHARS || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
