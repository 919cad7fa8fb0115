/**
 * The checks an image passes before it is uploaded, the same as the proxy's: JPEG, PNG, GIF or
 * WebP recognised by its first bytes (not by its name or the type the system guessed), and at
 * most 8 MB. A refused file never leaves the browser.
 */
import { MAX_SEND_IMAGE_BYTES, type SendErrorCode } from '../model/index.js';

/** The outcome of {@link checkImage}. */
export type ImageCheck =
  | { ok: true; type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' }
  | { ok: false; code: Extract<SendErrorCode, 'unsupported_media_type' | 'payload_too_large'> };

/** The image type of the first bytes of a file, or undefined. */
export function sniffImageType(bytes: Uint8Array): (ImageCheck & { ok: true })['type'] | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39)) {
    return 'image/gif';
  }
  // RIFF....WEBP
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    [0x57, 0x45, 0x42, 0x50].every((b, i) => bytes[8 + i] === b)
  ) {
    return 'image/webp';
  }
  return undefined;
}

/** Checks a file the seller attached or pasted: size first (no read), then its bytes. */
export async function checkImage(file: Blob): Promise<ImageCheck> {
  if (file.size > MAX_SEND_IMAGE_BYTES) return { ok: false, code: 'payload_too_large' };
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const type = sniffImageType(head);
  return type ? { ok: true, type } : { ok: false, code: 'unsupported_media_type' };
}
