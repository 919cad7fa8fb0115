/**
 * The live link of a session: both {@link SocketConnection}s (`rt` and `chat`) plus the
 * polling fallback. Polling starts `FALLBACK_DELAY` ms after no socket delivers any more
 * (down, refused room, or degraded: docs/tpos-protocol.md §7.8), or always with Auto; it stops
 * when a socket delivers again, and every (re)connect asks the session for a catch-up. The
 * sockets join the room `hooks.room()` (the tenant, else the token's `TenantId`); a new room
 * means new sockets. A socket waiting to retry is nudged (reconnect.ts, §7.10) when a poll is
 * answered after a failed one, on the browser's `online` event and when the page is shown.
 *
 * The sockets' code (SocketConnection, the Socket.IO client and the payload parser) is a chunk
 * of its own, not needed to show the list: `start()` fetches it, once what it is given to wait
 * for has settled (the session's first list shown), and reports the sockets connecting
 * meanwhile. A fetch that fails is tried again on the sockets' backoff, or at once on the same
 * nudges; polling stands in.
 */
import { Poller } from './poller.js';
import { Chunk } from '../util/chunk.js';
import type * as Sockets from './socket-connection.js';
import type { ServerName, SocketConnection } from './socket-connection.js';
import type { RealtimeAction, RealtimeEventName } from './actions.js';
import type { Logger } from '../util/logger.js';
import { pageHidden } from '../util/visibility.js';
import { QUICK_ATTEMPTS, retryDelay, type Nudge } from './reconnect.js';
import { LinkMode, SocketState, type SessionConfig, type SocketStatus } from '../model/index.js';

/** Grace period between "no socket is up" and the first poll, so a quick reconnect wins. */
export const FALLBACK_DELAY = 500;

export interface LiveLinkHooks {
  config(): SessionConfig;
  getToken(): string | null;
  /** The realtime room; empty when none is known (the sockets then stay idle). */
  room(): string;
  /** Authenticated: sockets may connect and polling may run. */
  allowed(): boolean;
  onEvent(server: ServerName, event: RealtimeEventName, action: RealtimeAction): void;
  /** A socket (re)connected: fetch what happened meanwhile. */
  onConnect(server: ServerName, reconnected: boolean): void;
  onAuthError(server: ServerName, usedToken: string | null): void;
  /** One poll: list and open thread; resolves false when REST could not be read. */
  poll(): Promise<boolean>;
  onChange(): void;
  log: Logger;
}

const IDLE: SocketStatus = { state: SocketState.Idle, attempt: 0, lastEventAt: null };

/** The sockets' chunk (see the module's comment). */
const socketCode = new Chunk<typeof Sockets>(() => import('./socket-connection.js'));

/** Waiting for the sockets' chunk: the newest `start()`, and the fetches that failed. */
interface PendingStart {
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
  /** After a failed fetch: fetch again now (instead of at `timer`). */
  retry?: () => void;
}

export class LiveLink {
  private sockets: Record<ServerName, SocketConnection> | null = null;
  /** The room the sockets were made for. */
  private room = '';
  private pending: PendingStart | null = null;
  private readonly poller: Poller;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last poll failed: the next answered one nudges the sockets. */
  private pollFailed = false;
  private readonly onOnline = () => this.nudge('online');
  private readonly onVisibility = () => {
    if (!pageHidden()) this.nudge('visible');
  };

  constructor(private readonly hooks: LiveLinkHooks) {
    this.poller = new Poller({
      interval: () => hooks.config().pollInterval,
      tick: () => this.poll(),
      onChange: () => hooks.onChange(),
    });
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    if (typeof document !== 'undefined')
      document.addEventListener('visibilitychange', this.onVisibility);
  }

  socket(name: ServerName): SocketConnection | null {
    return this.sockets?.[name] ?? null;
  }

  status(name: ServerName): SocketStatus {
    const failures = this.pending?.failures;
    if (failures === undefined) return this.sockets?.[name].status ?? IDLE;
    // As the sockets will say once there: connecting, then retrying quickly, then down.
    const state = !failures
      ? SocketState.Connecting
      : failures <= QUICK_ATTEMPTS
        ? SocketState.Reconnecting
        : SocketState.Down;
    return { ...IDLE, state, attempt: failures };
  }

