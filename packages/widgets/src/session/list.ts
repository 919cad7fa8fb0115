/**
 * The conversation list of a session: server search with the current filter (a newer search
 * aborts the older one), paging to older conversations, catch-up after a gap, and the
 * locally filtered, newest-first view the elements render.
 *
 * Paging (docs/tpos-protocol.md §7.1): when an answer carries an `After` cursor (the
 * simulator's rich profile) older pages are asked with it; the real TPOS answers only
 * `{Data}`, so without a cursor "load more" asks the newest conversations again with a larger
 * `Limit` (50 → 200 → 2000, as the real clients did), merges by id, and stops when an answer
 * is not full, adds nothing new, or the largest `Limit` was asked: the list then says that it
 * shows only the newest conversations (`ListState.truncatedAt`).
 */
import { isAbort } from '../api/http.js';
import { searchBody, type TposApi } from '../api/tpos.js';
import type { TposSearchBody } from '../api/wire-types.js';
import type { ChatStore } from '../store/store.js';
import { normalizeRestConversation } from '../api/normalize.js';
import type {
  Conversation,
  ConversationFilter,
  ListState,
  LoadErrorCode,
  SessionConfig,
} from '../model/index.js';
import { matchesKeyword } from '../util/text.js';
import { ConversationOrder } from '../store/list-order.js';
import { MAX_CATCH_UP_PAGES } from './catch-up.js';

export interface ListDeps {
  api: TposApi;
  store: ChatStore;
  /**
   * The session's configuration: `pageSize` (the first `Limit`, and each page's with a
   * cursor), `listLimits` and `maxListLimit` (the larger `Limit`s without one), `channels`.
   */
  config: () => Pick<SessionConfig, 'pageSize' | 'listLimits' | 'maxListLimit' | 'channels'>;
  onChange: () => void;
  /** Reports an unexpected failure (debug log). */
  onError: (error: unknown) => void;
  /** A list answer taught activity up to this time (the silent-room check, §7.8). */
  onLearnt?: (newest: number) => void;
  /** A load read these rows for the current filter (shared with the browser's other tabs). */
  onPage?: (rows: unknown[], filterKey: string) => void;
}

/** One search answer, stored. */
interface Answer {
  /** The answer's rows as the server sent them. */
  rows: unknown[];
  conversations: Conversation[];
  after: string | null;
  /** Conversations that were not in the store before. */
  added: number;
}

/** Why a list or thread load failed, for the elements to translate. */
export function loadErrorCode(error: unknown): LoadErrorCode {
  const code = (error as { code?: string } | null)?.code;
  return code === 'network' || code === 'timeout' || code === 'bad-body' || code === 'unauthorized'
    ? code
    : 'server';
}

export class ConversationList {
  private _filter: ConversationFilter = {};
  private _state: ListState = { loading: false, loaded: false, error: null, truncatedAt: null };
  private _hasMore = false;
  private after: string | null = null;
  /** Without a cursor: the largest `Limit` asked for this filter (0 before the first answer). */
  private grown = 0;
  /** Ids the server returned for the current filter (they match what we cannot check locally). */
  private matched = new Set<string>();
  private memo: { version: number; result: readonly Conversation[]; unread: number } | null = null;
  private loadingMore = false;
  /** The filtered list, newest first, following the store's changes. */
  private readonly view = new ConversationOrder((c) => this.passes(c));
  /** The pages shown (the filter's, else the configured channels), as a key and a set. */
  private pagesKey = '';
  private pageSet: ReadonlySet<string> | null = null;

  constructor(private readonly deps: ListDeps) {
    deps.store.watch(this.view);
  }

  get filter(): ConversationFilter {
    return this._filter;
  }

  get state(): ListState {
    return this._state;
  }

  get hasMore(): boolean {
    return this._hasMore;
  }

  /** Replaces the filter; the caller reloads. */
  setFilter(filter: ConversationFilter): void {
    this._filter = { ...filter, ...(filter.pageIds ? { pageIds: [...filter.pageIds] } : {}) };
    this.matched = new Set();
    this.view.invalidate();
    this.memo = null;
    this.after = null;
    this.grown = 0;
    this._hasMore = false;
    this._state = { loading: false, loaded: false, error: null, truncatedAt: null };
    this.deps.onChange();
  }

  /** Drops everything (logout). */
  reset(): void {
    this.deps.api.abortList();
    this.setFilter({});
  }

  /** The filter and channels as one string: two lists with the same key read the same rows. */
  get filterKey(): string {
    return JSON.stringify([this._filter, this.deps.config().channels]);
  }

