/** Configuration of a session (defaults and resolution in `session/config.ts`). */

export type Dialect = 'captured' | 'seed';

export interface SessionConfig {
  /** Proxy base URL. Default: the page's origin. */
  baseUrl: string;
  /** Tenant host, also the realtime room. Default `tomato.tpos.vn`. */
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
  /** Conversations per list page. Default 200. */
  pageSize: number;
  /** Log in the seed's `[CHAT]`/`[RT]` patterns and expose `window.chatomni`. */
  debug: boolean;
  /** First socket reconnection delay in ms, doubled (with jitter) for 5 attempts. Default 1000. */
  reconnectDelay: number;
  /** After 5 quick attempts, retry every `slowReconnectDelay`..2× that ms. Default 30000. */
  slowReconnectDelay: number;
  /** Timeout of each REST request in ms. Default 15000. */
  requestTimeout: number;
  /**
   * Timeout of each `POST /api/send` in ms. Default 30000: the proxy itself waits up to its
   * `UPSTREAM_TIMEOUT_MS` (15 s) for Facebook, and a retry after a timeout is safe (same key).
   */
  sendTimeout: number;
}
