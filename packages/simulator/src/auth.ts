/** Logins, access tokens and refresh tokens of the simulated TPOS. */
import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt.js';
import { rfc1123 } from './time.js';
import type { SimProfile, SimUser } from './options.js';

/** Who a valid access token belongs to. */
export interface Principal {
  username: string;
  displayName: string;
  tenant: string;
  userId: string;
  jti: string;
}

/** The JSON answer of `POST /token`. */
export interface TokenAnswer {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  userName: string;
  userId: string;
  '.issued': string;
  '.expires': string;
}

export class Auth {
  private readonly secret = randomBytes(32);
  /** Valid access tokens by `jti`; `expireAll` empties it. */
  private readonly live = new Map<string, Principal>();
  private readonly refresh = new Map<string, Required<SimUser>>();

  /**
   * `userIds` maps each user name to its staff id (`ApplicationUser.Id`). The recorded
   * `profile` leaves out the JWT claims nobody recorded (`UserId`, `UserName`).
   */
  constructor(
    private readonly users: Required<SimUser>[],
    private readonly ttlSeconds: number,
    private readonly userIds: ReadonlyMap<string, string>,
    private readonly profile: SimProfile = 'rich',
  ) {}

  /** Password grant; null when the user name or password is wrong. */
  passwordGrant(username: string, password: string): TokenAnswer | null {
    const user = this.users.find((u) => u.username === username);
    if (!user || user.password !== password) return null;
    return this.issue(user);
  }

  /** Refresh grant; the old refresh token is used up. */
  refreshGrant(token: string): TokenAnswer | null {
    const user = this.refresh.get(token);
    if (!user) return null;
    this.refresh.delete(token);
    return this.issue(user);
  }

  /** An answer for `username` without a password, for in-process tests. */
  issueFor(username: string): TokenAnswer {
    const user = this.users.find((u) => u.username === username);
    if (!user) throw new Error(`Unknown simulator user "${username}"`);
    return this.issue(user);
  }

  /** The owner of a valid, unexpired, unrevoked access token, else null. */
  verify(token: string | undefined): Principal | null {
    if (!token) return null;
    const claims = verifyJwt(token, this.secret);
    if (!claims || typeof claims.jti !== 'string') return null;
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
    if (typeof claims.nbf !== 'number' || claims.nbf > now + 5) return null;
    return this.live.get(claims.jti) ?? null;
  }

  /** Every token issued so far becomes invalid; refresh tokens too unless `keepRefresh`. */
  expireAll(keepRefresh = false): Principal[] {
    const gone = [...this.live.values()];
    this.live.clear();
    if (!keepRefresh) this.refresh.clear();
    return gone;
  }

  private issue(user: Required<SimUser>): TokenAnswer {
    const nowMs = Date.now();
    const now = Math.floor(nowMs / 1000);
    const jti = randomBytes(12).toString('hex');
    const userId = this.userIds.get(user.username) ?? user.username;
    // `jti` is the simulator's own (tokens must differ to be revoked one by one); the others
    // are the captured claims, plus UserId and UserName in the rich profile.
    const claims = {
      jti,
      ClientId: 'tmtWebApp',
      ...(this.profile === 'rich' ? { UserId: userId, UserName: user.username } : {}),
      DisplayName: user.displayName,
      CompanyId: '1',
      TenantId: user.tenant,
      RoleIds: ['a7d4b3a2-0c6f-4d1e-9a51-3e2f7c1b0d11'],
      nbf: now,
      exp: now + this.ttlSeconds,
      iss: `https://${user.tenant}`,
      aud: 'tmtWebApp',
    };
    const refreshToken = randomBytes(24).toString('hex');
    this.refresh.set(refreshToken, user);
    this.live.set(jti, {
      username: user.username,
      displayName: user.displayName,
      tenant: user.tenant,
      userId,
      jti,
    });
    return {
      access_token: signJwt(claims, this.secret),
      token_type: 'bearer',
      expires_in: this.ttlSeconds,
      refresh_token: refreshToken,
      userName: user.username,
      userId,
      '.issued': rfc1123(nowMs),
      '.expires': rfc1123(nowMs + this.ttlSeconds * 1000),
    };
  }
}
