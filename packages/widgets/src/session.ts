/**
 * `ChatSession`: one login, one store, one pair of sockets and one poller, shared by every
 * element that names the same session (`getSession(name)`). Elements read its state and
 * listen for `change` (at most once per animation frame), `auth-required` and `select`.
 */
import { HttpClient, HttpError } from './api/http.js';
import { TposApi } from './api/tpos.js';
import { createLogger, exposeSession, type DebugSocket } from './debug.js';
import { parseEvent, type RealtimeAction, type RealtimeEventName } from './realtime/envelope.js';
import type { LinkName } from './realtime/socket-link.js';
import { ConversationList } from './session-list.js';
import { SessionAuth } from './session-auth.js';
import { RealtimeLink } from './session-realtime.js';
import { ThreadLoader } from './session-threads.js';
import {
  normalizeCustomerInfo,
  normalizeOrder,
  normalizeOrderColours,
  normalizePages,
  normalizePartnerStatuses,
  normalizeTemplates,
} from './store/normalize.js';
import { ChatStore } from './store/store.js';
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
} from './types.js';
import { frameScheduler } from './util/frame.js';
import { trimTrailingSlash } from './util/url.js';

export { LoginError, type LoginErrorCode } from './session-auth.js';

/** Delay before a debounced refresh asked for by an event without data. */
const EVENT_REFRESH_DELAY = 300;
/** Delay before marking a conversation seen (several messages in a row → one call). */
const MARK_SEEN_DELAY = 500;

/** Defaults of every session; `baseUrl` is the page's origin. */
export function defaultConfig(): SessionConfig {
  const origin =
    typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : '';
  return {
    baseUrl: origin,
    tenant: 'tomato.tpos.vn',
    rtUrl: '',
    chatUrl: '',
    socketPath: '/socket.io',
    rtDialect: 'captured',
    chatDialect: 'captured',
    channels: [],
    pollInterval: 10_000,
    auto: false,
    pageSize: 200,
    debug: false,
    reconnectDelay: 1000,
    slowReconnectDelay: 30_000,
    requestTimeout: 15_000,
  };
}

function resolveConfig(overrides: Partial<SessionConfig>): SessionConfig {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<SessionConfig>;
  const config = { ...defaultConfig(), ...defined };
  config.baseUrl = trimTrailingSlash(config.baseUrl);
  config.rtUrl ||= `${config.baseUrl}/ws/rt`;
  config.chatUrl ||= `${config.baseUrl}/ws/chat`;
  config.channels = [...config.channels];
  config.pollInterval = Math.max(100, config.pollInterval);
  config.pageSize = Math.min(2000, Math.max(1, Math.floor(config.pageSize)));
  return Object.freeze(config);
}

const registry = new Map<string, ChatSession>();

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

