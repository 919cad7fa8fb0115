import { ConfigError } from '../config.js';

/** Bytes of `SESSION_KEY` (an AES-256-GCM key). */
export const SESSION_KEY_BYTES = 32;

/**
 * The Worker secret behind the saved sign-in (`[secrets] required` in wrangler.toml, set with
 * `wrangler secret put SESSION_KEY`); optional here, since `wrangler dev` runs without it.
 */
export interface SessionSecrets {
  /** 32 random bytes in base64 or base64url, e.g. from `openssl rand -base64 32`. */
  SESSION_KEY?: string;
}

/*
 * The imported key of the last secret seen. The secret belongs to the deployment, not to a
 * user, so keeping it across requests in an isolate shares nothing between users.
 */
let cached: { secret: string; key: Promise<CryptoKey> } | null = null;

/** The bytes of a base64 or base64url text (padding optional), or null when it is neither. */
export function decodeBase64(text: string): Uint8Array | null {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal)) return null;
  try {
    const binary = atob(normal.replace(/=+$/, ''));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** `bytes` as base64url without padding (cookie-safe). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The AES-GCM key of the saved sign-in, imported once per secret.
 * @throws ConfigError when `SESSION_KEY` is missing or is not 32 bytes of base64; the
 *   message names the secret, never its value.
 */
export function sessionKey(env: SessionSecrets | undefined): Promise<CryptoKey> {
  const secret = env?.SESSION_KEY?.trim() ?? '';
  if (cached?.secret === secret) return cached.key;
  if (secret === '') {
    throw new ConfigError('SESSION_KEY is not set: staying signed in is unavailable');
  }
  const bytes = decodeBase64(secret);
  if (bytes?.byteLength !== SESSION_KEY_BYTES) {
    throw new ConfigError(
      'SESSION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)',
    );
  }
  const key = crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
  cached = { secret, key };
  return key;
}
