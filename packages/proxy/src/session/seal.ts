import { decodeBase64, encodeBase64Url } from './key.js';
import type { Identity } from './identity.js';

/** What the sign-in cookie holds, encrypted: TPOS's refresh token and whose it is. */
export interface SavedSession extends Identity {
  /** TPOS's refresh token. */
  refreshToken: string;
  /** The upstream origin (`TPOS_API_BASE`) that issued it. */
  upstream: string;
  /** Epoch seconds after which the cookie is refused, whatever the browser does. */
  expires: number;
}

/** Bytes of the AES-GCM nonce, fresh for every seal. */
const IV_BYTES = 12;
/*
 * Additional data bound into every seal: a value sealed for another purpose or by another
 * format version does not open here, it is simply refused (and the cookie cleared).
 */
const PURPOSE = new TextEncoder().encode('chatomni-proxy saved sign-in v1');

/** The session encrypted under `key`: base64url of the nonce followed by the ciphertext. */
export async function sealSession(key: CryptoKey, session: SavedSession): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(
    JSON.stringify({
      rt: session.refreshToken,
      t: session.tenant,
      u: session.userId,
      n: session.userName,
      o: session.upstream,
      exp: session.expires,
    }),
  );
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: PURPOSE },
    key,
    plain,
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return encodeBase64Url(out);
}

const text = (value: unknown): value is string => typeof value === 'string';

/**
 * The session sealed in `value`, or null when it was not sealed by {@link sealSession} under
 * `key` (tampered, truncated, another key or format). Expiry is the caller's to check.
 */
export async function openSession(key: CryptoKey, value: string): Promise<SavedSession | null> {
  const bytes = decodeBase64(value);
  if (!bytes || bytes.byteLength <= IV_BYTES) return null;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: PURPOSE },
      key,
      bytes.subarray(IV_BYTES),
    );
  } catch {
    return null;
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { rt, t, u, n, o, exp } = data;
  if (!text(rt) || rt === '' || !text(t) || !text(u) || !text(n) || !text(o)) return null;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return { refreshToken: rt, tenant: t, userId: u, userName: n, upstream: o, expires: exp };
}
