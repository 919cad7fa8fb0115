/**
 * One connection per browser. The tabs of one origin that show the same session (same proxy,
 * tenant, user and session name; see {@link tabChannelName}) share one pair of sockets and one
 * poller: the tab holding a Web Lock leads and runs the {@link LiveLink}; the others follow.
 * The leader posts every socket event (as its socket parsed it), every page of the list its
 * polls and catch-ups read, and its link status on a `BroadcastChannel`; followers feed them
 * through the same reducer as their own sockets would (their sockets never connect), and keep
 * their own store, views and REST reads (threads, list paging, sends).
 *
 * Part of the live chunk (session/live.ts) with the sockets: a tab joins when that code is
 * there (right after its first list), and its sockets connect only once it leads, so two tabs
 * never both connect; until then the session polls by itself if the code is late.
 *
 * Hand-over: a leader that closes releases the lock, and the next tab in the lock's queue
 * leads at once. A leader that hangs (its main thread blocked) stops beating: after
 * {@link LEADER_SILENCE} ms without a word from it, one follower steals the lock
 * (`{ steal: true }`); the old leader, once it wakes, finds its lock gone (or hears the newer
 * leader) and closes its sockets. The new leader's sockets connect and its catch-up reads back
 * over the gap; the store's dedupe by message id keeps what both leaders saw from doubling.
 * A leader in a hidden tab does not poll: when its sockets are down for longer than
 * {@link LEADER_SILENCE} while a follower is visible, that follower takes over the same way,
 * so the tab the seller looks at gets the polls (sockets up, nobody moves: no churn on every
 * tab switch).
 *
 * Tokens stay in each tab: a leader connects with its own, and a tab whose token is refused
 * (auth-required), that signs out or is destroyed gives up its place.
 */
import { LiveLink, type LiveLinkHooks } from './live-link.js';
import type { ServerName, SocketConnection } from './socket-connection.js';
import { LinkMode, SocketState, type SocketStatus, type TabRole } from '../model/index.js';
import { pageHidden } from '../util/visibility.js';
import {
  readTabMessage,
  tabChannelName,
  type SharedStatus,
  type TabMessage,
} from './tab-channel.js';

/** How often the leader says it is alive (ms). */
export const HEARTBEAT_INTERVAL = 500;
/** Silence (ms) after which a follower takes over from a leader that hangs. */
export const LEADER_SILENCE = 1500;
/**
 * Silence (ms) allowed to a leader in a hidden tab: browsers run a hidden tab's timers once a
 * second, and after five minutes once a minute, so its beats come late without it hanging.
 */
export const HIDDEN_LEADER_SILENCE = 65_000;

export interface TabLinkHooks extends LiveLinkHooks {
  /** The session's name (tabs share only within one named session). */
  session: string;
  /** A page of the list the leader read (raw rows), for the leader's filter (`filterKey`). */
  onSharedRows(rows: unknown[], filterKey: string): void;
  /** A sync of the leader back to `since` finished (`ok`: list and thread up to date). */
  onSharedSync(since: number | undefined, ok: boolean): void;
  /** Another tab signed out. */
  onPeerLogout(): void;
}

const CONNECTING: SocketStatus = { state: SocketState.Connecting, attempt: 0, lastEventAt: null };

/** The session's live link, shared between tabs; the same surface as {@link LiveLink}. */
export class TabLink {
  /** This tab's own sockets and poller (idle while another tab leads). */
  readonly link: LiveLink;
  private readonly tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  private _role: TabRole | null = null;
  private name: string | null = null;
  private channel: BroadcastChannel | null = null;
  /** Aborts this tab's place in the lock's queue. */
  private waiting: AbortController | null = null;
  /** Releases the lock this tab holds as leader. */
  private release: (() => void) | null = null;
  /** The grant of the lock this tab leads with (a stolen one is told apart from a later one). */
  private lease: object | null = null;
  /** When this tab became leader (the newer of two leaders is the rightful one). */
  private leadSince = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private leaderHidden = false;
  /**
   * Another tab may be listening: one said hello, or this tab heard others before it led
   * (a hand-over). Until then a leader posts no events: structured-cloning every one of a
   * burst cost a lone tab 12 % of its main thread (bench/profile.ts burst).
   */
  private followed = false;
  /** Since when a hidden leader has had no realtime while this tab is visible (0: not). */
  private strandedSince = 0;
  private takingOver = false;
  private shared: SharedStatus | null = null;
  private postedStatus = '';
  private stoppedState: SocketState = SocketState.Idle;

  constructor(private readonly hooks: TabLinkHooks) {
    this.link = new LiveLink({
      ...hooks,
      // A follower's own link stays idle: no sockets, no polling.
      allowed: () => hooks.allowed() && (this._role === 'leader' || this._role === 'alone'),
      onEvent: (server, event, action) => {
        hooks.onEvent(server, event, action);
        if (this._role === 'leader' && this.followed) {
          this.post({ t: 'event', from: '', server, event, action });
        }
      },
      onChange: () => {
        hooks.onChange();
        this.postStatus(false);
      },
    });
  }