  /** The sockets' code is loaded: `start()` connects at once. */
  get ready(): boolean {
    return socketCode.value !== undefined;
  }

  get anyConnected(): boolean {
    return Boolean(this.sockets && (this.sockets.rt.connected || this.sockets.chat.connected));
  }

  /** A socket is connected and delivering (not degraded): realtime holds. */
  get live(): boolean {
    const delivering = (s: SocketConnection) =>
      s.connected && s.status.state !== SocketState.Degraded;
    return Boolean(this.sockets && (delivering(this.sockets.rt) || delivering(this.sockets.chat)));
  }

  get polling(): boolean {
    return this.poller.running;
  }

  get mode(): LinkMode {
    if (this.live) return LinkMode.Realtime;
    return this.poller.running ? LinkMode.Polling : LinkMode.Offline;
  }

  /**
   * (Re)connects both sockets, e.g. after a new token (new sockets for a new room). The first
   * time, their chunk is fetched once `after` has settled (at once without it); the sockets
   * show connecting meanwhile.
   */
  start(after?: Promise<unknown>): void {
    const room = this.hooks.room();
    if (this.sockets && room !== this.room) this.rebuild(false);
    if (!room) {
      this.cancelStart();
      this.hooks.log.info('[ChatOmni] No realtime room (no tenant, no TenantId in the token)');
      return this.update();
    }
    if (!socketCode.value) return this.startLater(after);
    this.cancelStart();
    this.room = room;
    const sockets = (this.sockets ??= { rt: this.create('rt'), chat: this.create('chat') });
    sockets.rt.start();
    sockets.chat.start();
    this.update();
  }

  /** Connects one socket (debug console). */
  startOne(name: ServerName): void {
    if (!this.sockets) return this.start();
    this.sockets[name].start();
  }

  /** Restarts one socket that stopped (e.g. after its token was refused and replaced). */
  resumeOne(name: ServerName): void {
    if (this.hooks.allowed()) this.sockets?.[name].resume();
  }

  /** One socket's room was refused although the token is valid: slow retry (§7.8). */
  rejectRoom(name: ServerName): void {
    if (this.hooks.allowed()) this.sockets?.[name].rejectRoom();
    this.update();
  }

  /** One socket failed for a reason that is not the server's refusal: the usual backoff. */
  retryOne(name: ServerName): void {
    if (this.hooks.allowed()) this.sockets?.[name].retrySoon();
  }

  /** REST found activity no socket delivered: connected sockets are degraded (§7.8). */
  degrade(): void {
    this.sockets?.rt.degrade();
    this.sockets?.chat.degrade();
    this.update();
  }

  /**
   * The path may be back: each socket waiting on its backoff timer tries now, as its schedule
   * allows (reconnect.ts; never a refused room). Returns how many will try.
   */
  nudge(kind: Nudge): number {
    if (this.pending?.retry && this.hooks.allowed()) {
      this.hooks.log.info(`[ChatOmni] ${kind}: fetching the realtime code again now`);
      this.pending.retry();
      return 0;
    }
    if (!this.sockets || !this.hooks.allowed()) return 0;
    const tried = [this.sockets.rt, this.sockets.chat].filter((s) => s.nudge(kind));
    if (tried.length) this.hooks.log.info(`[ChatOmni] ${kind}: trying the sockets again now`);
    return tried.length;
  }

  /** Disconnects one socket without retrying (debug console); polling takes over. */
  stopOne(name: ServerName): void {
    this.sockets?.[name].stop();
    this.update();
  }

  /** Disconnects both sockets and stops polling (auth-required, logout). */
  stop(state: SocketState = SocketState.Idle): void {
    this.cancelStart();
    this.sockets?.rt.stop(state);
    this.sockets?.chat.stop(state);
    this.update();
  }

