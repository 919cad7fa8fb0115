/**
 * The live link of a tab: both {@link SocketConnection}s (`rt` and `chat`) plus the polling
 * fallback. Polling starts `FALLBACK_DELAY` ms after no socket delivers any more (down, refused
 * room, or degraded: docs/tpos-protocol.md §7.8), or always with Auto; it stops when a socket
 * delivers again, and every (re)connect asks the session for a catch-up. The sockets join the
 * room `hooks.room()` (the tenant, else the token's `TenantId`); a new room means new sockets.
 * A socket waiting to retry is nudged (reconnect.ts, §7.10) when a poll is answered after a
 * failed one, on the browser's `online` event and when the page is shown.
 *
 * Part of the live chunk (session/live.ts), made once its code is there; until then the
 * session's `Realtime` stands in.
 */
import { Poller } from './poller.js';
import { SocketConnection, type ServerName } from './socket-connection.js';
import type { RealtimeAction, RealtimeEventName } from './actions.js';
import type { Logger } from '../util/logger.js';
import type { Nudge } from './reconnect.js';
import { onPageBack } from '../util/visibility.js';
import { LinkMode, SocketState, type SessionConfig, type SocketStatus } from '../model/index.js';

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

export class LiveLink {
  private sockets: Record<ServerName, SocketConnection> | null = null;
  /** The room the sockets were made for. */
  private room = '';
  private readonly poller: Poller;
  /** Stops listening for `online` and the page shown again. */
  private readonly unlisten = onPageBack((kind) => this.nudge(kind));

  constructor(private readonly hooks: LiveLinkHooks) {
    this.poller = new Poller({
      interval: () => hooks.config().pollInterval,
      tick: () => hooks.poll(),
      onChange: () => hooks.onChange(),
      // A poll answered after a failed one proves REST is reachable again.
      onRecovered: () => this.nudge('poll'),
    });
  }

  socket(name: ServerName): SocketConnection | null {
    return this.sockets?.[name] ?? null;
  }

  status(name: ServerName): SocketStatus {
    return this.sockets?.[name].status ?? IDLE;
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

  /** (Re)connects both sockets, e.g. after a new token (new sockets for a new room). */
  start(): void {
    const room = this.hooks.room();
    if (this.sockets && room !== this.room) this.rebuild(false);
    if (!room) {
      this.hooks.log.info('[ChatOmni] No realtime room (no tenant, no TenantId in the token)');
      return this.update();
    }
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
    this.poller.follow(() => ({
      allowed: this.hooks.allowed(),
      auto: this.hooks.config().auto,
      live: this.live,
    }));
    this.hooks.onChange();
  }

  destroy(): void {
    this.unlisten();
    this.poller.destroy();
    this.sockets?.rt.destroy();
    this.sockets?.chat.destroy();
    this.sockets = null;
  }

  private create(name: ServerName): SocketConnection {
    const config = this.hooks.config();
    return new SocketConnection({
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
