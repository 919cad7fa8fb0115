/**
 * `ChatSession`: one login, one store, one pair of sockets and one poller, shared by every
 * element that names the same session (`getSession(name)`). Elements read its state through
 * its methods and listen for the events of {@link SessionEventMap}.
 */
import { HttpClient } from '../api/http.js';
import { TposApi } from '../api/tpos.js';
import { createLogger } from '../util/logger.js';
import { DebugExposure, debugSession } from './debug.js';
import type { OrderExtra } from './actions.js';
import { SessionAuth } from './auth.js';
import type { CatchUp } from './catch-up.js';
import { CONNECTION_KEYS, configChanged, resolveConfig } from './config.js';
import { SeenMarker } from '../store/seen-marker.js';
import { ConversationList } from './list.js';
import { SessionAccount } from './account.js';
import { SessionEventTarget, type SessionEventMap } from './events.js';
import { Sending } from './sending.js';
import type { ThreadLoader } from './threads.js';
import type * as SideChunk from './conversation-side.js';
import type { ConversationSide } from './conversation-side.js';
import { Realtime } from './realtime.js';
import { ChatStore } from '../store/store.js';
import {
  AuthState,
  SocketState,
  type Conversation,
  type ConversationFilter,
  type CustomerInfo,
  type ListState,
  type MessageTemplate,
  type OrderRef,
  type Page,
  type SessionConfig,
  type SessionStatus,
  type ThreadState,
} from '../model/index.js';
import { Chunk } from '../util/chunk.js';
import { frameScheduler } from '../util/frame.js';

export { LoginError, type LoginErrorCode } from './auth.js';
export { defaultConfig } from './config.js';
export type { OrderExtra } from './actions.js';
export type { Draft, DraftImage, PrivateReplyState, SendOptions, Sending } from './sending.js';
export type { SessionEventMap, SessionEventName } from './events.js';

const registry = new Map<string, ChatSession>();

/** Threads, order badges and actions: a chunk of its own (see conversation-side.ts). */
const sideCode = new Chunk<typeof SideChunk>(() => import('./conversation-side.js'));

/**
 * The session named `name` (default `'default'`), created on first use. `config` is merged
 * into its configuration (see {@link ChatSession.configure}).
 */
export function getSession(name = 'default', config?: Partial<SessionConfig>): ChatSession {
  let session = registry.get(name);
  if (!session) {
    session = new ChatSession(name, config ?? {});
    registry.set(name, session);
  } else if (config) {
    session.configure(config);
  }
  return session;
}

export class ChatSession extends SessionEventTarget {
  /**
   * The session's normalized data. Elements and controllers read through the session's
   * methods ({@link conversation}, {@link thread}, {@link visibleConversations}); the store
   * itself is exposed for diagnostics, benchmarks and tests. Its `applyMessage` and
   * `mergeThread` work from right after the first list (their code comes with what loads then).
   */
  readonly store: ChatStore;
  /**
   * Answering customers: Messenger texts and images, private replies to comments, the
   * outgoing messages each thread shows until their echo arrives, and drafts per
   * conversation. Sends go through the proxy's `POST /api/send`.
   */
  readonly sending: Sending;
  private overrides: Partial<SessionConfig>;
  private _config: SessionConfig;
  private readonly http: HttpClient;
  private readonly api: TposApi;
  private readonly authn: SessionAuth;
  private readonly list: ConversationList;
  private readonly account: SessionAccount;
  private readonly seen: SeenMarker;
  private readonly live: Realtime;
  /** Threads, order badges and actions, once their chunk is there (see {@link side}). */
  private opened: ConversationSide | null = null;
  private readonly log = createLogger(() => this._config.debug);
  private readonly changeFrame = frameScheduler(() => this.emitChange());
  private _selectedId: string | null = null;
  private _revision = 0;
  private lastEventAt: number | null = null;
  private statusCache: SessionStatus | null = null;
  private readonly catchUp: CatchUp;
  /** The room of the data in the store (its shop). */
  private shopRoom = '';
  private readonly debug: DebugExposure;
  private showList: (() => void) | null = null;
  /** Settles after the frame that shows the first list (see {@link authenticated}). */
  private readonly listShown = new Promise<void>((resolve) => (this.showList = resolve));
  private destroyed = false;
  /** A `data` event is due at the end of this task. */
  private dataDue = false;
  private readonly onVisibility = () => {
    if (this._selectedId) this.seen.markSeenIfUnread(this._selectedId);
  };

