/**
 * The live link of a session: the `rt` and `chat` sockets plus the polling fallback.
 * Polling starts `FALLBACK_DELAY` ms after both sockets are down (or always with Auto), stops
 * when a socket is back, and every (re)connect asks the session for a catch-up.
 */
import { Poller } from './poller.js';
import { SocketLink, type LinkName } from './socket-connection.js';
import type { RealtimeEventName } from './envelope.js';
import type { Logger } from '../session/debug.js';
import { LinkMode, SocketState, type SessionConfig, type SocketStatus } from '../model/index.js';

/** Grace period between "no socket is up" and the first poll, so a quick reconnect wins. */
export const FALLBACK_DELAY = 500;

export interface RealtimeHooks {
  config(): SessionConfig;
  getToken(): string | null;
  /** Authenticated: sockets may connect and polling may run. */
  allowed(): boolean;
  onEvent(link: LinkName, event: RealtimeEventName, payload: unknown): void;
  /** A socket (re)connected: fetch what happened meanwhile. */
  onConnect(link: LinkName, reconnected: boolean): void;
  onAuthError(link: LinkName, usedToken: string | null): void;
  /** One poll: list and open thread. */
  poll(): Promise<void>;
  onChange(): void;
  log: Logger;
}

const IDLE: SocketStatus = { state: SocketState.Idle, attempt: 0, lastEventAt: null };

export class RealtimeLink {
  private links: Record<LinkName, SocketLink> | null = null;
  private readonly poller: Poller;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hooks: RealtimeHooks) {
    this.poller = new Poller({
      interval: () => hooks.config().pollInterval,
      tick: () => hooks.poll(),
      onChange: () => hooks.onChange(),
    });
  }

  socket(name: LinkName): SocketLink | null {
    return this.links?.[name] ?? null;
  }

  status(name: LinkName): SocketStatus {
    return this.links?.[name].status ?? IDLE;
  }

  get anyConnected(): boolean {
    return Boolean(this.links && (this.links.rt.connected || this.links.chat.connected));
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
    const links = (this.links ??= { rt: this.create('rt'), chat: this.create('chat') });
    links.rt.start();
    links.chat.start();
    this.update();
  }

  /** Connects one socket (debug console). */
  startOne(name: LinkName): void {
    if (!this.links) return this.start();
    this.links[name].start();
  }

  /** Restarts one socket that stopped (e.g. after its token was refused and replaced). */
  resumeOne(name: LinkName): void {
    if (this.hooks.allowed()) this.links?.[name].resume();
  }

  /** Disconnects one socket without retrying (debug console); polling takes over. */
  stopOne(name: LinkName): void {
    this.links?.[name].stop();
    this.update();
  }

  /** Disconnects both sockets and stops polling (auth-required, logout). */
  stop(state: SocketState = SocketState.Idle): void {
    this.links?.rt.stop(state);
    this.links?.chat.stop(state);
    this.update();
  }

  /** Throws the sockets away (URL, tenant or dialect changed); `start()` makes new ones. */
  rebuild(): void {
    const wasRunning = this.links !== null;
    this.links?.rt.destroy();
    this.links?.chat.destroy();
    this.links = null;
    if (wasRunning && this.hooks.allowed()) this.start();
  }

  /** Polls now when polling. */
  pollNow(): void {
    this.poller.pollNow();
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
    this.links?.rt.destroy();
    this.links?.chat.destroy();
    this.links = null;
  }

  private cancelFallback(): void {
    clearTimeout(this.fallbackTimer);
    this.fallbackTimer = undefined;
  }

  private create(name: LinkName): SocketLink {
    const config = this.hooks.config();
    return new SocketLink({
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