export class ChatSession extends EventTarget {
  readonly store: ChatStore;
  private overrides: Partial<SessionConfig>;
  private _config: SessionConfig;
  private readonly http: HttpClient;
  private readonly api: TposApi;
  private readonly authn: SessionAuth;
  private readonly list: ConversationList;
  private readonly threads: ThreadLoader;
  private readonly live: RealtimeLink;
  private readonly log = createLogger(() => this._config.debug);
  private readonly changeFrame = frameScheduler(() => this.emitChange());
  private _selectedId: string | null = null;
  private _pages: readonly Page[] = [];
  private partnerColours = new Map<string, string>();
  private orderColours = new Map<string, string>();
  private metaLoaded = false;
  private lastEventAt: number | null = null;
  private statusCache: SessionStatus | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private catchUpTimer: { at: number; timer: ReturnType<typeof setTimeout> } | undefined;
  private readonly seenTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private unexpose: (() => void) | null = null;
  private destroyed = false;
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(
    readonly name: string,
    config: Partial<SessionConfig> = {},
  ) {
    super();
    this.overrides = { ...config };
    this._config = resolveConfig(this.overrides);
    this.store = new ChatStore(() => this.changed());
    this.http = new HttpClient({
      baseUrl: () => `${this._config.baseUrl}/api`,
      getToken: () => this.authn.token,
      onUnauthorized: (token) => this.authn.handleUnauthorized(token),
      timeoutMs: this._config.requestTimeout,
    });
    this.api = new TposApi(this.http);
    this.authn = new SessionAuth(() => this.api, {
      onAuthenticated: () => this.authenticated(),
      onAuthRequired: () => this.authRequired(),
      onChange: () => this.changed(),
    });
    const onError = (error: unknown) =>
      this.log.debug('[ChatOmni] request failed:', describe(error));
    this.list = new ConversationList({
      api: () => this.api,
      store: this.store,
      pageSize: () => this._config.pageSize,
      channels: () => this._config.channels,
      onChange: () => this.changed(),
      onError,
    });
    this.threads = new ThreadLoader({ api: () => this.api, store: this.store, onError });
    this.live = new RealtimeLink({
      config: () => this._config,
      getToken: () => this.authn.token,
      allowed: () => !this.destroyed && this.authn.state === AuthState.Authenticated,
      onEvent: (link, event, payload) => this.handleEvent(link, event, payload),
      onConnect: () => this.scheduleCatchUp(50),
      onAuthError: (_link, token) => void this.authn.handleUnauthorized(token),
      poll: () => this.sync(),
      onChange: () => this.changed(),
      log: this.log,
    });
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.onVisibility);
    }
    this.updateDebug();
  }

  get config(): Readonly<SessionConfig> {
    return this._config;
  }

  /** Merges configuration; new URLs, tenant or dialects reconnect, new channels reload. */
  configure(partial: Partial<SessionConfig>): void {
    const before = this._config;
    this.overrides = { ...this.overrides, ...partial };
    const after = (this._config = resolveConfig(this.overrides));
    const connection = ['rtUrl', 'chatUrl', 'socketPath', 'tenant', 'rtDialect', 'chatDialect'];
    const changed = (keys: string[]) =>
      keys.some((k) => before[k as keyof SessionConfig] !== after[k as keyof SessionConfig]);
    if (changed(['baseUrl', 'tenant'])) {
      this.http.abortAll();
      this.resetData();
    }
    if (changed([...connection, 'reconnectDelay', 'slowReconnectDelay', 'baseUrl'])) {
      this.live.rebuild();
    }
    if (this.authn.state === AuthState.Authenticated) {
      if (changed(['baseUrl', 'tenant'])) this.scheduleCatchUp(0);
      else if (before.channels.join() !== after.channels.join()) void this.list.load();
    }
    this.live.update();
    this.updateDebug();
    this.changed();
  }

  get status(): SessionStatus {
    this.statusCache ??= {
      chat: this.live.status('chat'),
      rt: this.live.status('rt'),
      mode: this.live.mode,
      polling: this.live.polling,
      auto: this._config.auto,
      auth: this.authn.state,
      lastEventAt: this.lastEventAt,
    };
    return this.statusCache;
  }

  get auth(): AuthState {
    return this.authn.state;
  }

  /** Logs in with the password grant through `<baseUrl>/api/token`; rejects with a LoginError. */
  login(username: string, password: string): Promise<void> {
    return this.authn.login(username, password);
  }

  /** Uses a token obtained elsewhere (kept in memory only). */
  setToken(accessToken: string, refreshToken?: string): void {
    this.authn.setToken(accessToken, refreshToken);
  }

  /** Forgets the token and all data; sockets and polling stop. */
  logout(): void {
    this.authn.logout();
    this.live.stop();
    this.http.abortAll();
    this.resetData();
    this.changed();
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

  /** Stored conversations matching the filter and channels, newest activity first. */
  visibleConversations(): readonly Conversation[] {
    return this.list.visible();
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

  /** Opens a conversation: loads its thread, marks it seen; dispatches `select`. */
  select(id: string | null): void {
    if (id === this._selectedId) return;
    this._selectedId = id;
    this.dispatchEvent(new CustomEvent('select', { detail: { id } }));
    this.changed();
    if (id && this.store.getConversation(id)) {
      void this.threads.load(id);
      this.markSeenIfNeeded(id);
    }
  }

  loadOlder(conversationId: string): Promise<void> {
    return this.threads.loadOlder(conversationId);
  }

  /** Fetches what is new in a thread (or loads it again after an error). */
  async reloadThread(conversationId: string): Promise<void> {
    const thread = this.store.getThread(conversationId);
    if (!thread || thread.messages.length === 0) {
      this.threads.forget(conversationId);
      await this.threads.load(conversationId);
    } else {
      await this.threads.catchUp(conversationId);
    }
  }

  async getCustomerInfo(conversationId: string, signal?: AbortSignal): Promise<CustomerInfo> {
    const { conversation, page } = await this.locate(conversationId);
    return normalizeCustomerInfo(
      await this.api.customerInfo(page.teamId, conversation.psid, signal),
    );
  }

  /** Creates an order for the customer; the conversation's orders update at once. */
  async createOrder(
    conversationId: string,
    extra: {
      phone?: string;
      address?: string;
      note?: string;
      commentId?: string;
      postId?: string;
    } = {},
  ): Promise<OrderRef> {
    const { conversation, page } = await this.locate(conversationId);
    const teamId = /^\d+$/.test(page.teamId) ? Number(page.teamId) : page.teamId;
    const answer = await this.api.createOrder({
      CRMTeamId: teamId,
      Facebook_UserName: conversation.name,
      Facebook_ASUserId: conversation.psid,
      Facebook_PostId: extra.postId ?? conversation.lastPostId ?? null,
      Facebook_CommentId: extra.commentId ?? null,
      ...(extra.phone ? { Phone: extra.phone } : {}),
      ...(extra.address ? { Address: extra.address } : {}),
      ...(extra.note ? { Note: extra.note } : {}),
    });
    const order = normalizeOrder(answer);
    if (!order) throw new HttpError('bad-body', 'Unexpected response shape');
    this.store.addOrder(conversationId, order);
    return order;
  }

  /** Replies to a comment as the page. The reply arrives through the sockets (or a refetch). */
  async replyComment(messageId: string, text: string): Promise<void> {
    const { message, conversation } = this.locateComment(messageId);
    await this.api.replyComment(conversation.pageId, message.commentId!, text);
    if (!this.live.anyConnected) await this.threads.catchUp(conversation.id);
  }

  async hideComment(messageId: string, hidden: boolean): Promise<void> {
    const { message, conversation } = this.locateComment(messageId);
    await this.api.hideComment(conversation.pageId, message.commentId!, hidden);
    this.store.patchMessage(conversation.id, message.id, { isHidden: hidden });
  }

  async getTemplates(signal?: AbortSignal): Promise<MessageTemplate[]> {
    return normalizeTemplates(await this.api.templates(signal));
  }

  /** The Facebook pages of the account (ids, names, logos only). */
  get pages(): readonly Page[] {
    return this._pages;
  }

  partnerStatusColor(statusText: string): string | undefined {
    return this.partnerColours.get(statusText);
  }

  orderStatusColor(statusText: string): string | undefined {
    return this.orderColours.get(statusText);
  }

  /** The seed's "Auto": poll even while sockets are up. */
  setAuto(on: boolean): void {
    this.configure({ auto: on });
  }

  /** Refreshes the list and the open thread now. */
  refresh(): Promise<void> {
    return this.sync();
  }

  /** Connects both sockets (debug, tests). */
  connect(): void {
    if (this.authn.state === AuthState.Authenticated) this.live.start();
  }

  /** Disconnects both sockets without retrying (debug, tests); polling takes over. */
  disconnect(): void {
    this.live.stop();
  }

  /** Closes everything and removes the session from the registry. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.live.destroy();
    this.http.abortAll();
    clearTimeout(this.refreshTimer);
    clearTimeout(this.catchUpTimer?.timer);
    for (const timer of this.seenTimers.values()) clearTimeout(timer);
    this.seenTimers.clear();
    this.changeFrame.cancel();
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
    this.unexpose?.();
    if (registry.get(this.name) === this) registry.delete(this.name);
  }

  // ---- internals -------------------------------------------------------------------------

  private changed(): void {
    this.statusCache = null;
    if (!this.destroyed) this.changeFrame.schedule();
  }

  private emitChange(): void {
    this.store.flush();
    this.dispatchEvent(new Event('change'));
  }

  private authenticated(): void {
    if (this.destroyed) return;
    this.live.start();
    if (!this.metaLoaded) void this.loadMeta();
    this.scheduleCatchUp(250);
  }

  private authRequired(): void {
    this.live.stop(SocketState.Down);
    this.http.abortAll();
    this.changed();
    this.dispatchEvent(new Event('auth-required'));
  }

  /** List and open thread now (poll, refresh). */
  private async sync(since?: number): Promise<void> {
    if (this.authn.state !== AuthState.Authenticated) return;
    const id = this._selectedId;
    await Promise.all([this.list.load(since), id ? this.threads.catchUp(id) : undefined]);
    if (!this.list.state.error) this.lastEventAt = Date.now();
    if (id) this.markSeenIfNeeded(id);
    this.changed();
  }

  /** A catch-up within `delay` ms (an earlier request wins; both sockets → one catch-up). */
  private scheduleCatchUp(delay: number): void {
    const at = Date.now() + delay;
    if (this.catchUpTimer && this.catchUpTimer.at <= at) return;
    clearTimeout(this.catchUpTimer?.timer);
    this.catchUpTimer = {
      at,
      timer: setTimeout(() => {
        this.catchUpTimer = undefined;
        const newest = this.store.sortedConversations()[0]?.lastActivityAt;
        void this.sync(newest);
      }, delay),
    };
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.sync();
    }, EVENT_REFRESH_DELAY);
  }

  private async loadMeta(): Promise<void> {
    this.metaLoaded = true;
    const results = await Promise.allSettled([
      this.api.teams(),
      this.api.partnerStatuses(),
      this.api.orderStatusColours(),
    ]);
    if (this.destroyed) return;
    const [teams, partner, order] = results;
    if (teams.status === 'fulfilled') this._pages = Object.freeze(normalizePages(teams.value));
    if (partner.status === 'fulfilled')
      this.partnerColours = normalizePartnerStatuses(partner.value);
    if (order.status === 'fulfilled') this.orderColours = normalizeOrderColours(order.value);
    if (results.some((r) => r.status === 'rejected')) this.metaLoaded = false;
    this.changed();
  }

  private handleEvent(link: LinkName, event: RealtimeEventName, payload: unknown): void {
    const tag = `[${link.toUpperCase()}]`;
    let action: RealtimeAction;
    try {
      action = parseEvent(event, payload);
    } catch {
      action = { type: 'drop', reason: 'parser failure' };
    }
    try {
      this.apply(tag, event, action);
    } catch (error) {
      this.log.debug(`${tag} Event dropped:`, describe(error));
    }
  }

  private apply(tag: string, event: RealtimeEventName, action: RealtimeAction): void {
    this.lastEventAt = Date.now();
    this.changed();
    switch (action.type) {
      case 'message': {
        const { message, conversation } = action;
        this.log.info(`${tag} New message received:`, {
          id: message.id,
          conversationId: message.conversationId,
          kind: message.kind,
        });
        const open = this._selectedId === message.conversationId && pageVisible();
        const added = this.store.applyMessage(message, conversation, { countUnread: !open });
        if (added && open && !message.isOwner) this.scheduleMarkSeen(message.conversationId);
        return;
      }
      case 'order': {
        this.log.info(`${tag} Order event:`, action.order.code);
        for (const conversation of this.store.findByPsid(action.psid)) {
          this.store.addOrder(conversation.id, action.order);
        }
        return;
      }
      case 'refresh': {
        this.log.info(`${tag} Event: ${event}`);
        // The seed's on-conversations follows the on-messages we already applied.
        const known = action.conversationId && this.store.getConversation(action.conversationId);
        if (known && action.updatedAt !== undefined && known.lastActivityAt >= action.updatedAt)
          return;
        this.scheduleRefresh();
        return;
      }
      case 'ignore':
        this.log.debug(`${tag} Event ignored: ${action.reason}`);
        return;
      case 'drop':
        this.log.debug(`${tag} Payload dropped: ${action.reason}`);
        return;
    }
  }

  private markSeenIfNeeded(id: string): void {
    const conversation = this.store.getConversation(id);
    if (!conversation || conversation.unreadCount === 0 || !pageVisible()) return;
    this.store.patchConversation(id, { unreadCount: 0 });
    this.scheduleMarkSeen(id);
  }

  private scheduleMarkSeen(id: string): void {
    clearTimeout(this.seenTimers.get(id));
    this.seenTimers.set(
      id,
      setTimeout(() => {
        this.seenTimers.delete(id);
        const conversation = this.store.getConversation(id);
        if (!conversation || this.authn.state !== AuthState.Authenticated) return;
        const at = { pageId: conversation.pageId, psid: conversation.psid };
        this.api
          .markSeen(at)
          .catch((error: unknown) => this.log.debug('mark seen failed', describe(error)));
      }, MARK_SEEN_DELAY),
    );
  }

  private visibilityChanged(): void {
    if (this._selectedId && pageVisible()) this.markSeenIfNeeded(this._selectedId);
  }

  private resetData(): void {
    this._selectedId = null;
    this._pages = [];
    this.metaLoaded = false;
    this.threads.clear();
    this.list.reset();
    this.store.clear();
  }

  private async locate(
    conversationId: string,
  ): Promise<{ conversation: Conversation; page: Page }> {
    const conversation = this.store.getConversation(conversationId);
    if (!conversation) throw new Error(`Unknown conversation ${conversationId}`);
    if (!this._pages.some((p) => p.id === conversation.pageId)) await this.loadMeta();
    const page = this._pages.find((p) => p.id === conversation.pageId);
    if (!page) throw new Error(`Unknown page ${conversation.pageId}`);
    return { conversation, page };
  }

  private locateComment(messageId: string) {
    const message = this.store.findMessage(messageId);
    const conversation = message && this.store.getConversation(message.conversationId);
    if (!message || !conversation || message.kind !== 'comment' || !message.commentId) {
      throw new Error(`Unknown comment ${messageId}`);
    }
    return { message, conversation };
  }

  private updateDebug(): void {
    if (this._config.debug && !this.unexpose && !this.destroyed) {
      const socket = (name: LinkName): DebugSocket => ({
        get connected() {
          return live.socket(name)?.connected ?? false;
        },
        get id() {
          return live.socket(name)?.id;
        },
        connect: () => live.startOne(name),
        disconnect: () => live.stopOne(name),
      });
      const live = this.live;
      const status = () => this.status;
      this.unexpose = exposeSession(this.name, {
        chat: socket('chat'),
        rt: socket('rt'),
        get status() {
          return status();
        },
        refresh: () => this.refresh(),
      });
    } else if (!this._config.debug && this.unexpose) {
      this.unexpose();
      this.unexpose = null;
    }
  }
}

function pageVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/** An error as a short string for the debug log (never a body or a token). */
function describe(error: unknown): string {
  if (error instanceof HttpError) return `${error.code} ${error.status || ''}`.trim();
  return error instanceof Error ? error.name : 'unknown error';
}
