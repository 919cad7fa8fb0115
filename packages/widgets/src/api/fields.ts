/**
 * Readers of untrusted wire values: each takes `unknown`, checks the type and returns the
 * value or `undefined`, never throwing. Shared by the envelope checks of `tpos.ts`, the
 * normalizers and the socket envelope parser.
 */
import { capText } from '../util/text.js';

/** A plain object (not null, not an array): the only shape whose fields are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field `key` of `value` when `value` is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** A non-empty id of at most 128 characters (numbers become strings), else undefined. */
export function toId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) return undefined;
  return value;
}

/** Epoch ms from an ISO string (any offset) or a number, else undefined. */
export function toTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A boolean, else undefined (no truthiness: `'false'` is not false). */
export function toBool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A count: a finite number ≥ 0, floored and capped at 1,000,000, else undefined. */
export function toCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.min(Math.floor(value), 1_000_000)
    : undefined;
}

/** Text of at most `max` characters (numbers become text); undefined when empty. */
export function optText(value: unknown, max: number): string | undefined {
  const text = capText(value, max);
  return text === '' ? undefined : text;
}
