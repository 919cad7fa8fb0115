import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { readMuted, storeMuted } from '../../controllers/mute.js';
import type { NotifyController } from '../../controllers/notify-controller.js';
import { NarrowController } from '../../controllers/narrow-controller.js';
import { VirtualListController } from '../../controllers/virtual-list-controller.js';
import type { ShortcutHandlers } from '../../controllers/shortcuts-controller.js';
import { ChatomniSelectEvent } from '../../events/chatomni-select.js';
import type { MessageKey } from '../../i18n/i18n.js';
import {
  AuthState,
  LinkMode,
  type Conversation,
  type ConversationFilter,
} from '../../model/index.js';
import { DEFAULT_AVATAR_TEMPLATE } from '../shared/avatar.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { LazyPart, prefetchParts } from '../shared/lazy.js';
import { loginErrorKey, renderLoginForm } from '../shared/login-form.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { inboxStyles } from './chatomni-inbox.styles.js';
import { nextUnreadIndex, stepIndex } from './inbox-navigation.js';
import { renderRows, renderSkeletonRow, rowId, type RowContext } from './inbox-row.js';
import { renderToolbar } from './inbox-toolbar.js';

/** Height of a row in px; rows are positioned at `index × ROW_HEIGHT`. */
export const ROW_HEIGHT = 72;
/** Upper bound of rows in the DOM, whatever the height of the element. */
export const MAX_ROWS = 40;
/** Widest content box (px) laid out for a phone or a narrow column (`narrow`). */
const NARROW_WIDTH = 420;
const SEARCH_DELAY = 300;
/** Most time (ms) between two renders of session changes (see `sessionSpacing`). */
export const LIST_SPACING = 100;
/** A render of session changes is followed by at least this many times its cost without one. */
const SPACING_PER_COST = 4;

/** The sound, notifications and title count of `notify`: loaded once the first rows show. */
const notifyPart = new LazyPart(() => import('../../controllers/notify-controller.js'));

/**
 * The conversation list of a session: avatar, name, last message, time, unread count, phone
 * and address, order badge and partner status; search and filters; virtualized for 10,000+
 * rows; keyboard navigable (`role="listbox"`), with page-wide shortcuts J / K (next, previous),
 * U (next unread), / (search) and ? (the list). Shows a login form while the session has no
 * token. Give it a height (it fills its parent, at least 320px) and a width; it lays itself out
 * for its own width, down to 320px (tighter at 420px or less, when it has the `narrow`
 * attribute, which it sets itself).
 *
 * @summary Conversation list with search, filters and realtime updates.
 * @fires {ChatomniSelectEvent} chatomni-select - A conversation was opened (click or Enter).
 * @csspart toolbar - Search and filter bar.
 * @csspart search - The search input.
 * @csspart page-select - The page picker (shown with more than one page).
 * @csspart list - The scrolling `role="listbox"`.
 * @csspart row - Each conversation row; the selected one also has `row-selected`.
 * @csspart row-selected - The selected row.
 * @csspart avatar - Avatars.
 * @csspart name - Customer names.
 * @csspart unread - Unread count badges.
 * @csspart order-badge - The purple order-number badge.
 * @csspart order-code - The order code next to it.
 * @csspart status - Partner status badges.
 * @csspart login - The login form.
 * @csspart login-required - The "Cần đăng nhập" note (with `no-login`).
 * @csspart sound - The sound switch for new messages (with `notify`).
 * @csspart shortcuts - The `?` keyboard shortcuts dialog.
 * @csspart list-footer - "Đang tải…" below the rows, or the note that only the newest are shown.
 */
export class ChatomniInbox extends ChatomniElement {
  static override styles = [sharedStyles, inboxStyles];

