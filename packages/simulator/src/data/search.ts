/** The conversation search of `POST /api-ms/chatomni/v1/conversations/search`. */
import type { SimConversation } from './model.js';
import { pageOf, parseCursor, type Cursor, type Page } from './cursor.js';

export interface SearchFilter {
  keyword?: string;
  limit: number;
  pageIds?: Set<string>;
  type: 'message' | 'comment' | 'all';
  hasPhone?: boolean;
  hasAddress?: boolean;
  hasOrder?: boolean;
  isUnread?: boolean;
  isUnreplied?: boolean;
  tagIds?: string[];
  userIds?: Set<string>;
  start?: number;
  end?: number;
  before?: Cursor;
  after?: Cursor;
}

/** Default and largest `Limit`. */
export const SEARCH_LIMIT = { default: 50, max: 5000 };

/** Lower-case, without Vietnamese diacritics (`Đ` → `d`), for keyword matching. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Thrown with a message naming the offending field. */
export class FilterError extends Error {}

function typed<T>(body: Record<string, unknown>, key: string, kind: string): T | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const ok = kind === 'array' ? Array.isArray(v) : typeof v === kind;
  if (!ok)
    throw new FilterError(`"${key}" must be ${kind === 'array' ? 'an array' : `a ${kind}`}.`);
  return v as T;
}

function time(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new FilterError(`"${key}" must be an ISO-8601 time.`);
  return ms;
}

function cursor(body: Record<string, unknown>, key: string): Cursor | undefined {
  const c = parseCursor(body[key]);
  if (c === null) throw new FilterError(`"${key}" is not a cursor (expected "<epochMs>_<id>").`);
  return c;
}

/** Validates the search body; booleans filter only when `true`, null/false mean "any". */
export function parseFilter(body: Record<string, unknown>): SearchFilter {
  const limit = typed<number>(body, 'Limit', 'number');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new FilterError('"Limit" must be a positive integer.');
  }
  const type = typed<string>(body, 'Type', 'string') ?? 'all';
  if (type !== 'message' && type !== 'comment' && type !== 'all') {
    throw new FilterError('"Type" must be "message", "comment" or "all".');
  }
  const channels = typed<unknown[]>(body, 'Channels', 'array');
  let pageIds: Set<string> | undefined;
  if (channels && channels.length > 0) {
    pageIds = new Set(
      channels.map((c) => {
        const id = (c as { Id?: unknown } | null)?.Id;
        if (typeof id !== 'string' && typeof id !== 'number') {
          throw new FilterError('"Channels" must be a list of {Id, Type}.');
        }
        return String(id);
      }),
    );
  }
  const userIds = typed<unknown[]>(body, 'UserIds', 'array');
  const keyword = typed<string>(body, 'Keyword', 'string')?.trim();
  const flag = (key: string) => typed<boolean>(body, key, 'boolean') === true || undefined;
  return {
    keyword: keyword ? keyword : undefined,
    limit: Math.min(limit ?? SEARCH_LIMIT.default, SEARCH_LIMIT.max),
    pageIds,
    type,
    hasPhone: flag('HasPhone'),
    hasAddress: flag('HasAddress'),
    hasOrder: flag('HasOrder'),
    isUnread: flag('IsUnread'),
    isUnreplied: flag('IsUnreplied'),
    tagIds: typed<unknown[]>(body, 'TagIds', 'array')?.map(String),
    userIds: userIds && userIds.length > 0 ? new Set(userIds.map(String)) : undefined,
    start: time(body, 'Start'),
    end: time(body, 'End'),
    before: cursor(body, 'Before'),
    after: cursor(body, 'After'),
  };
}

/** Whether a conversation passes every filter but the cursor and limit. */
export function matches(conv: SimConversation, f: SearchFilter, foldedKeyword?: string): boolean {
  if (f.pageIds && !f.pageIds.has(conv.pageId)) return false;
  if (f.type !== 'all' && !conv.kinds.has(f.type)) return false;
  if (f.hasPhone && conv.phone === null) return false;
  if (f.hasAddress && conv.address === null) return false;
  if (f.hasOrder && conv.orders.length === 0) return false;
  if (f.isUnread && conv.unread === 0) return false;
  if (f.isUnreplied && conv.last.isOwner) return false;
  // The simulator's conversations carry no tags.
  if (f.tagIds && f.tagIds.length > 0) return false;
  if (f.userIds && !conv.assigned.some((id) => f.userIds!.has(id))) return false;
  if (f.start !== undefined && conv.lastAt < f.start) return false;
  if (f.end !== undefined && conv.lastAt > f.end) return false;
  if (foldedKeyword) {
    const digits = /^[\d\s+.-]+$/.test(foldedKeyword) ? foldedKeyword.replace(/\D/g, '') : '';
    const inPhone = digits !== '' && conv.phone !== null && conv.phone.includes(digits);
    conv.searchText ??= `${fold(conv.name)}\n${fold(conv.last.text)}`;
    if (!inPhone && !conv.searchText.includes(foldedKeyword)) return false;
  }
  return true;
}

/** Runs a search over a newest-first list. */
export function search(list: readonly SimConversation[], f: SearchFilter): Page<SimConversation> {
  const folded = f.keyword ? fold(f.keyword) : undefined;
  const hits = list.filter((c) => matches(c, f, folded));
  return pageOf(hits, (c) => ({ at: c.lastAt, id: c.id }), f.limit, f.after, f.before);
}
