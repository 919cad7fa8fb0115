/**
 * The conversation list of a session: server search with the current filter (a newer search
 * aborts the older one), paging to older conversations, catch-up after a gap, and the
 * locally filtered, newest-first view the elements render.
 */
import { isAbort } from '../api/http.js';
import type { TposApi } from '../api/tpos.js';
import type { TposConversation, TposPage, TposSearchBody } from '../api/wire-types.js';
import type { ChatStore } from '../store/store.js';
import { normalizeRestConversation } from '../api/normalize.js';
import type { Conversation, ConversationFilter, ListState, LoadErrorCode } from '../model/index.js';
import { matchesKeyword } from '../util/text.js';
import { MAX_CATCH_UP_PAGES } from './catch-up.js';

export interface ListDeps {
  api: TposApi;
  store: ChatStore;
  pageSize: () => number;
  /** Page ids configured for the session (empty = all). */
  channels: () => readonly string[];
  onChange: () => void;
  /** Reports an unexpected failure (debug log). */
  onError: (error: unknown) => void;
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
  private _state: ListState = { loading: false, loaded: false, error: null };
  private _hasMore = false;
  private after: string | null = null;
  /** Ids the server returned for the current filter (they match what we cannot check locally). */
  private matched = new Set<string>();
  private memo: { version: number; result: readonly Conversation[] } | null = null;
  private loadingMore = false;

  constructor(private readonly deps: ListDeps) {}

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
    this.memo = null;
    this.after = null;
    this._hasMore = false;
    this._state = { loading: false, loaded: false, error: null };
    this.deps.onChange();
  }

  /** Drops everything (logout). */
  reset(): void {
    this.deps.api.abortList();
    this.setFilter({});
  }

  /**
   * Loads the newest page for the filter. With `since`, also pages on while every
   * conversation of a full page is newer than `since` (so a long gap is covered).
   * Resolves true when the list is now up to date, false when the load failed or was
   * replaced by a newer one (never rejects).
   */
  async load(since?: number): Promise<boolean> {
    const { api } = this.deps;
    const filter = this._filter;
    this.setState({ loading: true });
    try {
      let after: string | null = null;
      for (let pageNo = 0; pageNo < MAX_CATCH_UP_PAGES; pageNo++) {
        const page = await api.searchConversations(this.body(after), undefined, 'list');
        if (filter !== this._filter) return false;
        const conversations = this.store(page);
        if (pageNo === 0) {
          this.after = page.After ?? null;
          this._hasMore = this.after !== null;
        }
        const oldest = conversations[conversations.length - 1];
        after = page.After ?? null;
        if (since === undefined || !after || !oldest || oldest.lastActivityAt < since) break;
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

  /** Loads the next (older) page. */
  async loadMore(): Promise<void> {
    if (!this._hasMore || this.loadingMore || !this.after) return;
    const filter = this._filter;
    this.loadingMore = true;
    this.setState({ loading: true });
    try {
      const page = await this.deps.api.searchConversations(
        this.body(this.after),
        undefined,
        'list-more',
      );
      if (filter !== this._filter) return;
      this.store(page);
      this.after = page.After ?? null;
      this._hasMore = this.after !== null;
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

  /** Store conversations matching the filter and channels, newest activity first (memoized). */
  visible(): readonly Conversation[] {
    const store = this.deps.store;
    if (this.memo && this.memo.version === store.version) return this.memo.result;
    const f = this._filter;
    const pages = f.pageIds?.length ? f.pageIds : this.deps.channels();
    const pageSet = pages.length ? new Set(pages) : null;
    const result = store.sortedConversations().filter((c) => {
      if (pageSet && !pageSet.has(c.pageId)) return false;
      if (f.type && f.type !== 'all' && !c.kinds.includes(f.type)) return false;
      if (f.unread && c.unreadCount === 0 && !this.matched.has(c.id)) return false;
      if (f.unreplied && c.lastMessage?.isOwner) return false;
      if (f.hasPhone && !c.hasPhone) return false;
      if (f.hasAddress && !c.hasAddress) return false;
      if (f.hasOrder && !c.hasOrder && c.orders.length === 0) return false;
      if (f.keyword && !this.matched.has(c.id)) {
        return matchesKeyword(f.keyword, [c.name, c.phone, c.lastMessage?.text]);
      }
      return true;
    });
    this.memo = { version: store.version, result: Object.freeze(result) };
    return this.memo.result;
  }

  /** Normalizes a page of the search into the store; they match the current filter. */
  private store(page: TposPage<TposConversation>): Conversation[] {
    const conversations = (page.Data ?? [])
      .map(normalizeRestConversation)
      .filter((c): c is Conversation => c !== null);
    this.deps.store.upsertConversations(conversations);
    for (const c of conversations) this.matched.add(c.id);
    return conversations;
  }

  private body(after: string | null): TposSearchBody {
    const f = this._filter;
    const pages = f.pageIds?.length ? f.pageIds : this.deps.channels();
    return {
      Keyword: f.keyword?.trim() ? f.keyword.trim() : null,
      Limit: this.deps.pageSize(),
      Sort: null,
      Before: null,
      After: after,
      Channels: pages.map((id) => ({ Id: id, Type: 4 })),
      Type: f.type ?? 'all',
      HasPhone: f.hasPhone ? true : null,
      HasAddress: f.hasAddress ? true : null,
      HasOrder: f.hasOrder ? true : null,
      IsUnread: f.unread ? true : null,
      IsUnreplied: f.unreplied ? true : null,
      TagIds: [],
      UserIds: [],
      Start: null,
      End: null,
      FromNewToOld: true,
    };
  }

  private setState(patch: Partial<ListState>): void {
    this._state = { ...this._state, ...patch };
    this.deps.onChange();
  }
}
