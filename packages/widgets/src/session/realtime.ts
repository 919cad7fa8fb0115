/**
 * The realtime half of a session, wired together: the {@link TabLink} (both sockets and the
 * poller, shared with the browser's other tabs of the session), the {@link RoomGuard} that tells a refused or silent room from a bad token or a
 * quiet shop (docs/tpos-protocol.md §7.8), and the {@link CatchUp} that reads back what a gap
 * in the live link missed (a gap begins when no socket delivers any more).
 */
import type { TposApi } from '../api/tpos.js';
import { TabLink, type TabLinkHooks } from '../realtime/tab-link.js';
import type { RealtimeAction, RealtimeEventName } from '../realtime/actions.js';
import type { ServerName } from '../realtime/socket-connection.js';
import type { SessionConfig } from '../model/index.js';
import type { Logger } from '../util/logger.js';
import { CatchUp } from './catch-up.js';
import { RoomGuard } from './room-guard.js';

/** What the realtime half needs from its session. */
export interface RealtimeHost extends Pick<
  TabLinkHooks,
  'session' | 'onSharedRows' | 'onSharedSync' | 'onPeerLogout'
> {
  api: TposApi;
  log: Logger;
  config(): SessionConfig;
  token(): string | null;
  /** Authenticated and not destroyed. */
  allowed(): boolean;
  /** One socket event, parsed (already counted as activity). */
  onEvent(server: ServerName, event: RealtimeEventName, action: RealtimeAction): void;
  /** List and open thread from the server, the list back to `since`; true when up to date. */
  sync(since?: number): Promise<boolean>;
  /** The last list read was answered (REST is reachable), whatever the open thread did. */
  listAnswered(): boolean;
  /** The newest activity time in the store. */
  newestActivity(): number | undefined;
  /** The status changed. */
  changed(): void;
}

/** Creates the three parts, each knowing the others. */
export function createRealtime(host: RealtimeHost): {
  live: TabLink;
  guard: RoomGuard;
  catchUp: CatchUp;
} {
  let wasLive = false;
  const refresh = async () => void (await host.sync(catchUp.since));
  const live: TabLink = new TabLink({
    session: host.session,
    onSharedRows: (rows, filterKey) => host.onSharedRows(rows, filterKey),
    onSharedSync: (since, ok) => host.onSharedSync(since, ok),
    onPeerLogout: () => host.onPeerLogout(),
    config: () => host.config(),
    getToken: () => host.token(),
    room: () => guard.room(),
    allowed: () => host.allowed(),
    onEvent: (server, event, action) => {
      guard.socketEvent();
      host.onEvent(server, event, action);
    },
    onConnect: () => catchUp.schedule(50),
    onAuthError: (server, token) => void guard.authError(server, token),
    poll: async () => {
      await refresh();
      return host.listAnswered();
    },
    onChange: () => {
      // No socket delivers any more: a gap begins (the catch-up on reconnect reads back to it).
      if (wasLive && !live.live) catchUp.noteGap();
      wasLive = live.live;
      host.changed();
    },
    log: host.log,
  });
  const guard: RoomGuard = new RoomGuard({
    api: host.api,
    // The room checks concern this tab's own sockets (idle while another tab leads).
    live: live.link,
    config: () => host.config(),
    token: () => host.token(),
    allowed: () => host.allowed(),
    refresh,
    log: host.log,
  });
  const catchUp: CatchUp = new CatchUp({
    sync: (since) => host.sync(since),
    newestActivity: () => host.newestActivity(),
    allowed: () => host.allowed(),
    polling: () => live.polling,
    log: host.log,
  });
  return { live, guard, catchUp };
}
