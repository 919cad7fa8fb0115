/**
 * Paging cursors. TPOS's format is unknown, so the simulator defines one: `<epochMs>_<id>`,
 * the time and id of an item. Lists are ordered newest first (time, then id, descending);
 * `After` continues to older items, `Before` catches up on newer ones. A bare ISO-8601 time
 * or epoch-millisecond number is accepted too and means "that instant".
 */

export interface Cursor {
  at: number;
  /** Empty when the cursor was a bare time. */
  id: string;
}

export interface Keyed {
  at: number;
  id: string;
}

/** The cursor that points at `item`. */
export function cursorOf(item: Keyed): string {
  return `${item.at}_${item.id}`;
}

/** Parses a cursor; undefined for null/empty, null when it is malformed. */
export function parseCursor(value: unknown): Cursor | undefined | null {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? { at: value, id: '' } : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,16})_([0-9a-f]{24})$/.exec(value);
  if (m) return { at: Number(m[1]), id: m[2]! };
  if (/^\d{1,16}$/.test(value)) return { at: Number(value), id: '' };
  const ms = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}/.test(value) && Number.isFinite(ms) ? { at: ms, id: '' } : null;
}

/** Newest-first comparison. */
export function newestFirst(a: Keyed, b: Keyed): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** `item` comes after (is older than) the cursor. A bare-time cursor excludes that instant. */
export function isOlder(item: Keyed, c: Cursor): boolean {
  return item.at < c.at || (item.at === c.at && c.id !== '' && item.id < c.id);
}

/** `item` comes before (is newer than) the cursor. */
export function isNewer(item: Keyed, c: Cursor): boolean {
  return item.at > c.at || (item.at === c.at && c.id !== '' && item.id > c.id);
}

export interface Page<T> {
  items: T[];
  /** Cursor for older items, null when there are none. */
  after: string | null;
  /** Cursor of the newest item returned (or the one asked with), null when empty. */
  before: string | null;
}

/**
 * One page of `sorted` (newest first). With `after`: the `limit` items just older than it;
 * with `before`: the `limit` newer items closest to it (so repeated calls catch up in order);
 * else the newest `limit`.
 */
export function pageOf<T>(
  sorted: readonly T[],
  key: (item: T) => Keyed,
  limit: number,
  after?: Cursor,
  before?: Cursor,
): Page<T> {
  let candidates = sorted as T[];
  if (after) candidates = candidates.filter((x) => isOlder(key(x), after));
  let items: T[];
  let more: boolean;
  if (before) {
    const newer = candidates.filter((x) => isNewer(key(x), before));
    items = newer.slice(Math.max(0, newer.length - limit));
    more = candidates.length > newer.length;
  } else {
    items = candidates.slice(0, limit);
    more = candidates.length > limit;
  }
  const last = items[items.length - 1];
  const first = items[0];
  return {
    items,
    after: more && last ? cursorOf(key(last)) : null,
    before: first ? cursorOf(key(first)) : null,
  };
}
