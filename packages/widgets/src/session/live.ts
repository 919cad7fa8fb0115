/**
 * The live half of a session, a chunk of its own (see realtime.ts): the sockets and their
 * parser, the link shared with the browser's other tabs ({@link TabLink}), the
 * {@link RoomGuard} that tells a refused or silent room from a bad token or a quiet shop
 * (docs/tpos-protocol.md §7.8), the {@link EventReducer} that applies what the sockets (or the
 * leading tab) deliver, and what a following tab does with the leader's polls
 * ({@link SharedResults}). None of it is needed to show the first list.
 */
import type { TposApi } from '../api/tpos.js';
import { TabLink } from '../realtime/tab-link.js';
import { tabChannelName } from '../realtime/tab-channel.js';
import { EventReducer } from '../store/event-reducer.js';
import type { SeenMarker } from '../store/seen-marker.js';
import type { ChatStore } from '../store/store.js';
import type { SessionConfig } from '../model/index.js';
import type { Logger } from '../util/logger.js';
import type { CatchUp } from './catch-up.js';
import type { ConversationList } from './list.js';
import { RoomGuard } from './room-guard.js';
import { SharedResults } from './shared-results.js';

/** What the live half needs from its session (see `RealtimeHost` in realtime.ts). */
export interface LiveHost {
  /** The session's name (tabs share only within one named session). */
  session: string;
  api: TposApi;
  store: ChatStore;
  list: ConversationList;
  seen: SeenMarker;
  catchUp: CatchUp;
  log: Logger;
  config(): SessionConfig;
  token(): string | null;
  /** Authenticated and not destroyed. */
  allowed(): boolean;
  /** The realtime room; empty when none is known. */
  room(): string;
  /** The open conversation. */
  selectedId(): string | null;
  /** Fresh data arrived: a socket event (applied right after), or the leading tab's rows. */
  onData(): void;
  /** List and open thread from the server, the list back to `since`; true when up to date. */
  sync(since?: number): Promise<boolean>;
  /** One poll (list and open thread); resolves false when REST could not be read. */
  poll(): Promise<boolean>;
  /** Brings a thread up to date, back to `since` (loading the session's threads first). */
  catchUpThread(id: string, since?: number): Promise<unknown>;
  /** An order event named a post (when it did) and a customer: their orders may be read again. */
  orderEvent(postId: string | undefined, psid: string): void;
  /** Another tab signed out. */
  onPeerLogout(): void;
  /** The status changed. */
  changed(): void;
}

/** The live half, made once per session when its chunk is there. */
export interface LiveParts {
  link: TabLink;
  guard: RoomGuard;
  reducer: EventReducer;
}

/** Makes the live half, each part knowing the others. */
export function connect(host: LiveHost): LiveParts {
  let wasLive = false;
  const refresh = async () => void (await host.sync(host.catchUp.since));
  const shared = new SharedResults({
    store: host.store,
    list: host.list,
    catchUpThread: (id, since) => host.catchUpThread(id, since),
    catchUp: () => host.catchUp,
    selectedId: () => host.selectedId(),
    onData: () => host.onData(),
  });
  const reducer = new EventReducer({
    store: host.store,
    log: host.log,
    selectedId: () => host.selectedId(),
    seen: host.seen,
    // A following tab gets the leader's refresh (the same event reached it).
    refresh: () => void (link.role !== 'follower' && refresh()),
    orderEvent: (postId, psid) => host.orderEvent(postId, psid),
  });
  const link: TabLink = new TabLink({
    session: host.session,
    onSharedRows: (rows, filterKey) => shared.rows(rows, filterKey),
    onSharedSync: (_since, ok) => shared.synced(ok),
    onPeerLogout: () => host.onPeerLogout(),
    config: () => host.config(),
    getToken: () => host.token(),
    room: () => host.room(),
    allowed: () => host.allowed(),
    onEvent: (server, event, action) => {
      guard.socketEvent();
      host.onData();
      reducer.handle(server, event, action);
    },
    onConnect: () => host.catchUp.schedule(50),
    onAuthError: (server, token) => void guard.authError(server, token),
    poll: () => host.poll(),
    onChange: () => {
      // No socket delivers any more: a gap begins (the catch-up on reconnect reads back to it).
      if (wasLive && !link.live) host.catchUp.noteGap();
      wasLive = link.live;
      host.changed();
    },
    log: host.log,
  });
  const guard: RoomGuard = new RoomGuard({
    api: host.api,
    // The room checks concern this tab's own sockets (idle while another tab leads).
    live: link.link,
    config: () => host.config(),
    token: () => host.token(),
    allowed: () => host.allowed(),
    refresh,
    log: host.log,
  });
  return { link, guard, reducer };
}

/**
 * Tells the other tabs of a session that it signed out, from a tab that did not join them yet
 * (its live half was still loading).
 */
export function announceLogout(config: SessionConfig, token: string | null, session: string): void {
  const name = tabChannelName(config, token, session);
  if (!name) return;
  const channel = new BroadcastChannel(name);
  channel.postMessage({ t: 'logout', from: '' });
  channel.close();
}
