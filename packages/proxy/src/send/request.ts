import { ErrorCode, proxyError } from '../errors.js';

/** Longest text, in characters (code points), as the Send API counts. */
export const MAX_TEXT_CHARS = 2000;
/** Largest image the proxy forwards. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Largest JSON body of a text send (a 2,000-character text is at most 8 KB of UTF-8). */
export const MAX_JSON_BYTES = 64 * 1024;
/** Room for the multipart boundaries and the other fields around an image. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Facebook ids: page ids and PSIDs are digits; comment ids `<post>_<comment>`. */
const DIGITS = /^\d{1,32}$/;
const COMMENT_ID = /^\d{1,32}(_\d{1,32})?$/;
const KEY = /^[A-Za-z0-9_-]{16,128}$/;
const JSON_FIELDS = ['pageId', 'psid', 'commentId', 'text'];
const FORM_FIELDS = ['pageId', 'psid', 'image'];

/** An image the Send API accepts, recognised by its first bytes. */
export interface Image {
  type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  bytes: Uint8Array;
}

/** One send, checked: a Messenger text or image to a PSID, or a private reply to a comment. */
export interface SendInput {
  pageId: string;
  recipient: { psid: string } | { commentId: string };
  text?: string;
  image?: Image;
}

const bad = (message: string) => proxyError(400, ErrorCode.BadRequest, message);

/** The caller's TPOS access token from `Authorization: Bearer`, else a 401. */
export function bearerOf(header: string | undefined): string {
  const match = /^Bearer\s+([^\s]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw proxyError(
      401,
      ErrorCode.Unauthorized,
      'Authorization: Bearer <TPOS access token> is required',
    );
  }
  return match[1];
}

/** The `Idempotency-Key` header: 16 to 128 letters, digits, `-` or `_` (a UUID fits). */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined) throw bad('The Idempotency-Key header is required');
  if (!KEY.test(header)) {
    throw bad('Idempotency-Key must be 16 to 128 letters, digits, "-" or "_"');
  }
  return header;
}

/** The kind of body, from `Content-Type`; anything else is a 415. */
export function bodyKind(contentType: string | undefined): 'json' | 'multipart' {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'multipart/form-data') return 'multipart';
  throw proxyError(
    415,
    ErrorCode.UnsupportedMediaType,
    'Content-Type must be application/json (text) or multipart/form-data (image)',
  );
}

/** The image type of `bytes` by their signature, or undefined. */
export function sniffImage(bytes: Uint8Array): Image['type'] | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39))
    return 'image/gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

function id(value: unknown, name: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw bad(`${name} must be a Facebook id`);
  return value;
}

function recipientOf(fields: Record<string, unknown>): SendInput['recipient'] {
  const hasPsid = fields.psid !== undefined;
  if (hasPsid === (fields.commentId !== undefined)) {
    throw bad('Give exactly one of psid (a Messenger message) and commentId (a private reply)');
  }
  return hasPsid
    ? { psid: id(fields.psid, 'psid', DIGITS) }
    : { commentId: id(fields.commentId, 'commentId', COMMENT_ID) };
}

function unknownField(fields: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(fields).filter((name) => !allowed.includes(name));
  if (extra.length > 0) throw bad(`Unknown field: ${extra.slice(0, 3).join(', ')}`);
}

function textOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw bad('text must be a non-empty string');
  if ([...value].length > MAX_TEXT_CHARS) {
    throw proxyError(
      422,
      ErrorCode.TextTooLong,
      `Messages are limited to ${MAX_TEXT_CHARS} characters`,
    );
  }
  return value;
}

async function fromJson(request: Request): Promise<SendInput> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw bad('The body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw bad('The body must be a JSON object');
  const fields = body as Record<string, unknown>;
  unknownField(fields, JSON_FIELDS);
  return {
    pageId: id(fields.pageId, 'pageId', DIGITS),
    recipient: recipientOf(fields),
    text: textOf(fields.text),
  };
}

async function fromForm(request: Request): Promise<SendInput> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw bad('The body is not valid multipart/form-data');
  }
  const fields = Object.fromEntries(form.entries()) as Record<string, unknown>;
  unknownField(fields, FORM_FIELDS);
  if (fields.commentId !== undefined) throw bad('A private reply can only be text');
  const file = fields.image;
  if (!(file instanceof File)) throw bad('image must be a file');
  if (file.size > MAX_IMAGE_BYTES) {
    throw proxyError(
      413,
      ErrorCode.PayloadTooLarge,
      `Images are limited to 8 MB (${MAX_IMAGE_BYTES} bytes)`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImage(bytes);
  if (!type)
    throw proxyError(415, ErrorCode.UnsupportedMediaType, 'Images must be JPEG, PNG, GIF or WebP');
  return {
    pageId: id(fields.pageId, 'pageId', DIGITS),
    recipient: { psid: id(fields.psid, 'psid', DIGITS) },
    image: { type, bytes },
  };
}

/** Reads and checks the body of `POST /api/send`; every refusal names what was wrong. */
export function readSendInput(request: Request, kind: 'json' | 'multipart'): Promise<SendInput> {
  return kind === 'json' ? fromJson(request) : fromForm(request);
}

/** The SHA-256 of `data`, in hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A hash of what is sent, so a key reused for another message is recognised. */
export async function fingerprintOf(input: SendInput): Promise<string> {
  const image = input.image ? await sha256Hex(input.image.bytes) : null;
  return sha256Hex(JSON.stringify([input.pageId, input.recipient, input.text ?? null, image]));
}
