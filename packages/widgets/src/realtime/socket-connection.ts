/**
 * One Socket.IO connection (`rt` or `chat`) to the `/chatomni` namespace, with our own
 * reconnection policy (reconnect.ts, docs/tpos-protocol.md §7.10): exponential backoff with
 * jitter from `reconnectDelay` up to the `slowReconnectDelay` ceiling, forever, cut short by
 * {@link SocketConnection.nudge} (a poll answered again, `online`, the page shown);
 * server-side disconnects and CONNECT_ERRORs are retried too; "Room or token are not found"
 * goes to the session, which tells a bad token (refresh) from a refused room (`rejectRoom()`, a
 * slow retry that nothing nudges: §7.8); a watchdog reconnects a socket that went silent.
 * Listeners are attached once, when the socket is created.
 */
import type { Dialect, SocketStatus } from '../model/index.js';
import { SocketState } from '../model/index.js';
import { realtimeTarget } from '../util/url.js';
import {
  EVENT_NAMES,
  parseEvent,
  type RealtimeAction,
  type RealtimeEventName,
} from './envelope.js';
import { IoSocket } from './io-socket.js';
import type { Logger } from '../util/logger.js';
import { NudgeGate } from './nudge-gate.js';
import { QUICK_ATTEMPTS, retryDelay, type Nudge } from './reconnect.js';

/** The CONNECT_ERROR message of a missing, bad or expired token, or of a refused room (docs/tpos-protocol.md §5.1, §7.8). */
export const AUTH_ERROR_MESSAGE = 'Room or token are not found';

/**
 * How long after a missed ping the watchdog gives up on a socket (ms). The server pings every
 * `pingInterval`; Socket.IO's own client waits `pingTimeout` more (60 s on rt-2, so a
 * half-closed socket would go unnoticed for 85 s). A ping later than this means the connection is dead.
 */
export const PING_GRACE = 5000;

/** The two realtime servers of TPOS (docs/tpos-protocol.md §5.1): `rt` (rt-2) and `chat`. */
export type ServerName = 'rt' | 'chat';

export interface SocketConnectionOptions {
  name: ServerName;
  /** Server URL, e.g. `https://shop.example/ws/rt` or `http://127.0.0.1:9002`. */
  url: string;
  /** Engine.IO path below the URL's path. */
  socketPath: string;
  /** The tenant host, sent as `room` in the handshake query. */
  room: string;
  dialect: Dialect;
  /** First reconnection delay in ms (doubling, with jitter). */
  reconnectDelay: number;
  /** Ceiling of the reconnection delay in ms (a delay is half of it to all of it). */
  slowReconnectDelay: number;
  /** Base of the retry delay of a refused room (plus up to 100 % jitter). */
  roomRetryDelay: number;
  getToken(): string | null;
  /** An event, parsed here (envelope.ts) so that the parser comes with the sockets' chunk. */
  onEvent(event: RealtimeEventName, action: RealtimeAction): void;
  /** Connected; `reconnected` is false for the first connection of this object. */
  onConnect(reconnected: boolean): void;
  /**
   * The server answered "Room or token are not found": a bad token or a refused room. The
   * connection stays down until `start()`, `retrySoon()` or `rejectRoom()` is called.
   */
  onAuthError(usedToken: string | null): void;
  onStatus(): void;
  log: Logger;
}

export class SocketConnection {
  private socket: IoSocket | null = null;
  private _status: SocketStatus = { state: SocketState.Idle, attempt: 0, lastEventAt: null };
  private running = false;
  private everConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Epoch ms of the pending backoff retry; null while none is pending. */
  private retryAt: number | null = null;
  private readonly nudges: NudgeGate;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastAlive = 0;
  /** The token the current connection attempt carries (a refusal is about this one). */
  private attemptToken: string | null = null;
  private silenceLimit = 25_000 + PING_GRACE;
  private readonly tag: string;

  constructor(private readonly options: SocketConnectionOptions) {
    this.tag = `[${options.name.toUpperCase()}]`;
    this.nudges = new NudgeGate(() => ({
      first: options.reconnectDelay,
      ceiling: options.slowReconnectDelay,
    }));
  }

