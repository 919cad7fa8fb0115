/**
 * Token handling of a session: password login, `setToken`, one refresh grant per failed
 * token, and the `auth-required` state in which nothing retries until a new token arrives.
 * Tokens live in memory only (never storage, cookies or URLs) and are never logged.
 */
import { HttpError } from '../api/http.js';
import type { TposApi } from '../api/tpos.js';
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
}

export class SessionAuth {
  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private _state: AuthState = AuthState.Anonymous;
  private refreshing: Promise<boolean> | null = null;
  private loginController: AbortController | null = null;

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

  /** Password grant. Rejects with a {@link LoginError}. */
  async login(username: string, password: string): Promise<void> {
    this.loginController?.abort();
    const controller = (this.loginController = new AbortController());
    const previous = this._state;
    this.setState(AuthState.Authenticating);
    try {
      const answer = await this.api.token(
        { client_id: CLIENT_ID, grant_type: 'password', username, password, scope: 'profile' },
        controller.signal,
      );
      if (typeof answer.access_token !== 'string' || answer.access_token === '') {
        throw new LoginError('server');
      }
      this.accept(answer.access_token, stringOrNull(answer.refresh_token));
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

  /** Uses a token obtained elsewhere. */
  setToken(accessToken: string, refreshToken?: string): void {
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new TypeError('setToken needs a non-empty access token');
    }
    this.loginController?.abort();
    this.accept(accessToken, refreshToken ?? null);
  }

  /** Forgets the tokens. */
  logout(): void {
    this.loginController?.abort();
    this.accessToken = null;
    this.refreshToken = null;
    this.refreshing = null;
    this.setState(AuthState.Anonymous);
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

  private async refresh(): Promise<boolean> {
    const refreshToken = this.refreshToken;
    // A refresh token is tried once: a failure means a new login.
    this.refreshToken = null;
    if (refreshToken) {
      try {
        const answer = await this.api.token({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: CLIENT_ID,
        });
        if (typeof answer.access_token === 'string' && answer.access_token !== '') {
          if (this._state !== AuthState.Authenticated) return false;
          this.accept(answer.access_token, stringOrNull(answer.refresh_token));
          return true;
        }
      } catch {
        // Falls through to auth-required.
      }
    }
    if (this._state !== AuthState.Authenticated) return false;
    this.accessToken = null;
    this.setState(AuthState.AuthRequired);
    this.hooks.onAuthRequired();
    return false;
  }

  private accept(accessToken: string, refreshToken: string | null): void {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.setState(AuthState.Authenticated);
    this.hooks.onAuthenticated();
  }

  private setState(state: AuthState): void {
    if (this._state === state) return;
    this._state = state;
    this.hooks.onChange();
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
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
