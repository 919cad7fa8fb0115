import { jwtClaims } from '../upstream/jwt.js';

/** Whose a token is; '' where TPOS did not say. */
export interface Identity {
  /** The JWT's `TenantId`. */
  tenant: string;
  /** `userId` of the token answer, else the JWT's `UserId`. */
  userId: string;
  /** `userName` of the token answer, else the JWT's `UserName`. */
  userName: string;
}

function field(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The identity of a TPOS token answer (`access_token`, `userId`, `userName`; PROTOCOL §2). */
export function identityOfAnswer(answer: Record<string, unknown>): Identity {
  const claims = jwtClaims(field(answer.access_token)) ?? {};
  return {
    tenant: field(claims.TenantId),
    userId: field(answer.userId) || field(claims.UserId),
    userName: field(answer.userName) || field(claims.UserName),
  };
}

/** The identity in the claims of an `Authorization: Bearer <jwt>` header, or null without one. */
export function identityOfBearer(authorization: string | undefined): Identity | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1]) return null;
  const claims = jwtClaims(match[1]) ?? {};
  return {
    tenant: field(claims.TenantId),
    userId: field(claims.UserId),
    userName: field(claims.UserName),
  };
}

/**
 * Whether two identities can be the same user: the same tenant, and the same user id and
 * user name wherever both sides know them. (TPOS's recorded tokens carry no user claims, so
 * a bearer alone may only show the tenant.)
 */
export function sameUser(a: Identity, b: Identity): boolean {
  const agree = (x: string, y: string) => x === '' || y === '' || x === y;
  return a.tenant === b.tenant && agree(a.userId, b.userId) && agree(a.userName, b.userName);
}
