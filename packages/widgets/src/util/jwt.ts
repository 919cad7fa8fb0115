/**
 * Reading claims of a TPOS access token (an HS256 JWT, docs/tpos-protocol.md §3) without
 * verifying it: the client only needs hints (the default realtime room, the expiry); the
 * server checks the signature of every request.
 */

/** The payload of a JWT as an object, or null when `token` is not a readable JWT. */
export function jwtPayload(token: string | null | undefined): Record<string, unknown> | null {
  const part = token?.split('.')[1];
  if (!part || part.length > 16_384) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The token's `TenantId` claim (the tenant host, also the realtime room), or undefined when
 * it has none that looks like a host name.
 */
export function tokenTenant(token: string | null | undefined): string | undefined {
  const tenant = jwtPayload(token)?.TenantId;
  return typeof tenant === 'string' && /^[a-z0-9.-]{1,253}$/i.test(tenant) ? tenant : undefined;
}