  /** Prefer {@link getSession}, which shares one instance per name. */
  constructor(
    readonly name: string,
    config: Partial<SessionConfig> = {},
  ) {
    super();
    this.overrides = { ...config };
    this._config = resolveConfig(this.overrides);
    const changed = () => this.changed();
    /** Conversations, threads, the list, the live link: not counted in {@link revision}. */
    const feedChanged = () => this.changed(true);
    const onError = (error: unknown) => this.log.debug('[ChatOmni] request failed:', error);
    this.store = new ChatStore(feedChanged, {
      dedupeWindow: () => this._config.dedupeWindow,
      onPost: (id, post) => this.opened?.orders.notePost(id, post),
    });
    this.http = new HttpClient({
      baseUrl: () => `${this._config.baseUrl}/api`,
      getToken: () => this.authn.token,
      onUnauthorized: (token) => this.authn.handleUnauthorized(token),
      timeoutMs: () => this._config.requestTimeout,
    });
    this.api = new TposApi(this.http);
    this.authn = new SessionAuth(this.api, {
      onAuthenticated: () => this.authenticated(),
      onAuthRequired: () => this.authRequired(),
      onChange: changed,
      proxy: () => this._config.baseUrl,
    });
    const allowed = () => !this.destroyed && this.authn.state === AuthState.Authenticated;
    this.list = new ConversationList({
      api: this.api,
      store: this.store,
      config: () => this._config,
      onChange: feedChanged,
      onError,
      onLearnt: (newest) => this.live.learnt(newest),
      onPage: (rows, filterKey) => this.live.shareRows(rows, filterKey),
    });
    this.account = new SessionAccount(this.api, changed);
    this.sending = new Sending({
      http: this.http,
      store: this.store,
      timeoutMs: () => this._config.sendTimeout,
      // A degraded socket delivers no echo either (docs/tpos-protocol.md §7.8).
      live: () => this.live.live,
      catchUp: (id) => this.catchUpThread(id),
      onChange: changed,
    });
    this.seen = new SeenMarker({ store: this.store, markSeen: (id) => this.markSeen(id) });
    this.live = new Realtime({
      session: name,
      api: this.api,
      store: this.store,
      list: this.list,
      seen: this.seen,
      log: this.log,
      config: () => this._config,
      token: () => this.authn.token,
      allowed,
      selectedId: () => this._selectedId,
      onData: () => {
        this.lastEventAt = Date.now();
        this.changed(true);
      },
      sync: (since) => this.sync(since),
      catchUpThread: (id, since) => this.catchUpThread(id, since),
      orderEvent: (postId, psid) => this.opened?.orders.orderEvent(postId, psid),
      onPeerLogout: () => void this.logout(false),
      listAnswered: () => this.list.state.loaded && !this.list.state.error,
      newestActivity: () => this.store.sortedConversations()[0]?.lastActivityAt,
      changed: feedChanged,
    });
    this.catchUp = this.live.catchUp;
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.onVisibility);
    }
    this.debug = new DebugExposure(name, () =>
      debugSession(
        this.live,
        () => this.status,
        () => this.refresh(),
      ),
    );
    this.debug.update(this._config.debug);
  }

  get config(): Readonly<SessionConfig> {
    return this._config;
  }

  /** Merges configuration; new URLs, tenant or dialects reconnect, new channels reload. */
  configure(partial: Partial<SessionConfig>): void {
    const before = this._config;
    this.overrides = { ...this.overrides, ...partial };
    const after = (this._config = resolveConfig(this.overrides));
    const newShop = configChanged(before, after, ['baseUrl', 'tenant']);
    if (newShop) {
      this.http.abortAll();
      this.resetData();
      this.authn.proxyChanged();
    }
    if (configChanged(before, after, CONNECTION_KEYS)) this.live.rebuild();
    if (this.authn.state === AuthState.Authenticated) {
      if (newShop) {
        void this.account.load();
        this.catchUp.schedule(0);
      } else if (configChanged(before, after, ['channels', 'pageSize', 'listLimits'])) {
        void this.list.load();
      }
    }
    this.live.update();
    this.debug.update(this._config.debug && !this.destroyed);
    this.changed();
  }

  get status(): SessionStatus {
    this.statusCache ??= {
      chat: this.live.status('chat'),
      rt: this.live.status('rt'),
      mode: this.live.mode,
      polling: this.live.polling,
      tab: this.live.role,
      auto: this._config.auto,
      auth: this.authn.state,
      room: this.live.room(),
      lastEventAt: this.lastEventAt,
    };
    return this.statusCache;
  }

  get auth(): AuthState {
    return this.authn.state;
  }

  /**
   * Password grant; rejects with a `LoginError`. With `remember` (default false) the proxy
   * keeps the sign-in in its HttpOnly cookie for the next load ({@link restore}).
   */
  login(username: string, password: string, remember = false): Promise<void> {
    return this.authn.login(username, password, remember);
  }

  /** Once per session: signs in with what the proxy kept, if anything (the elements call it). */
  restore(): void {
    this.authn.restore();
  }

  /** Uses a token obtained elsewhere (kept in memory only); the page renews it. */
  setToken(accessToken: string): void {
    this.authn.setToken(accessToken);
  }

  /**
   * Forgets the token and all data (sockets and polling stop) and the proxy's kept sign-in;
   * the browser's other tabs of this session sign out too (`everywhere`, default true).
   */
  logout(everywhere = true): Promise<void> {
    if (everywhere) this.live.announceLogout();
    this.live.stop();
    this.http.abortAll();
    const forgotten = this.authn.logout();
    this.resetData();
    this.changed();
    return forgotten;
  }

  get filter(): ConversationFilter {
    return this.list.filter;
  }

  /** Sets the list filter and reloads the list from the server (aborting an older search). */
  setFilter(filter: ConversationFilter): void {
    this.list.setFilter(filter);
    if (this.authn.token) void this.list.load();
  }

  get listState(): ListState {
    return this.list.state;
  }

  /** Stored conversations matching the filter and channels, newest activity first (memoized). */
  visibleConversations(): readonly Conversation[] {
    return this.list.visible();
  }

  /** The unread total of a list {@link visibleConversations} returned last, else undefined. */
  unreadTotal(list: readonly Conversation[]): number | undefined {
    return this.list.unreadOf(list);
  }

  /** Order badge reads (`GetCommentOrders`, `chatomni/info`) running or queued; for diagnostics and tests. */
  get pendingOrderReads(): number {
    return this.opened?.orders.pending ?? 0;
  }

  get hasMoreConversations(): boolean {
    return this.list.hasMore;
  }

  loadMoreConversations(): Promise<void> {
    return this.list.loadMore();
  }

  get selectedId(): string | null {
    return this._selectedId;
  }

  /** The stored conversation with that id. */
  conversation(id: string): Conversation | undefined {
    return this.store.getConversation(id);
  }

  /** The thread of a conversation, or undefined while it was never loaded. */
  thread(conversationId: string): ThreadState | undefined {
    return this.store.getThread(conversationId);
  }

  /** Opens a conversation: loads its thread, marks it seen; dispatches `select`. */
  select(id: string | null): void {
    if (id === this._selectedId) return;
    this._selectedId = id;
    this.dispatchEvent(
      new CustomEvent('select', { detail: { id } }) satisfies SessionEventMap['select'],
    );
    this.changed();
    if (id && this.store.getConversation(id)) {
      this.openThread(id);
      this.seen.markSeenIfUnread(id);
    }
  }

  async loadOlder(conversationId: string): Promise<void> {
    await (await this.threadsFor(conversationId))?.loadOlder(conversationId);
  }

  /** Fetches what is new in a thread (or loads it again after an error). */
  async reloadThread(conversationId: string): Promise<void> {
    const threads = await this.threadsFor(conversationId);
    if (!threads) return;
    if (!this.store.getThread(conversationId)?.messages.length) {
      threads.forget(conversationId);
      await threads.load(conversationId);
    } else {
      await threads.catchUp(conversationId);
    }
  }

  async getCustomerInfo(conversationId: string, signal?: AbortSignal): Promise<CustomerInfo> {
    return (await this.side()).actions.customerInfo(conversationId, signal);
  }

  /** Creates an order for the customer; the conversation's orders update at once. */
  async createOrder(conversationId: string, extra?: OrderExtra): Promise<OrderRef> {
    return (await this.side()).actions.createOrder(conversationId, extra);
  }

  /** Replies to a comment as the page; the reply arrives through a socket (or a refetch). */
  async replyComment(messageId: string, text: string): Promise<void> {
    const { actions, threads } = await this.side();
    const conversationId = await actions.replyComment(messageId, text);
    if (!this.live.live) await threads.catchUp(conversationId);
  }

  async hideComment(messageId: string, hidden: boolean): Promise<void> {
    return (await this.side()).actions.hideComment(messageId, hidden);
  }

  async getTemplates(signal?: AbortSignal): Promise<MessageTemplate[]> {
    return (await this.side()).actions.templates(signal);
  }

  /** The Facebook pages of the account (ids, names, logos and team ids only). */
  get pages(): readonly Page[] {
    return this.account.pages;
  }

  partnerStatusColor(statusText: string): string | undefined {
    return this.account.partnerColour(statusText);
  }

  orderStatusColor(statusText: string): string | undefined {
    return this.account.orderColour(statusText);
  }

  /** The seed's "Auto": poll even while sockets are up. */
  setAuto(on: boolean): void {
    this.configure({ auto: on });
  }

  /** Refreshes the list and the open thread now. */
  async refresh(): Promise<void> {
    await this.sync(this.catchUp.since);
  }

  /** Connects both sockets (debug, tests). */
  connect(): void {
    if (this.authn.state === AuthState.Authenticated) this.live.start();
  }

  /**
   * Disconnects this tab's sockets without retrying (debug, tests); polling takes over. A
   * tab that shows another tab's connection has none to close.
   */
  disconnect(): void {
    this.live.disconnect();
  }

  /** Closes everything and removes the session from the registry. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.opened?.orders.reset();
    this.live.destroy();
    this.seen.stop();
    this.sending.clear();
    this.http.abortAll();
    this.catchUp.cancel();
    this.changeFrame.cancel();
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
    this.debug.remove();
    if (registry.get(this.name) === this) registry.delete(this.name);
  }

  /**
   * Increases on every change but those of the store's data, the list and the live link
   * (socket events and status): selection, sign-in, sending, account, configuration. With the
   * store's objects of one conversation, it tells a view of that conversation whether to
   * render again.
   */
  get revision(): number {
    return this._revision;
  }

  private changed(data = false): void {
    if (!data) this._revision++;
    this.statusCache = null;
    if (this.destroyed) return;
    this.changeFrame.schedule();
    if (!data || this.dataDue) return;
    this.dataDue = true;
    // A microtask: after the whole socket event (or answer) is applied, before other tasks.
    queueMicrotask(() => {
      this.dataDue = false;
      if (!this.destroyed) this.dispatchEvent(new Event('data'));
    });
  }

  private emitChange(): void {
    // An echo that arrived since the last frame replaces its outgoing message in this frame.
    this.sending.reconcile();
    this.dispatchEvent(new Event('change'));
    // The elements show the first list (or why there is none) in this frame: the sockets and
    // the conversation side wait for that, not for a sync, which a new filter or shop may have
    // overtaken.
    const { loaded, error } = this.list.state;
    if (this.showList && (loaded || error)) {
      const shown = this.showList;
      this.showList = null;
      setTimeout(() => {
        shown();
        if (!this.destroyed) void this.side().catch(() => undefined);
      });
    }
  }

  /**
   * Signed in: the sockets (re)connect, and their connection reads back the list (the
   * catch-up). The first time, their code is a chunk still to fetch, which the list does not
   * need: then the list loads at once, and the sockets after the frame that shows it; their
   * first connect reads back whatever came meanwhile.
   */
  private authenticated(): void {
    if (this.destroyed) return;
    // A token of another tenant (no tenant configured) is another shop: start from scratch.
    const room = this.live.room();
    if (this.shopRoom && room !== this.shopRoom) this.resetData();
    this.shopRoom = room;
    this.live.start(this.listShown);
    void this.account.load();
    this.catchUp.schedule(this.live.ready ? 250 : 0);
  }

  private authRequired(): void {
    this.catchUp.noteGap();
    this.live.stop(SocketState.Down);
    this.http.abortAll();
    this.changed();
    this.dispatchEvent(new Event('auth-required'));
  }

  /**
   * List and open thread now (poll, refresh, catch-up from `since`). Resolves true when both
   * are up to date.
   */
  private async sync(since?: number): Promise<boolean> {
    if (this.authn.state !== AuthState.Authenticated) return false;
    const id = this._selectedId;
    const [listOk] = await Promise.all([
      this.list.load(since),
      id ? this.catchUpThread(id, since) : undefined,
    ]);
    const ok = listOk && !(id && this.store.getThread(id)?.error);
    if (!this.list.state.error) this.lastEventAt = Date.now();
    if (id && id === this._selectedId) this.seen.markSeenIfUnread(id);
    if (ok) this.catchUp.covered(since);
    this.live.shareSynced(since, ok);
    this.changed();
    return ok;
  }

  /**
   * Threads, order badges and actions (conversation-side.ts), loading their chunk first when
   * it is not there yet (right after the first list, or at the first use before that).
   */
  private async side(): Promise<ConversationSide> {
    if (this.opened) return this.opened;
    const { ConversationSide } = await sideCode.load();
    this.opened ??= new ConversationSide({
      http: this.http,
      store: this.store,
      account: this.account,
      config: () => this._config,
      allowed: () => !this.destroyed && this.authn.state === AuthState.Authenticated,
      onError: (error) => this.log.debug('[ChatOmni] request failed:', error),
    });
    return this.opened;
  }

  /** The thread loader; a chunk that cannot be loaded is the thread's `network` error. */
  private async threadsFor(id: string): Promise<ThreadLoader | null> {
    try {
      return (await this.side()).threads;
    } catch {
      this.store.patchThread(id, { loading: false, loadingOlder: false, error: 'network' });
      return null;
    }
  }

  /** Brings a thread up to date (back to `since`), loading the conversation side first. */
  private async catchUpThread(id: string, since?: number): Promise<void> {
    await (await this.threadsFor(id))?.catchUp(id, since);
  }

  /** Loads a thread just opened (and its customer's latest order); loading at once. */
  private openThread(id: string): void {
    const open = ({ threads, orders }: ConversationSide) => {
      void threads.load(id);
      void orders.openConversation(id);
    };
    if (this.opened) return open(this.opened);
    this.store.patchThread(id, { loading: true, error: null });
    this.side().then(open, () => this.store.patchThread(id, { loading: false, error: 'network' }));
  }

  private markSeen(id: string): void {
    const conversation = this.store.getConversation(id);
    if (!conversation || this.authn.state !== AuthState.Authenticated) return;
    this.api
      .markSeen({ pageId: conversation.pageId, psid: conversation.psid })
      .catch((error: unknown) => this.log.debug('[ChatOmni] mark seen failed:', error));
  }

  private resetData(): void {
    this.shopRoom = '';
    this._selectedId = null;
    this.catchUp.reset();
    this.account.reset();
    this.opened?.clear();
    this.list.reset();
    this.store.clear();
    this.sending.clear();
  }
}
