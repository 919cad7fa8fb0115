/**
 * The realtime half of a session: the sockets, shared with the browser's other tabs
 * (realtime/tab-link.ts), the room guard and the event reducer, which are a chunk of their own
 * (live.ts), and the {@link CatchUp} that reads back what a gap in the live link missed (a gap
 * begins when no socket delivers any more), which is not.
 *
 * The chunk is not needed to show the list: {@link Realtime.start} fetches it once what it is
 * given to wait for has settled (the session's first list shown). Until it is there this
 * stands in: both sockets show connecting, polling starts after `FALLBACK_DELAY` as it would
 * without sockets, and a fetch that fails counts as an attempt of both sockets and is tried
 * again on their backoff (reconnect.ts), or at once on the same nudges (a poll answered after
 * a failed one, the browser's `online` event, the page shown again).
 */
import type { ServerName, SocketConnection } from '../realtime/socket-connection.js';
import { Poller } from '../realtime/poller.js';
import { QUICK_ATTEMPTS, retryDelay, type Nudge } from '../realtime/reconnect.js';
import { LinkMode, SocketState, type SocketStatus, type TabRole } from '../model/index.js';
import { Chunk } from '../util/chunk.js';
import { onPageBack } from '../util/visibility.js';
import { tokenTenant } from '../util/jwt.js';
import { CatchUp } from './catch-up.js';
import type * as LiveChunk from './live.js';
import type { LiveHost, LiveParts } from './live.js';

/** The live half's chunk (see the module's comment). */
const liveCode = new Chunk<typeof LiveChunk>(() => import('./live.js'));

/** What the realtime half needs from its session. */
export type RealtimeHost = Omit<LiveHost, 'catchUp' | 'room' | 'poll'> & {
  /** The last list read was answered (REST is reachable), whatever the open thread did. */
  listAnswered(): boolean;
  /** The newest activity time in the store. */
  newestActivity(): number | undefined;
};

/** Waiting for the chunk: the newest `start()`, and the fetches that failed. */
interface PendingStart {
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
  /** After a failed fetch: fetch again now (instead of at `timer`). */
  retry?: () => void;
}

const IDLE: SocketStatus = { state: SocketState.Idle, attempt: 0, lastEventAt: null };

/** The live link of a session as the session sees it (see the module's comment). */
export class Realtime {
  readonly catchUp: CatchUp;
  /** The live half, once its chunk is there. */
  private parts: LiveParts | null = null;
  private pending: PendingStart | null = null;
  /** Polls until the live half (which has its own poller) is there. */
  private readonly poller: Poller;
  private stoppedState: SocketState = SocketState.Idle;
  /** Stops listening for `online` and the page shown again. */
  private readonly unlisten = onPageBack((kind) => this.nudge(kind));

  constructor(private readonly host: RealtimeHost) {
    this.catchUp = new CatchUp({
      sync: (since) => host.sync(since),
      newestActivity: () => host.newestActivity(),
      allowed: () => host.allowed(),
      polling: () => this.polling,
      log: host.log,
    });
    this.poller = new Poller({
      interval: () => host.config().pollInterval,
      tick: () => this.poll(),
      onChange: () => host.changed(),
      onRecovered: () => this.nudge('poll'),
    });
  }

  /** The realtime room: the tenant, else the token's `TenantId` (docs/tpos-protocol.md §7.8). */
  room(): string {
    return this.host.config().tenant || tokenTenant(this.host.token()) || '';
  }

  /** The live half's code is loaded: `start()` connects at once. */
  get ready(): boolean {
    return liveCode.value !== undefined;
  }

  /** This tab's part in the connection shared by the tabs; null until it joined them. */
  get role(): TabRole | null {
    return this.parts?.link.role ?? null;
  }

  /** A socket is connected and delivering (not degraded): realtime holds. */
  get live(): boolean {
    return this.parts?.link.live ?? false;
  }

  get polling(): boolean {
    return this.parts?.link.polling ?? this.poller.running;
  }

  get mode(): LinkMode {
    return this.parts?.link.mode ?? (this.poller.running ? LinkMode.Polling : LinkMode.Offline);
  }

  status(name: ServerName): SocketStatus {
    if (this.parts) return this.parts.link.status(name);
    const failures = this.pending?.failures;
    if (failures === undefined) return { ...IDLE, state: this.stoppedState };
    // As the sockets will say once there: connecting, then retrying quickly, then down.
    const state = !failures
      ? SocketState.Connecting
      : failures <= QUICK_ATTEMPTS
        ? SocketState.Reconnecting
        : SocketState.Down;
    return { ...IDLE, state, attempt: failures };
  }