  /** Throws the sockets away (URL, tenant or dialect changed); `start()` makes new ones. */
  rebuild(restart = true): void {
    const wasRunning = this.sockets !== null;
    this.sockets?.rt.destroy();
    this.sockets?.chat.destroy();
    this.sockets = null;
    if (restart && wasRunning && this.hooks.allowed()) this.start();
  }

  /** Re-evaluates whether polling should run. */
  update(): void {
    const { auto } = this.hooks.config();
    if (!this.hooks.allowed()) {
      this.cancelFallback();
      this.poller.setWanted(false);
    } else if (auto) {
      this.cancelFallback();
      this.poller.setWanted(true);
    } else if (this.live) {
      this.cancelFallback();
      this.poller.setWanted(false);
    } else if (!this.poller.wanted && this.fallbackTimer === undefined) {
      this.fallbackTimer = setTimeout(() => {
        this.fallbackTimer = undefined;
        if (this.hooks.allowed() && !this.live) this.poller.setWanted(true);
      }, FALLBACK_DELAY);
    }
    this.hooks.onChange();
  }

  destroy(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    if (typeof document !== 'undefined')
      document.removeEventListener('visibilitychange', this.onVisibility);
    this.cancelStart();
    this.cancelFallback();
    this.poller.destroy();
    this.sockets?.rt.destroy();
    this.sockets?.chat.destroy();
    this.sockets = null;
  }

  /** One poll; an answer after a failed poll proves REST is reachable again: a `poll` nudge. */
  private async poll(): Promise<void> {
    const answered = await this.hooks.poll().catch(() => false);
    if (!answered) {
      this.pollFailed = true;
      return;
    }
    if (this.pollFailed) {
      this.pollFailed = false;
      this.nudge('poll');
    }
  }

  /**
   * Fetches the sockets' chunk, then starts them; the newest call wins. A fetch that failed is
   * tried again on the sockets' backoff, or at once when nudged (see {@link nudge}).
   */
  private startLater(after?: Promise<unknown>): void {
    this.cancelStart();
    const pending: PendingStart = (this.pending = { failures: 0 });
    const attempt = async (): Promise<void> => {
      try {
        await socketCode.load();
      } catch (error) {
        if (this.pending !== pending) return;
        pending.failures++;
        const { reconnectDelay: first, slowReconnectDelay: ceiling } = this.hooks.config();
        const delay = retryDelay(pending.failures, { first, ceiling });
        this.hooks.log.info(
          `[ChatOmni] The realtime code could not be loaded; polling, retrying in ${Math.round(delay)} ms:`,
          error,
        );
        pending.retry = () => {
          clearTimeout(pending.timer);
          pending.retry = undefined;
          void attempt();
        };
        pending.timer = setTimeout(pending.retry, delay);
        return this.update();
      }
      if (this.pending !== pending) return;
      if (this.hooks.allowed()) this.start();
      else this.cancelStart();
    };
    void (after ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => (this.pending === pending ? attempt() : undefined));
    this.update();
  }

  private cancelStart(): void {
    clearTimeout(this.pending?.timer);
    this.pending = null;
  }

  private cancelFallback(): void {
    clearTimeout(this.fallbackTimer);
    this.fallbackTimer = undefined;
  }

  private create(name: ServerName): SocketConnection {
    const config = this.hooks.config();
    return new socketCode.value!.SocketConnection({
      name,
      url: name === 'rt' ? config.rtUrl : config.chatUrl,
      socketPath: config.socketPath,
      room: this.room,
      dialect: name === 'rt' ? config.rtDialect : config.chatDialect,
      reconnectDelay: config.reconnectDelay,
      slowReconnectDelay: config.slowReconnectDelay,
      roomRetryDelay: config.roomRetryDelay,
      getToken: () => this.hooks.getToken(),
      onEvent: (event, action) => this.hooks.onEvent(name, event, action),
      onConnect: (reconnected) => {
        this.update();
        this.hooks.onConnect(name, reconnected);
      },
      onAuthError: (token) => this.hooks.onAuthError(name, token),
      onStatus: () => this.update(),
      log: this.hooks.log,
    });
  }
}