  /** This tab's part; null while stopped. */
  get role(): TabRole | null {
    return this._role;
  }

  socket(name: ServerName): SocketConnection | null {
    return this._role === 'follower' ? null : this.link.socket(name);
  }

  status(name: ServerName): SocketStatus {
    if (this._role === 'follower') return this.shared?.[name] ?? CONNECTING;
    const status = this.link.status(name);
    return this._role === null && status.state === SocketState.Idle
      ? { ...status, state: this.stoppedState }
      : status;
  }

  /** A socket is connected and delivering (not degraded): realtime holds. */
  get live(): boolean {
    if (this._role !== 'follower') return this.link.live;
    return this.shared?.mode === LinkMode.Realtime;
  }

  get anyConnected(): boolean {
    if (this._role !== 'follower') return this.link.anyConnected;
    const up = (status: SocketStatus | undefined) =>
      status?.state === SocketState.Connected || status?.state === SocketState.Degraded;
    return up(this.shared?.rt) || up(this.shared?.chat);
  }

  get polling(): boolean {
    return this._role === 'follower' ? (this.shared?.polling ?? false) : this.link.polling;
  }

  get mode(): LinkMode {
    return this._role === 'follower' ? (this.shared?.mode ?? LinkMode.Offline) : this.link.mode;
  }

  /** Connects (a new token: the leader reconnects with it), joining the tabs' channel first. */
  start(): void {
    const name = tabChannelName(this.hooks.config(), this.hooks.getToken(), this.hooks.session);
    if (this._role === null || name !== this.name) {
      this.leave();
      this.join(name);
    } else if (this._role !== 'follower') {
      this.link.start();
    }
  }

  startOne(name: ServerName): void {
    if (this._role !== 'follower') this.link.startOne(name);
  }

  resumeOne(name: ServerName): void {
    if (this._role !== 'follower') this.link.resumeOne(name);
  }

  stopOne(name: ServerName): void {
    if (this._role !== 'follower') this.link.stopOne(name);
  }

  /** Disconnects and gives up this tab's place (auth-required, logout): another tab leads. */
  stop(state: SocketState = SocketState.Idle): void {
    this.stoppedState = state;
    this.leave(state);
    this.link.update();
  }

  /** Disconnects this tab's sockets, keeping its part (debug, tests): polling takes over. */
  disconnect(): void {
    if (this._role === 'leader' || this._role === 'alone') this.link.stop();
  }

  /** New URLs, tenant or dialects: new sockets, and another channel when the name changed. */
  rebuild(): void {
    this.link.rebuild();
    if (this._role === null) return;
    const name = tabChannelName(this.hooks.config(), this.hooks.getToken(), this.hooks.session);
    if (name === this.name) return;
    this.leave();
    this.join(name);
  }

  update(): void {
    this.link.update();
  }

  destroy(): void {
    this.leave();
    this.link.destroy();
  }

  /** Shares a page of the list this tab read (when it leads). */
  shareRows(rows: unknown[], filterKey: string): void {
    if (this._role === 'leader') this.post({ t: 'rows', from: '', filter: filterKey, rows });
  }

  /** Shares the end of a sync back to `since` (when this tab leads). */
  shareSynced(since: number | undefined, ok: boolean): void {
    if (this._role === 'leader') this.post({ t: 'synced', from: '', since: since ?? null, ok });
  }

  /** Tells the other tabs of this session that the user signed out. */
  announceLogout(): void {
    this.post({ t: 'logout', from: '' });
  }

  private join(name: string | null): void {
    if (!name) {
      this._role = 'alone';
      this.link.start();
      return;
    }
    this.name = name;
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (e: MessageEvent) => this.receive(e.data);
    this.follow();
    this.post({ t: 'hello', from: '' });
  }

  /** Leaves the channel, closing the sockets and releasing the lock of a leader. */
  private leave(state: SocketState = SocketState.Idle): void {
    const role = this._role;
    this._role = null;
    if (role === 'leader' || role === 'alone') this.link.stop(state);
    this.waiting?.abort();
    this.waiting = null;
    this.release?.();
    this.release = null;
    this.lease = null;
    clearInterval(this.timer);
    this.timer = undefined;
    this.channel?.close();
    this.channel = null;
    this.name = null;
    this.followed = false;
    this.shared = null;
    this.postedStatus = '';
  }

