/**
 * Token handling of a session: password login, the sign-in the proxy keeps in its cookie
 * ("Ghi nhớ đăng nhập"), `setToken`, one refresh per failed token, logout, and the
 * `auth-required` state in which nothing retries until a new token arrives. The access
 * token lives in memory only (never storage, readable cookies or URLs) and is never
 * logged; the browser never holds a refresh token (the proxy keeps TPOS's in an HttpOnly
 * cookie that no script can read).
 */
import { HttpError } from '../api/http.js';
import type { TposApi } from '../api/tpos.js';
import type { TposTokenResponse } from '../api/wire-types.js';
import { AuthState } from '../model/index.js';

/** Why a login failed; elements translate the code. */
export type LoginErrorCode = 'invalid_credentials' | 'network' | 'server';

/** Rejection of `ChatSession.login`. The message is English and free of secrets. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
  constructor(readonly code: LoginErrorCode) {
    super(
      code === 'invalid_credentials'
        ? 'Wrong username or password'
        : code === 'network'
          ? 'The server could not be reached'
          : 'The server could not log you in',
    );
  }
}

/** OAuth client id of the TPOS web app. */
const CLIENT_ID = 'tmtWebApp';

export interface AuthHooks {
  /** A (new) access token is available: (re)start sockets and catch up. */
  onAuthenticated(): void;
  /** The token is bad and cannot be refreshed: stop everything, tell the page. */
  onAuthRequired(): void;
  /** The auth state changed (for status/change events). */
  onChange(): void;
  /** The proxy the sign-in cookie belongs to (the session's base URL). */
  proxy(): string;
}

/**
 * Where the access token came from: the proxy's token routes (renewed through its cookie),
 * or the page (`setToken`: the page renews it).
 */
type TokenSource = 'proxy' | 'page';

/** A token answer's access token, or null. */
function accessTokenOf(answer: TposTokenResponse | null): string | null {
  const token = answer?.access_token;
  return typeof token === 'string' && token !== '' ? token : null;
}

export class SessionAuth {
  private accessToken: string | null = null;
  private source: TokenSource = 'proxy';
  private _state: AuthState = AuthState.Anonymous;
  private refreshing: Promise<boolean> | null = null;
  private loginController: AbortController | null = null;
  /** The try of the kept sign-in in flight, if any (see {@link restore}). */
  private restoring: AbortController | null = null;
  private restoreTried = false;
  /** The cookie routes of this session, one at a time and in order (see {@link exclusive}). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly api: TposApi,
    private readonly hooks: AuthHooks,
  ) {}

  get state(): AuthState {
    return this._state;
  }

  /** The current access token (null when anonymous or auth-required). */
  get token(): string | null {
    return this._state === AuthState.Authenticated ? this.accessToken : null;
  }

  /**
   * Password grant. With `remember` ("Ghi nhớ đăng nhập") the proxy keeps the sign-in in its
   * HttpOnly cookie, so that a reload ({@link restore}) signs in again; without it nothing is
   * kept anywhere (and a sign-in kept earlier is forgotten). Rejects with a {@link LoginError}.
   */
  async login(username: string, password: string, remember = false): Promise<void> {
    this.cancelRestore();
    this.loginController?.abort();
    const controller = (this.loginController = new AbortController());
    const previous = this._state;
    this.setState(AuthState.Authenticating);
    try {
      const answer = await this.exclusive(() =>
        this.api.token(
          { client_id: CLIENT_ID, grant_type: 'password', username, password, scope: 'profile' },
          remember,
          controller.signal,
        ),
      );
      const token = accessTokenOf(answer);
      if (!token) throw new LoginError('server');
      if (controller.signal.aborted) throw new LoginError('network');
      this.accept(token, 'proxy');
    } catch (error) {
      if (controller.signal.aborted) throw new LoginError('network');
      if (this._state === AuthState.Authenticating) {
        this.setState(previous === AuthState.Authenticating ? AuthState.Anonymous : previous);
      }
      throw toLoginError(error);
    } finally {
      if (this.loginController === controller) this.loginController = null;
    }
  }

  /**
   * Tries, once per session and before any login form shows, the sign-in the proxy keeps:
   * `authenticating` meanwhile, then `authenticated`, or quietly `anonymous` when there is
   * none (or the proxy cannot be reached). Does nothing after a login, `setToken` or an
   * earlier try. The request goes out after the current task, once every element has
   * applied its configuration.
   */
  restore(): void {
    if (this.restoreTried || this._state !== AuthState.Anonymous) return;
    this.restoreTried = true;
    this.setState(AuthState.Authenticating);
    void this.tryRestore();
  }

