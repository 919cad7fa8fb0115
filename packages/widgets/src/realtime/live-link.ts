/**
 * The live link of a session: both {@link SocketConnection}s (`rt` and `chat`) plus the
 * polling fallback. Polling starts `FALLBACK_DELAY` ms after both sockets are down (or always
 * with Auto), stops when a socket is back, and every (re)connect asks the session for a
 * catch-up.
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

  get polling(): boolean {
    return this.poller.running;
  }

  get mode(): LinkMode {
    if (this.anyConnected) return LinkMode.Realtime;
    return this.poller.running ? LinkMode.Polling : LinkMode.Offline;
  }

  /** (Re)connects both sockets, e.g. after a new token. */
  start(): void {
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
  rebuild(): void {
    const wasRunning = this.sockets !== null;
    this.sockets?.rt.destroy();
    this.sockets?.chat.destroy();
    this.sockets = null;
    if (wasRunning && this.hooks.allowed()) this.start();
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
    } else if (this.anyConnected) {
      this.cancelFallback();
      this.poller.setWanted(false);
    } else if (!this.poller.wanted && this.fallbackTimer === undefined) {
      this.fallbackTimer = setTimeout(() => {
        this.fallbackTimer = undefined;
        if (this.hooks.allowed() && !this.anyConnected) this.poller.setWanted(true);
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
      room: config.tenant,
      dialect: name === 'rt' ? config.rtDialect : config.chatDialect,
      reconnectDelay: config.reconnectDelay,
      slowReconnectDelay: config.slowReconnectDelay,
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