  /** Shows the leader's link and queues for the lock. */
  private follow(): void {
    this._role = 'follower';
    this.shared = null;
    this.lastHeard = Date.now();
    this.leaderHidden = false;
    this.strandedSince = 0;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.checkLeader(), HEARTBEAT_INTERVAL);
    this.queue(false);
    this.hooks.onChange();
  }

  /** Asks for the lock: in the queue, or (a silent leader) at once by stealing it. */
  private queue(steal: boolean): void {
    const name = this.name;
    if (!name) return;
    this.waiting?.abort();
    const waiting = steal ? null : new AbortController();
    this.waiting = waiting;
    const lease = {};
    navigator.locks
      .request(name, waiting ? { signal: waiting.signal } : { steal: true }, () => {
        if (this.name !== name || this._role !== 'follower') return undefined;
        if (this.waiting === waiting) this.waiting = null;
        return new Promise<void>((resolve) => {
          this.release = resolve;
          this.lease = lease;
          this.lead();
        });
      })
      .catch(() => {
        // Aborted in the queue (left, or stealing instead), or stolen from this leader.
        if (this.lease === lease && this._role === 'leader') this.demote();
      });
  }

  private lead(): void {
    this._role = 'leader';
    this.leadSince = Date.now();
    this.shared = null;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.postStatus(true), HEARTBEAT_INTERVAL);
    this.hooks.log.info('[ChatOmni] this tab leads the connection');
    this.postStatus(true);
    // Its sockets' connect asks for a catch-up, which covers the hand-over's gap.
    this.link.start();
  }

  /** Another tab leads now (it stole the lock while this one hung): close the sockets. */
  private demote(): void {
    this.hooks.log.info('[ChatOmni] another tab leads the connection now');
    this.release?.();
    this.release = null;
    this.lease = null;
    this._role = 'follower';
    this.link.stop();
    this.follow();
  }

  private checkLeader(): void {
    if (this._role !== 'follower' || this.takingOver) return;
    const silent = () =>
      Date.now() - this.lastHeard > (this.leaderHidden ? HIDDEN_LEADER_SILENCE : LEADER_SILENCE);
    // A hidden leader does not poll (and its timers are slowed): with its sockets down, a tab
    // the seller looks at would see nothing new. The visible tab leads instead.
    const stranded = () => {
      const down = this.leaderHidden && !pageHidden() && this.shared?.mode !== LinkMode.Realtime;
      if (!down) this.strandedSince = 0;
      else this.strandedSince ||= Date.now();
      return down && Date.now() - this.strandedSince > LEADER_SILENCE;
    };
    if (!silent() && !stranded()) return;
    // One follower at a time: the others hear the new leader before their turn comes.
    const name = this.name;
    this.takingOver = true;
    void navigator.locks
      .request(`${name} takeover`, { ifAvailable: true }, async (lock) => {
        if (!lock || this.name !== name || this._role !== 'follower') return;
        if (!silent() && !stranded()) return;
        this.hooks.log.info(
          silent()
            ? '[ChatOmni] the leading tab is silent: taking over'
            : '[ChatOmni] the leading tab is hidden and offline: this visible tab takes over',
        );
        this.queue(true);
        await new Promise((resolve) => setTimeout(resolve, 2 * HEARTBEAT_INTERVAL));
      })
      .finally(() => (this.takingOver = false));
  }

  private receive(data: unknown): void {
    const message = readTabMessage(data);
    if (!message) {
      this.hooks.log.debug('[ChatOmni] tab message dropped');
      return;
    }
    if (this._role === 'leader') {
      if (message.t === 'hello') {
        this.followed = true;
        this.postStatus(true);
      }
      // Two leaders (this one hung while another took over): the newer one keeps leading.
      else if (message.t === 'beat' && message.since > this.leadSince) this.demote();
      else if (message.t === 'logout') this.hooks.onPeerLogout();
      return;
    }
    this.followed = true;
    // Anything the leader says shows it is alive (a long burst may delay its beats).
    if (message.t !== 'hello' && message.t !== 'logout') this.lastHeard = Date.now();
    switch (message.t) {
      case 'beat': {
        this.leaderHidden = message.hidden;
        const changed = statusKey(message.status) !== statusKey(this.shared);
        this.shared = message.status;
        if (changed) this.hooks.onChange();
        return;
      }
      case 'event':
        this.hooks.onEvent(message.server, message.event, message.action);
        return;
      case 'rows':
        this.hooks.onSharedRows(message.rows, message.filter);
        return;
      case 'synced':
        this.hooks.onSharedSync(message.since ?? undefined, message.ok);
        return;
      case 'logout':
        this.hooks.onPeerLogout();
        return;
      case 'hello':
        return;
    }
  }

  /** The leader's beat: now (`force`), or when its link changed since the last one. */
  private postStatus(force: boolean): void {
    if (this._role !== 'leader') return;
    const status: SharedStatus = {
      rt: this.link.status('rt'),
      chat: this.link.status('chat'),
      mode: this.link.mode,
      polling: this.link.polling,
    };
    const key = statusKey(status);
    if (!force && key === this.postedStatus) return;
    this.postedStatus = key;
    this.post({ t: 'beat', from: '', since: this.leadSince, hidden: pageHidden(), status });
  }

  private post(message: TabMessage): void {
    try {
      this.channel?.postMessage({ ...message, from: this.tabId });
    } catch (error) {
      // A payload that cannot be cloned: the followers' catch-up will bring it.
      this.hooks.log.debug('[ChatOmni] tab message not sent:', error);
    }
  }
}

/** What a status shows, without the time of the last event (which changes with every one). */
function statusKey(status: SharedStatus | null): string {
  if (!status) return '';
  const { rt, chat, mode, polling } = status;
  return JSON.stringify([rt.state, rt.attempt, chat.state, chat.attempt, mode, polling]);
}