  get status(): SocketStatus {
    return this._status;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  get id(): string | undefined {
    return this.socket?.id;
  }

  /** Connects (or reconnects now, e.g. with a new token). */
  start(): void {
    this.clearRetry();
    let socket: IoSocket;
    try {
      socket = this.socket ?? this.create();
    } catch (error) {
      // A malformed server URL is a configuration error: no retry until reconfigured.
      this.options.log.info(`${this.tag} Bad realtime URL:`, (error as Error).message);
      this.stop(SocketState.Down);
      return;
    }
    this.running = true;
    if (socket.connected) socket.disconnect();
    this.setStatus({
      state: this._status.attempt > 0 ? SocketState.Reconnecting : SocketState.Connecting,
    });
    socket.connect();
    this.watchdog ??= setInterval(() => this.checkSilence(), 500);
  }

  /**
   * Starts unless already running (connected, connecting or waiting to retry) or waiting on
   * a refused room's slow retry (see `SocketState.RoomRejected`).
   */
  resume(): void {
    if (!this.running && this._status.state !== SocketState.RoomRejected) this.start();
  }

  /**
   * The room was refused although the token is valid (docs/tpos-protocol.md §7.8): down in
   * its own state, retried once after `roomRetryDelay`..2× that, and again the same way if
   * refused again; `start()` (a new token or configuration) retries at once.
   */
  rejectRoom(): void {
    this.stop(SocketState.RoomRejected);
    // Not `retryAt`: nothing may nudge this timer (docs/tpos-protocol.md §7.8).
    const delay = this.options.roomRetryDelay * (1 + Math.random());
    this.options.log.info(
      `${this.tag} Realtime room refused; retrying in ${Math.round(delay / 1000)} s`,
    );
    this.retryTimer = setTimeout(() => this.start(), delay);
  }

  /** Retries with the usual backoff after a failure that was not the server's refusal. */
  retrySoon(): void {
    if (this.running || !this.socket) return;
    this.running = true;
    this.watchdog ??= setInterval(() => this.checkSilence(), 500);
    this.retry();
  }

  /**
   * Something proved the path may be back (reconnect.ts): a socket waiting on its backoff
   * timer tries now (a `poll` nudge after a short jitter) unless the {@link NudgeGate} says it
   * is too soon. Connected, connecting, stopped and refused-room sockets ignore it. True when
   * an attempt was scheduled.
   */
  nudge(kind: Nudge): boolean {
    if (!this.running || !this.socket || this.retryAt === null) return false;
    if (this._status.state === SocketState.RoomRejected) return false;
    const now = Date.now();
    const wait = this.nudges.nudge(kind, now, this.retryAt - now);
    if (wait === null) return false;
    this.options.log.debug(`${this.tag} Trying again now (${kind})`);
    this.schedule(wait, this._status.attempt);
    return true;
  }

  /** Connected, but activity was found over REST that no socket delivered (a silent room). */
  degrade(): void {
    if (this._status.state === SocketState.Connected)
      this.setStatus({ state: SocketState.Degraded });
  }

  /** Disconnects and stops retrying. */
  stop(state: SocketState = SocketState.Idle): void {
    this.running = false;
    this.clearRetry();
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.socket?.disconnect();
    this.setStatus({ state, attempt: 0, id: undefined });
  }

  /** Stops for good and releases the socket. */
  destroy(): void {
    this.stop();
    this.socket?.removeAllListeners();
    this.socket = null;
  }

  private create(): IoSocket {
    const { url, path } = realtimeTarget(this.options.url, this.options.socketPath);
    const socket = new IoSocket(url, {
      path,
      query: { room: this.options.room },
      // Read per attempt so a reconnect carries the newest token; never part of the URL.
      auth: () => {
        this.attemptToken = this.options.getToken();
        return { token: this.attemptToken ?? '' };
      },
      timeout: 10_000,
      log: this.options.log,
    });
    const log = this.options.log;
    socket.on('connect', () => {
      const reconnected = this.everConnected;
      const attempts = this._status.attempt;
      this.everConnected = true;
      this.alive();
      this.readPingSettings();
      log.info(`✅ ${this.tag} WebSocket connected: ${socket.id ?? ''}`);
      if (reconnected && attempts > 0)
        log.info(`${this.tag} Reconnected after ${attempts} attempts`);
      if (this.options.dialect === 'seed') {
        this.attemptToken = this.options.getToken();
        socket.emit('auth', { token: this.attemptToken ?? '' });
        log.info(`${this.tag} Authentication sent`);
      }
      this.setStatus({
        state: SocketState.Connected,
        attempt: 0,
        id: socket.id ?? '',
        connectedAt: Date.now(),
      });
      this.options.onConnect(reconnected);
    });
    socket.on('disconnect', (reason) => {
      log.info(`❌ ${this.tag} WebSocket disconnected: ${reason}`);
      if (this.running && reason !== 'io client disconnect') this.retry();
      else this.options.onStatus();
    });
    socket.on('connect_error', (error: Error) => {
      log.info(`${this.tag} Connection error: ${error.message}`);
      if (error.message === AUTH_ERROR_MESSAGE) {
        const token = this.attemptToken;
        this.stop(SocketState.Down);
        this.options.onAuthError(token);
      } else if (this.running) {
        this.retry();
      }
    });
    socket.on('authenticated', () => log.info(`✅ ${this.tag} Authentication successful`));
    socket.on('unauthorized', () => {
      const token = this.attemptToken;
      this.stop(SocketState.Down);
      this.options.onAuthError(token);
    });
    for (const event of EVENT_NAMES) {
      socket.on(event, (payload: unknown) => {
        this.alive();
        const lastEventAt = Date.now();
        if (this._status.state === SocketState.Degraded) {
          // An event from a degraded socket shows it delivers again.
          this.setStatus({ lastEventAt, state: SocketState.Connected });
        } else {
          // Only the time moved: not a status change to announce. The event changes the
          // session, which reads this status again; announcing it re-ran the live link's
          // bookkeeping for every event (a quarter of the script of each socket message in a
          // 1,000-message burst's CPU profile).
          this._status = { ...this._status, lastEventAt };
        }
        this.options.onEvent(event, parseEvent(event, payload));
      });
    }
    socket.on('heartbeat', () => this.alive());
    this.socket = socket;
    return socket;
  }

  private retry(): void {
    const attempt = this._status.attempt + 1;
    const delay = retryDelay(attempt, {
      first: this.options.reconnectDelay,
      ceiling: this.options.slowReconnectDelay,
    });
    this.setStatus({ state: stateOf(attempt), attempt, id: undefined });
    this.schedule(delay, attempt);
  }

  /** Attempt number `attempt` in `delay` ms (replacing any pending one). */
  private schedule(delay: number, attempt: number): void {
    clearTimeout(this.retryTimer);
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryAt = null;
      if (!this.running || !this.socket) return;
      this.setStatus({ state: stateOf(attempt) });
      this.socket.connect();
    }, delay);
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryAt = null;
  }

  private alive(): void {
    this.lastAlive = Date.now();
  }

  /** Reads the server's ping settings from the Engine.IO handshake. */
  private readPingSettings(): void {
    const interval = this.socket?.pingInterval;
    const timeout = this.socket?.pingTimeout;
    if (interval !== undefined && timeout !== undefined && interval > 0) {
      this.silenceLimit = interval + Math.min(timeout, PING_GRACE);
    }
  }

  private checkSilence(): void {
    if (!this.running || !this.socket?.connected) return;
    if (Date.now() - this.lastAlive <= this.silenceLimit) return;
    this.options.log.info(
      `❌ ${this.tag} WebSocket silent for ${this.silenceLimit} ms: reconnecting`,
    );
    // A client-side disconnect is not retried by the handler above, so retry explicitly.
    this.socket.disconnect();
    this.retry();
  }

  private setStatus(patch: Partial<SocketStatus>): void {
    this._status = { ...this._status, ...patch };
    this.options.onStatus();
  }
}

/** Reconnecting during the quick attempts, down after them (still retried). */
function stateOf(attempt: number): SocketState {
  return attempt <= QUICK_ATTEMPTS ? SocketState.Reconnecting : SocketState.Down;
}