  /**
   * Stores rows another tab read (see `realtime/tab-link.ts`), normalized as if read here.
   * With `sameFilter` they also count as matches of this list's filter.
   */
  adopt(rows: unknown[], sameFilter: boolean): void {
    this.storeRows(rows, sameFilter);
    this.memo = null;
  }

  /**
   * Loads the newest page for the filter. With `since`, also reads on while every
   * conversation of a full answer is newer than `since` (so a long gap is covered): older
   * pages with a cursor, else the newest again with a larger `Limit` until the answer
   * overlaps what is known or the largest `Limit` was asked. Resolves true when the list is
   * now up to date, false when the load failed or was replaced by a newer one (never rejects).
   */
  async load(since?: number): Promise<boolean> {
    const filter = this._filter;
    this.setState({ loading: true });
    try {
      let limit = this.deps.config().pageSize;
      let after: string | null = null;
      for (let pageNo = 0; pageNo < MAX_CATCH_UP_PAGES; pageNo++) {
        const answer = await this.search(after, limit, 'list');
        if (filter !== this._filter) return false;
        this.deps.onPage?.(answer.rows, this.filterKey);
        if (pageNo === 0) this.firstAnswer(answer, limit);
        else if (!answer.after && limit > this.grown) this.grew(answer, limit);
        const oldest = Math.min(...answer.conversations.map((c) => c.lastActivityAt));
        const full = answer.conversations.length >= limit;
        if (since === undefined || !full || oldest < since) break;
        if (answer.after) {
          after = answer.after;
          continue;
        }
        const next = this.nextLimit(limit);
        if (next === undefined) break;
        limit = next;
      }
      this.memo = null;
      this.setState({ loading: false, loaded: true, error: null });
      return true;
    } catch (error) {
      if (isAbort(error) || filter !== this._filter) return false;
      this.deps.onError(error);
      this.setState({ loading: false, error: loadErrorCode(error) });
      return false;
    }
  }

  /** Loads older conversations: the next page, or the newest again with a larger `Limit`. */
  async loadMore(): Promise<void> {
    if (!this._hasMore || this.loadingMore) return;
    const filter = this._filter;
    const cursor = this.after;
    const limit = cursor ? this.deps.config().pageSize : this.nextLimit(this.grown);
    if (limit === undefined) {
      this._hasMore = false;
      return this.deps.onChange();
    }
    this.loadingMore = true;
    this.setState({ loading: true });
    try {
      const answer = await this.search(cursor, limit, 'list-more');
      if (filter !== this._filter) return;
      if (cursor) {
        this.after = answer.after;
        this._hasMore = this.after !== null;
      } else {
        this.grew(answer, limit);
      }
      this.memo = null;
      this.setState({ loading: false, error: null });
    } catch (error) {
      if (isAbort(error) || filter !== this._filter) return;
      this.deps.onError(error);
      this.setState({ loading: false, error: loadErrorCode(error) });
    } finally {
      this.loadingMore = false;
    }
  }

  /** The first answer of a load: paging state (kept when "load more" already went further). */
  private firstAnswer(answer: Answer, limit: number): void {
    if (answer.after) {
      this.after = answer.after;
      this._hasMore = true;
      this.grown = 0;
      this.setState({ truncatedAt: null });
    } else if (this.grown === 0 || this.after) {
      this.after = null;
      this.grew(answer, limit);
    }
  }

  /**
   * A cursorless answer to `Limit` `limit`: is there more, and is the list cut short? A
   * larger `Limit` that brought nothing new means the server gives no more: when it answered
   * as many as a full answer before (a silent cap, like the recorded profile's 2000), the list
   * says it shows only the newest.
   */
  private grew(answer: Answer, limit: number): void {
    const before = this.grown;
    this.grown = Math.max(this.grown, limit);
    const count = answer.conversations.length;
    const stuck = answer.added === 0 && limit > this.deps.config().pageSize;
    const capped = stuck && before > this.deps.config().pageSize && count >= before;
    const complete = count < limit && !capped;
    const more = !complete && !stuck && this.nextLimit(this.grown) !== undefined;
    this._hasMore = more;
    this.setState({ truncatedAt: complete || more ? null : count });
  }

  /** The next larger `Limit` to ask after `limit`, or undefined at the bound. */
  private nextLimit(limit: number): number | undefined {
    const max = this.deps.config().maxListLimit;
    if (limit >= max) return undefined;
    return Math.min(max, this.deps.config().listLimits.find((n) => n > limit) ?? max);
  }

