/** Text helpers: safe caps for untrusted text and Vietnamese-aware keyword matching. */

/** Longest text kept from one message or name; the rest is cut. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * Returns `value` as a string of at most `max` characters (default {@link MAX_TEXT_LENGTH}),
 * or `fallback` (default `''`) when it is not a string or a finite number.
 */
export function capText(value: unknown, max = MAX_TEXT_LENGTH, fallback = ''): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return fallback;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * Folds text for keyword matching: lower case, Vietnamese diacritics removed (`đ` → `d`),
 * whitespace collapsed. `foldText('Nguyễn Thị Đào') === 'nguyen thi dao'`.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of `keyword` occurs in one of `haystacks` (all folded). */
export function matchesKeyword(
  keyword: string,
  haystacks: readonly (string | undefined)[],
): boolean {
  const words = foldText(keyword).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const text = haystacks
    .filter((s): s is string => typeof s === 'string')
    .map(foldText)
    .join('\n');
  return words.every((word) => text.includes(word));
}

/** Characters as Facebook counts them: code points, so an emoji is one (`'👍'.length` is 2). */
export function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