  private readonly list = new VirtualListController<Conversation>(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.list'),
    items: () => this.chatSession.visibleConversations(),
    rowHeight: ROW_HEIGHT,
    maxRows: MAX_ROWS,
    onNearEnd: () => this.loadMore(),
  });
  /** `narrow` at 420 px or less (tighter rows and toolbar). */
  protected readonly narrow = new NarrowController(this, NARROW_WIDTH);
  /** With `notify`, made when its chunk is there (after the first rows). */
  protected notifier: NotifyController | null = null;

  /** Avatar URL template; `{psid}` is replaced. Default: the Facebook profile picture. */
  @property({ attribute: 'avatar-url-template', reflect: true })
  avatarUrlTemplate = DEFAULT_AVATAR_TEMPLATE;
  /** The page has its own login: show "Cần đăng nhập" instead of the login form. Default off. */
  @property({ type: Boolean, attribute: 'no-login', reflect: true }) noLogin = false;
  /** Sound, desktop notification and unread total in the page title. Default off. */
  @property({ type: Boolean, reflect: true }) notify = false;

  @state() private keyword = '';
  @state() private activeId: string | null = null;
  @state() private loginBusy = false;
  @state() private loginError: MessageKey | null = null;
  @state() private loadingMore = false;

  private searchTimer?: ReturnType<typeof setTimeout>;
  private clock?: ReturnType<typeof setInterval>;
  /**
   * What relative times ("5 phút trước") are measured against: moved on by the clock, not
   * on every render, so a scroll or an event re-renders only the rows that changed.
   */
  private now = Date.now();
  private activeMemo?: { items: readonly Conversation[]; id: string | null; index: number };
  private rowsShown = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.keyword = this.chatSession.filter.keyword ?? '';
    this.now = Date.now();
    // Relative times move on without events.
    this.clock = setInterval(() => {
      this.now = Date.now();
      this.requestUpdate();
    }, 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    clearTimeout(this.searchTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.rowsShown && this.list.items.length) {
      // Usable now: a User Timing mark for the page (and the bundle benchmark), then what a
      // seller opens next is loaded while the page is idle.
      this.rowsShown = true;
      performance.mark('chatomni-inbox:rows');
      prefetchParts();
    }
    if (this.rowsShown && this.notify && !this.notifier) this.startNotify();
  }

  /** Notifications from now on (their first update only records what is there). */
  private startNotify(): void {
    const loaded = this.parts.use(notifyPart);
    if (!loaded) return;
    this.notifier = new loaded.NotifyController(this, {
      enabled: () => this.notify,
      conversations: () => this.list.items,
      unreadTotal: (list) => this.chatSession.unreadTotal(list),
      live: () =>
        this.chatSession.auth === AuthState.Authenticated &&
        this.chatSession.status.mode !== LinkMode.Offline,
      title: (c) => this.t('newMessageFrom', c.name),
      onActivate: (c) => this.open(c),
    });
    this.requestUpdate();
  }

  /** The bell: mutes or unmutes (the choice is kept even before notifications have loaded). */
  private toggleSound(): void {
    if (notifyPart.failed) return this.parts.retry(notifyPart);
    if (this.notifier) return this.notifier.setMuted(!this.notifier.muted);
    storeMuted(!readMuted());
    this.requestUpdate();
  }

  /**
   * A busy shop's changes are rendered at most once per 5 × the last render's cost (once per
   * {@link LIST_SPACING} ms at most), so that they take at most a fifth of the main thread: each render of a moving list lays out the rows that moved, and
   * at every frame of a burst that work would take most of the main thread (and delay the
   * socket events behind it), while a cheap render (a small list, one change) is shown in its
   * own frame. Scrolling and the keyboard are never held back, and neither is the first list
   * (the page is usable then, and the sockets' code is fetched right after it shows).
   */
  protected override sessionSpacing(cost: number): number {
    return this.rowsShown ? Math.min(LIST_SPACING, SPACING_PER_COST * cost) : 0;
  }

  private handleKeydown(e: KeyboardEvent): void {
    const rows = this.list.items;
    if (!rows.length) return;
    const i = this.activeIndex();
    const page = Math.max(1, Math.floor(this.list.viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: i + 1,
      ArrowUp: i - 1,
      PageDown: i + page,
      PageUp: i - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (i >= 0) this.open(rows[i]!);
    } else if (e.key in moves) {
      e.preventDefault();
      const next = Math.min(rows.length - 1, Math.max(0, moves[e.key]!));
      this.activeId = rows[next]!.id;
      this.list.reveal(next);
    }
  }

  protected override shortcutHandlers(): ShortcutHandlers {
    if (this.chatSession.auth !== AuthState.Authenticated) return {};
    return {
      next: () => this.openAt(stepIndex(this.list.items, this.chatSession.selectedId, 1)),
      previous: () => this.openAt(stepIndex(this.list.items, this.chatSession.selectedId, -1)),
      'next-unread': () =>
        this.openAt(nextUnreadIndex(this.list.items, this.chatSession.selectedId)),
      search: () => {
        const input = this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
        input?.focus();
        input?.select();
        return !!input;
      },
    };
  }

  private handleClick(e: MouseEvent): void {
    const row = (e.target as Element).closest<HTMLElement>('[role="option"]');
    const c = row && this.list.items[Number(row.dataset['index'])];
    if (c) this.open(c);
  }

  private handleSearch(keyword: string): void {
    this.keyword = keyword;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(
      () => this.applyFilter({ keyword: keyword.trim() || undefined }),
      SEARCH_DELAY,
    );
  }

  private async handleLogin(username: string, password: string, remember: boolean): Promise<void> {
    this.loginBusy = true;
    this.loginError = null;
    try {
      await this.chatSession.login(username, password, remember);
    } catch (error) {
      this.loginError = loginErrorKey(error);
    } finally {
      this.loginBusy = false;
    }
  }

  private handleRetry(): void {
    this.chatSession.refresh().catch(() => undefined);
  }

  /** Opens a conversation: selects it in the session and fires `chatomni-select`. */
  open(conversation: Conversation): void {
    this.activeId = conversation.id;
    this.chatSession.select(conversation.id);
    this.dispatchEvent(new ChatomniSelectEvent({ conversationId: conversation.id, conversation }));
  }

  /** Opens and shows the row at `index` (a shortcut moved there); false for none. */
  private openAt(index: number): boolean {
    const c = this.list.items[index];
    if (!c) return false;
    if (c.id !== this.chatSession.selectedId) this.open(c);
    this.list.reveal(index);
    return true;
  }

  private applyFilter(change: Partial<ConversationFilter>): void {
    this.list.scrollTo(0);
    this.chatSession.setFilter({ ...this.chatSession.filter, ...change });
  }

  /** Index of the active (else the selected) row; looked up once per list and id. */
  private activeIndex(): number {
    const id = this.activeId ?? this.chatSession.selectedId;
    const items = this.list.items;
    const memo = this.activeMemo;
    if (memo && memo.items === items && memo.id === id) return memo.index;
    const index = id === null ? -1 : items.findIndex((c) => c.id === id);
    this.activeMemo = { items, id, index };
    return index;
  }

  private loadMore(): void {
    const s = this.chatSession;
    const ls = s.listState;
    if (this.loadingMore || !s.hasMoreConversations || ls.loading || ls.error) return;
    this.loadingMore = true;
    s.loadMoreConversations()
      .catch(() => undefined)
      .finally(() => (this.loadingMore = false));
  }

  private renderSignedOut(): TemplateResult {
    if (this.noLogin) {
      return html`<p class="note" part="login-required">${this.t('loginRequired')}</p>`;
    }
    return renderLoginForm({
      t: (key) => this.t(key),
      busy: this.loginBusy,
      error: this.loginError,
      onSubmit: (u, p, remember) => void this.handleLogin(u, p, remember),
    });
  }

  private renderEmpty(): TemplateResult {
    const ls = this.chatSession.listState;
    if (ls.error && !ls.loading) {
      return html`<div class="note" role="alert">
        <p class="error">${this.t('loadError')}</p>
        <p class="reason">${this.t(`load.${ls.error}`)}</p>
        <button @click=${this.handleRetry}>${this.t('retry')}</button>
      </div>`;
    }
    if (ls.loading || !ls.loaded) {
      return html`<span class="sr">${this.t('loading')}</span>${Array.from(
          { length: 8 },
          renderSkeletonRow,
        )}`;
    }
    return html`<p class="note">${this.t('empty')}</p>`;
  }

  private renderRows(): TemplateResult {
    const s = this.chatSession;
    const rows = this.list.items;
    const { start, end } = this.list.range;
    const ctx: RowContext = {
      lang: this.locale.lang,
      t: (key, ...args) => this.t(key, ...args),
      now: this.now,
      rowHeight: ROW_HEIGHT,
      setSize: rows.length,
      selectedId: s.selectedId,
      activeIndex: this.activeIndex(),
      avatarTemplate: this.avatarUrlTemplate || DEFAULT_AVATAR_TEMPLATE,
      fetchAvatars: !this.list.flinging,
      statusColor: (text) => s.partnerStatusColor(text),
    };
    // Without a cursor the server may stop giving older rows: say so (docs/tpos-protocol.md §7.1).
    const truncated = s.hasMoreConversations ? null : s.listState.truncatedAt;
    const footer = this.loadingMore
      ? this.t('loading')
      : truncated !== null
        ? this.t('listTruncated', truncated)
        : '';
    return renderRows(rows, { start, end }, ctx, {
      height: this.list.totalHeight + (footer ? 40 : 0),
      footer: footer || undefined,
    });
  }

  override render(): TemplateResult {
    const s = this.chatSession;
    const signedOut = s.auth === AuthState.Anonymous || s.auth === AuthState.AuthRequired;
    if (signedOut || (this.loginBusy && s.auth === AuthState.Authenticating)) {
      return this.renderSignedOut();
    }
    const has = this.list.items.length > 0;
    const error = s.listState.error;
    const { start, end } = this.list.range;
    const active = this.activeIndex();
    const sound = this.notify ? !(this.notifier?.muted ?? readMuted()) : undefined;
    const soundFailed = notifyPart.failed;
    // The toolbar does not change while the list scrolls or events arrive.
    return html`${guard(
        [this.keyword, s.filter, s.pages, sound, soundFailed, this.locale.lang],
        () =>
          renderToolbar({
            t: (key) => this.t(key),
            keyword: this.keyword,
            filter: s.filter,
            pages: s.pages,
            sound: sound === undefined ? undefined : { on: sound, failed: soundFailed },
            onSearch: (k) => this.handleSearch(k),
            onFilter: (change) => this.applyFilter(change),
            onSound: () => this.toggleSound(),
          }),
      )}
      ${
        has && error
          ? html`<div class="banner error" role="alert">
              <span>${this.t('loadError')}. ${this.t(`load.${error}`)}</span
              ><button @click=${this.handleRetry}>${this.t('retry')}</button>
            </div>`
          : nothing
      }
      <div
        class="list"
        part="list"
        role=${has ? 'listbox' : nothing}
        tabindex=${has ? 0 : nothing}
        aria-label=${has ? this.t('conversations') : nothing}
        aria-activedescendant=${active >= start && active < end ? rowId(active) : nothing}
        @keydown=${this.handleKeydown}
        @click=${this.handleClick}
      >
        ${has ? this.renderRows() : this.renderEmpty()}
      </div>
      ${this.renderShortcutsHelp()}`;
  }
}

if (!customElements.get('chatomni-inbox')) customElements.define('chatomni-inbox', ChatomniInbox);

declare global {
  interface HTMLElementTagNameMap {
    'chatomni-inbox': ChatomniInbox;
  }
}