  /** One search request, stored. */
  private async search(after: string | null, limit: number, key: string): Promise<Answer> {
    const page = await this.deps.api.searchConversations(this.body(after, limit), undefined, key);
    const rows: unknown[] = page.Data ?? [];
    const before = this.deps.store.size;
    const { conversations, known, learnt } = this.storeRows(rows, true);
    if (learnt > -Infinity) this.deps.onLearnt?.(learnt);
    const added = Math.max(conversations.length - known, this.deps.store.size - before);
    return { rows, conversations, after: page.After ?? null, added };
  }

  /** Normalizes rows into the store; they match the current filter (`match`). */
  private storeRows(rows: unknown[], match: boolean) {
    const conversations = rows
      .map(normalizeRestConversation)
      .filter((c): c is Conversation => c !== null);
    const known = conversations.filter((c) => this.deps.store.getConversation(c.id)).length;
    const learnt = this.deps.store.upsertConversations(conversations);
    if (match) {
      for (const c of conversations) {
        // Being matched can let a row in (its fields may not say): it is looked at again.
        if (!this.matched.has(c.id)) this.view.changed(c.id);
        this.matched.add(c.id);
      }
    }
    return { conversations, known, learnt };
  }

  /**
   * Store conversations matching the filter and channels, newest activity first: a new
   * frozen array when the store changed since the last call, else the same one. The order is
   * kept incrementally ({@link ConversationOrder}): a change costs O(log n) plus the copy.
   */
  visible(): readonly Conversation[] {
    const store = this.deps.store;
    if (this.memo && this.memo.version === store.version) return this.memo.result;
    const f = this._filter;
    const pages = f.pageIds?.length ? f.pageIds : this.deps.config().channels;
    const key = pages.join('\n');
    if (key !== this.pagesKey) {
      this.pagesKey = key;
      this.pageSet = pages.length ? new Set(pages) : null;
      this.view.invalidate();
    }
    const result = Object.freeze(store.readList(this.view).slice());
    this.memo = { version: store.version, result, unread: this.view.unread };
    return result;
  }

  /** Sum of the unread counts of `list` when it is the latest {@link visible} list. */
  unreadOf(list: readonly Conversation[]): number | undefined {
    return this.memo?.result === list ? this.memo.unread : undefined;
  }

  /**
   * Whether a stored conversation belongs to the list. The server applied the filter to the
   * rows it returned (`matched`); locally a row is dropped only by a field that is present
   * and says no (docs/tpos-protocol.md §7.2), and a row the server did not return stays out
   * while a filter cannot be checked on it.
   */
  private passes(c: Conversation): boolean {
    const f = this._filter;
    const matched = this.matched.has(c.id);
    const passes = (known: boolean | undefined) => known ?? matched;
    if (this.pageSet && !this.pageSet.has(c.pageId)) return false;
    if (f.type && f.type !== 'all' && !c.kinds.includes(f.type) && !matched) return false;
    if (f.unread && c.unreadCount === 0 && !matched) return false;
    // Unreplied: the shop did not write last; unknown when the preview's side is not told.
    const owner = c.lastMessage?.isOwner;
    if (f.unreplied && !passes(owner === undefined ? undefined : !owner)) return false;
    if (f.hasPhone && !passes(c.hasPhone)) return false;
    if (f.hasAddress && !passes(c.hasAddress)) return false;
    if (f.hasOrder && !passes(c.orders.length > 0 || c.hasOrder)) return false;
    if (f.keyword && !matched) {
      return matchesKeyword(f.keyword, [c.name, c.phone, c.lastMessage?.text]);
    }
    return true;
  }

  private body(after: string | null, limit: number): TposSearchBody {
    const f = this._filter;
    const pages = f.pageIds?.length ? f.pageIds : this.deps.config().channels;
    return searchBody({
      Keyword: f.keyword?.trim() ? f.keyword.trim() : null,
      Limit: limit,
      After: after,
      Channels: pages.map((id) => ({ Id: id, Type: 4 })),
      Type: f.type ?? 'all',
      HasPhone: f.hasPhone ? true : null,
      HasAddress: f.hasAddress ? true : null,
      HasOrder: f.hasOrder ? true : null,
      IsUnread: f.unread ? true : null,
      IsUnreplied: f.unreplied ? true : null,
    });
  }

  private setState(patch: Partial<ListState>): void {
    this._state = { ...this._state, ...patch };
    this.deps.onChange();
  }
}