  /** The session now talks to another proxy: a try in flight starts again there. */
  proxyChanged(): void {
    if (this.restoring) void this.tryRestore();
  }

  /** Uses a token obtained elsewhere; the page renews it (`setToken` again) when it expires. */
  setToken(accessToken: string): void {
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new TypeError('setToken needs a non-empty access token');
    }
    this.cancelRestore();
    this.loginController?.abort();
    this.accept(accessToken, 'page');
  }

  /**
   * Forgets the token now, and asks the proxy to forget the sign-in it keeps (its cookie);
   * resolves once it answered (or could not be reached).
   */
  logout(): Promise<void> {
    this.cancelRestore();
    this.loginController?.abort();
    this.accessToken = null;
    this.refreshing = null;
    this.setState(AuthState.Anonymous);
    return this.exclusive(() => this.api.forgetSignIn()).catch(() => undefined);
  }

  /**
   * A request or socket was refused with `usedToken`. Resolves true when a (new) token is
   * available to retry with; otherwise the session is now auth-required.
   */
  handleUnauthorized(usedToken: string | null): Promise<boolean> {
    if (this._state !== AuthState.Authenticated) return Promise.resolve(false);
    if (usedToken !== null && usedToken !== this.accessToken) return Promise.resolve(true);
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async tryRestore(): Promise<void> {
    this.restoring?.abort();
    const run = (this.restoring = new AbortController());
    let answer: TposTokenResponse | null = null;
    try {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!run.signal.aborted) {
        answer = await this.exclusive(() => this.api.refreshSignIn(null, run.signal), run.signal);
      }
    } catch {
      // A kept sign-in no longer valid (401), or none reachable: the login form.
    }
    // Superseded by a login, setToken, logout or another proxy: that one decides.
    if (this.restoring !== run) return;
    this.restoring = null;
    const token = accessTokenOf(answer);
    if (token) this.accept(token, 'proxy');
    else this.setState(AuthState.Anonymous);
  }

  /** A login, `setToken` or logout: the moment of a page load's try has passed. */
  private cancelRestore(): void {
    this.restoreTried = true;
    this.restoring?.abort();
    this.restoring = null;
  }

  /** One refresh through the proxy's cookie (a token of the page is the page's to renew). */
  private async refresh(): Promise<boolean> {
    const expired = this.accessToken;
    if (this.source === 'proxy') {
      try {
        // The expired token lets the proxy check that the kept sign-in is this user's.
        const answer = await this.exclusive(() => this.api.refreshSignIn(expired));
        const token = accessTokenOf(answer);
        // A login or setToken meanwhile decided already.
        if (this.accessToken !== expired) return this._state === AuthState.Authenticated;
        if (token && this._state === AuthState.Authenticated) {
          this.accept(token, 'proxy');
          return true;
        }
      } catch {
        // Falls through to auth-required: a failed refresh means a new login.
      }
    }
    if (this.accessToken !== expired) return this._state === AuthState.Authenticated;
    if (this._state !== AuthState.Authenticated) return false;
    this.accessToken = null;
    this.setState(AuthState.AuthRequired);
    this.hooks.onAuthRequired();
    return false;
  }

  /**
   * Runs the requests of the proxy's cookie routes one at a time: in order within this
   * session, and across the browser's tabs through a Web Lock per proxy where there are Web
   * Locks. TPOS's refresh tokens are single-use, so two tabs refreshing with the same cookie
   * at once would lose the sign-in; in turn, the second one sends the rotated cookie.
   */
  private exclusive<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const name = `chatomni-sign-in ${this.hooks.proxy()}`;
    // The lock is held until the task settles (its callback's promise); T is its value.
    const run = (): Promise<T> =>
      locks ? locks.request<T>(name, signal ? { signal } : {}, task as () => T) : task();
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private accept(accessToken: string, source: TokenSource): void {
    this.accessToken = accessToken;
    this.source = source;
    this.setState(AuthState.Authenticated);
    this.hooks.onAuthenticated();
  }

  private setState(state: AuthState): void {
    if (this._state === state) return;
    this._state = state;
    this.hooks.onChange();
  }
}

function toLoginError(error: unknown): LoginError {
  if (error instanceof LoginError) return error;
  if (error instanceof HttpError) {
    if (error.status === 400 || error.status === 401 || error.status === 403) {
      return new LoginError('invalid_credentials');
    }
    if (error.code === 'network' || error.code === 'timeout' || error.code === 'aborted') {
      return new LoginError('network');
    }
  }
  return new LoginError('server');
}
