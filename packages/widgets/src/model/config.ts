/** Configuration of a session (defaults and resolution in `session/config.ts`). */

export type Dialect = 'captured' | 'seed';

export interface SessionConfig {
  /** Proxy base URL. Default: the page's origin. */
  baseUrl: string;
  /**
   * Tenant host, also the realtime room. Default `''`: the room is the access token's
   * `TenantId` claim (docs/tpos-protocol.md §7.8).
   */
  tenant: string;
  /** Socket.IO server for the RT socket. Default `<baseUrl>/ws/rt`. */
  rtUrl: string;
  /** Socket.IO server for the Chat socket. Default `<baseUrl>/ws/chat`. */
  chatUrl: string;
  /** Socket.IO `path` on each server. Default `/socket.io`. */
  socketPath: string;
  /** Which events each server speaks. Default `captured` for both. */
  rtDialect: Dialect;
  chatDialect: Dialect;
  /** Page ids to show; empty = all pages from CRMTeam. */
  channels: string[];
  /** Poll interval in ms. Default 10000 (the seed's). */
  pollInterval: number;
  /** Poll also while sockets are up. Default false. */
  auto: boolean;
  /** `Limit` of the first list request (and of each page when the server pages with `After`). Default 50. */
  pageSize: number;
  /**
   * Without an `After` cursor, "load more" asks the newest conversations again with the next
   * larger of these `Limit`s (as the real clients did). Default `[200, 2000]`.
   */
  listLimits: number[];
  /** The largest `Limit` ever asked. Default 2000 (the largest a real client used). */
  maxListLimit: number;
  /**
   * `Status` of a REST comment that means "hidden", read when neither `IsHidden` nor
   * `Data.is_hidden` is sent (TPOS's values are not recorded). Default 2.
   */
  hiddenCommentStatus: number;
  /**
   * Two copies of a message (socket and REST, with different ids) are one message when their
   * times differ by at most this many ms (and conversation, side, kind and text agree). Default 5000.
   */
  dedupeWindow: number;
  /**
   * A realtime room refused although the token is valid is retried after this many ms to
   * twice that (jittered), never sooner. Default 120000.
   */
  roomRetryDelay: number;
  /**
   * While a socket is connected but has delivered no event for this many ms, the list is read
   * once to see whether it missed activity (a silent room). Default 60000.
   */
  realtimeCheckInterval: number;
  /** Log in the seed's `[CHAT]`/`[RT]` patterns and expose `window.chatomni`. */
  debug: boolean;
  /**
   * First socket reconnection delay in ms, doubled per failed attempt up to
   * `slowReconnectDelay`; each delay is half to all of that (jitter). Also the jitter of a retry
   * nudged by a poll (docs/tpos-protocol.md §7.10). Default 1000.
   */
  reconnectDelay: number;
  /**
   * Ceiling of the socket reconnection delay in ms: a socket that stays refused retries every
   * half of it to all of it, forever, and sooner when a poll is answered again, on `online` or
   * when the page is shown (§7.10). Default 15000 (at most 8 attempts a minute per socket).
   */
  slowReconnectDelay: number;
  /** Timeout of each REST request in ms. Default 15000. */
  requestTimeout: number;
  /**
   * Timeout of each `POST /api/send` in ms. Default 30000: the proxy itself waits up to its
   * `UPSTREAM_TIMEOUT_MS` (15 s) for Facebook, and a retry after a timeout is safe (same key).
   */
  sendTimeout: number;
  /**
   * Share one pair of sockets and one poller with the other tabs of this browser that show
   * the same session (same origin, proxy, tenant, user and session name): one tab leads, the
   * others follow over a `BroadcastChannel` (see `realtime/tab-link.ts`). Default true;
   * without Web Locks or `BroadcastChannel` every tab connects alone anyway.
   */
  shareConnection: boolean;
}