  socket(name: ServerName): SocketConnection | null {
    return this.parts?.link.socket(name) ?? null;
  }

  /**
   * Connects, after a sign-in or with a new token. The first time, the live half's chunk is
   * fetched once `after` has settled (at once without it).
   */
  start(after?: Promise<unknown>): void {
    this.stoppedState = SocketState.Idle;
    if (this.parts) {
      this.parts.link.start();
      return this.parts.guard.start();
    }
    const code = liveCode.value;
    if (code) return this.connect(code);
    this.fetch(after);
  }

  /** Connects one socket (debug console). */
  startOne(name: ServerName): void {
    if (this.parts) this.parts.link.startOne(name);
    else this.start();
  }

  /** Disconnects one socket without retrying (debug console); polling takes over. */
  stopOne(name: ServerName): void {
    this.parts?.link.stopOne(name);
  }

  /** Disconnects and stops polling (auth-required, logout); another tab leads. */
  stop(state: SocketState = SocketState.Idle): void {
    this.cancelStart();
    this.stoppedState = state;
    if (!this.parts) return this.update();
    this.parts.guard.stop();
    this.parts.link.stop(state);
  }

  /** Disconnects this tab's sockets, keeping its part (debug, tests): polling takes over. */
  disconnect(): void {
    this.parts?.link.disconnect();
  }

  /** New URLs, tenant or dialects: new sockets (and another channel when its name changed). */
  rebuild(): void {
    this.parts?.link.rebuild();
  }

  /** Re-evaluates whether polling should run. */
  update(): void {
    if (this.parts) return this.parts.link.update();
    this.poller.follow(() => ({
      allowed: this.host.allowed(),
      auto: this.host.config().auto,
      live: false,
    }));
    this.host.changed();
  }

  /** A REST read taught activity up to `newest` the store did not have (see `RoomGuard`). */
  learnt(newest: number): void {
    this.parts?.guard.learnt(newest);
  }

  /** Shares a page of the list this tab read (when it leads). */
  shareRows(rows: unknown[], filterKey: string): void {
    this.parts?.link.shareRows(rows, filterKey);
  }

  /** Shares the end of a sync back to `since` (when this tab leads). */
  shareSynced(since: number | undefined, ok: boolean): void {
    this.parts?.link.shareSynced(since, ok);
  }

  /** Tells the other tabs of this session that the user signed out. */
  announceLogout(): void {
    if (this.parts) return this.parts.link.announceLogout();
    const { config, token, session } = this.host;
    const [settings, used] = [config(), token()];
    void liveCode.load().then(
      (code) => code.announceLogout(settings, used, session),
      () => undefined,
    );
  }

  destroy(): void {
    this.unlisten();
    this.cancelStart();
    this.poller.destroy();
    this.parts?.guard.stop();
    this.parts?.reducer.stop();
    this.parts?.link.destroy();
  }

  /** One poll: list and open thread; resolves false when REST could not be read. */
  private async poll(): Promise<boolean> {
    await this.host.sync(this.catchUp.since);
    return this.host.listAnswered();
  }

  /** The path may be back: a fetch of the chunk waiting to be retried is tried now. */
  private nudge(kind: Nudge): void {
    if (!this.pending?.retry || !this.host.allowed()) return;
    this.host.log.info(`[ChatOmni] ${kind}: fetching the realtime code again now`);
    this.pending.retry();
  }

  /**
   * Fetches the chunk once `after` has settled, then connects; the newest call wins. A fetch
   * that failed is tried again on the sockets' backoff, or at once when nudged.
   */
  private fetch(after?: Promise<unknown>): void {
    this.cancelStart();
    const pending: PendingStart = (this.pending = { failures: 0 });
    const attempt = async (): Promise<void> => {
      let code: typeof LiveChunk;
      try {
        code = await liveCode.load();
      } catch (error) {
        if (this.pending !== pending) return;
        pending.failures++;
        const { reconnectDelay: first, slowReconnectDelay: ceiling } = this.host.config();
        const delay = retryDelay(pending.failures, { first, ceiling });
        this.host.log.info(
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
      this.cancelStart();
      if (this.host.allowed()) this.connect(code);
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

  /** Makes the live half, which polls and nudges by itself from now on, and connects. */
  private connect(code: typeof LiveChunk): void {
    this.cancelStart();
    this.poller.destroy();
    this.parts = code.connect({
      ...this.host,
      catchUp: this.catchUp,
      room: () => this.room(),
      poll: () => this.poll(),
    });
    this.parts.link.start();
    this.parts.guard.start();
  }
}
