/**
 * The live link of a session: both {@link SocketConnection}s (`rt` and `chat`) plus the
 * polling fallback. Polling starts `FALLBACK_DELAY` ms after no socket delivers any more
 * (down, refused room, or degraded: docs/tpos-protocol.md §7.8), or always with Auto; it stops
 * when a socket delivers again, and every (re)connect asks the session for a catch-up. The
 * sockets join the room `hooks.room()` (the tenant, else the token's `TenantId`); a new room
 * means new sockets.
 */
import { Poller } from './poller.js';
import { SocketConnection, type ServerName } from './socket-connection.js';
import type { RealtimeEventName } from './envelope.js';
import type { Logger } from '../util/logger.js';
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
  onEvent(server: ServerName, event: RealtimeEventName, payload: unknown): void;
  /** A socket (re)connected: fetch what happened meanwhile. */
  onConnect(server: ServerName, reconnected: boolean): void;
  onAuthError(server: ServerName, usedToken: string | null): void;
  /** One poll: list and open thread. */
  poll(): Promise<void>;
  onChange(): void;
  log: Logger;
}

const IDLE: SocketStatus = { state: SocketState.Idle, attempt: 0, lastEventAt: null };

export class LiveLink {
  private sockets: Record<ServerName, SocketConnection> | null = null;
  /** The room the sockets were made for. */
  private room = '';
  private readonly poller: Poller;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hooks: LiveLinkHooks) {
    this.poller = new Poller({
      interval: () => hooks.config().pollInterval,
      tick: () => hooks.poll(),
      onChange: () => hooks.onChange(),
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
    this.cancelFallback();
    this.poller.destroy();
    this.sockets?.rt.destroy();
    this.sockets?.chat.destroy();
    this.sockets = null;
  }

  private cancelFallback(): void {
    clearTimeout(this.fallbackTimer);
    this.fallbackTimer = undefined;
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
      onEvent: (event, payload) => this.hooks.onEvent(name, event, payload),
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
