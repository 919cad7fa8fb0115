/**
 * The realtime room, checked (docs/tpos-protocol.md §7.8). A wrong room and a bad token get
 * the same CONNECT_ERROR ("Room or token are not found"), and a room the server accepts may
 * never deliver. The guard tells them apart with REST, which knows only the token:
 *
 * - A socket's CONNECT_ERROR is followed by one small REST request (shared by both sockets).
 *   When REST refuses the token, the HTTP client's refresh flow runs once and the sockets
 *   restart with the new token; when REST accepts the very token the socket was refused with,
 *   the room is rejected: `SocketState.RoomRejected` and a slow retry, never a refresh or a
 *   reconnect loop. When REST cannot be reached the socket retries with its usual backoff.
 * - While a socket is connected and delivers nothing for `realtimeCheckInterval`, the list is
 *   read once; activity newer than the connection (plus a grace) that no socket delivered
 *   marks the connected sockets degraded, so polling runs until a socket delivers again.
 */
import { HttpError } from '../api/http.js';
import type { TposApi } from '../api/tpos.js';
import type { LiveLink } from '../realtime/live-link.js';
import type { ServerName } from '../realtime/socket-connection.js';
import { SocketState, type SessionConfig } from '../model/index.js';
import type { Logger } from '../util/logger.js';

/** Longest grace (ms) between a socket's connection and activity it must have delivered. */
export const SILENT_GRACE = 10_000;

export interface RoomGuardDeps {
  api: TposApi;
  live: LiveLink;
  config(): SessionConfig;
  /** The current access token. */
  token(): string | null;
  /** Authenticated and not destroyed. */
  allowed(): boolean;
  /** Reads the list (and the open thread) from the server. */
  refresh(): Promise<unknown>;
  log: Logger;
}

export class RoomGuard {
  private verifying: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private quietSince = Date.now();

  constructor(private readonly deps: RoomGuardDeps) {}

  /** A socket was refused with `usedToken`: a bad token or a refused room? */
  async authError(server: ServerName, usedToken: string | null): Promise<void> {
    const { live, log } = this.deps;
    if (!this.deps.allowed()) return;
    // Refused with a token replaced since: try again with the new one.
    if (this.deps.token() !== usedToken) return live.resumeOne(server);
    this.verifying ??= this.deps.api.verifyToken().finally(() => (this.verifying = null));
    try {
      await this.verifying;
    } catch (error) {
      if (!this.deps.allowed()) return;
      // Refused by REST too and refreshed meanwhile: the new token's sockets are starting.
      if (this.deps.token() !== usedToken) return live.resumeOne(server);
      if (error instanceof HttpError && error.code === 'unauthorized') return;
      log.debug(`[${server.toUpperCase()}] Token check failed; retrying the socket`);
      return live.retryOne(server);
    }
    if (!this.deps.allowed()) return;
    if (this.deps.token() !== usedToken) return live.resumeOne(server);
    log.info(`[${server.toUpperCase()}] REST accepts the token: the realtime room is refused`);
    live.rejectRoom(server);
  }

  /** A socket delivered an event. */
  socketEvent(): void {
    this.quietSince = Date.now();
  }

  /**
   * A REST read taught activity up to `newest` that the store did not have: no socket
   * delivered it. After the grace, the connected sockets are degraded.
   */
  learnt(newest: number): void {
    const { live } = this.deps;
    const connected = (['rt', 'chat'] as const)
      .map((name) => live.status(name))
      .filter((s) => s.state === SocketState.Connected);
    if (!connected.length) return;
    const since = Math.max(...connected.map((s) => s.connectedAt ?? Infinity));
    if (newest > since + this.grace()) {
      this.deps.log.info('[ChatOmni] REST found activity no socket delivered: polling too');
      live.degrade();
    }
  }

  /** Starts the quiet check (after login). */
  start(): void {
    this.quietSince = Date.now();
    if (this.timer !== undefined) return;
    const tick = Math.max(100, Math.min(5000, this.deps.config().realtimeCheckInterval / 4));
    this.timer = setInterval(() => this.check(), tick);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private grace(): number {
    return Math.min(SILENT_GRACE, this.deps.config().realtimeCheckInterval / 2);
  }

  private check(): void {
    const { live } = this.deps;
    if (!this.deps.allowed() || !live.live || live.polling) {
      this.quietSince = Date.now();
      return;
    }
    if (Date.now() - this.quietSince < this.deps.config().realtimeCheckInterval) return;
    this.quietSince = Date.now();
    void this.deps.refresh().catch(() => undefined);
  }
}
