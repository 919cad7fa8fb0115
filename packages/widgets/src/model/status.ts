/** Connection and login state of a session, as `<chatomni-status>` shows it. */

/**
 * The state of one realtime socket.
 *
 * Two states exist because the real TPOS may not deliver to a room (docs/tpos-protocol.md §7.8):
 * - `RoomRejected`: the server answered CONNECT_ERROR "Room or token are not found" while REST
 *   accepts the very same token, so the room (tenant) is refused. The token is not refreshed
 *   for it, and the socket is retried only by its own slow timer (`roomRetryDelay`, minutes,
 *   jittered) or by a new token or configuration. The quicker retries of the other states (a poll
 *   answered again, `online`, page visibility: §7.10) leave this state alone: retrying a refused
 *   room at once is the loop of issue 12 (1,300 token requests and 2,200 connections a minute).
 * - `Degraded`: connected, but a REST read found activity that no socket delivered (a room the
 *   server accepts and never sends to). Polling runs as if the socket were down; the next event
 *   it delivers makes it `Connected` again.
 */
export const SocketState = {
  Idle: 'idle',
  Connecting: 'connecting',
  Connected: 'connected',
  Reconnecting: 'reconnecting',
  Down: 'down',
  RoomRejected: 'room-rejected',
  Degraded: 'degraded',
} as const;
export type SocketState = (typeof SocketState)[keyof typeof SocketState];

export interface SocketStatus {
  state: SocketState;
  /** Reconnection attempt number while reconnecting, else 0. */
  attempt: number;
  /** Socket.IO id while connected. */
  id?: string;
  /**
   * Epoch ms of the last realtime event this socket delivered, or null. As of the session's
   * last change: an event no other part of the session changed with (the second socket's
   * copy of one the first delivered) is counted here from the next change on.
   */
  lastEventAt: number | null;
  /** Epoch ms of the last successful connection, or null. */
  connectedAt?: number | null;
}

export const LinkMode = { Realtime: 'realtime', Polling: 'polling', Offline: 'offline' } as const;
export type LinkMode = (typeof LinkMode)[keyof typeof LinkMode];

export const AuthState = {
  Anonymous: 'anonymous',
  Authenticating: 'authenticating',
  Authenticated: 'authenticated',
  AuthRequired: 'auth-required',
} as const;
export type AuthState = (typeof AuthState)[keyof typeof AuthState];

export interface SessionStatus {
  chat: SocketStatus;
  rt: SocketStatus;
  /** Realtime while at least one socket is connected and not degraded, Polling while only polling runs. */
  mode: LinkMode;
  /** The poller is running now (fallback or Auto). */
  polling: boolean;
  /** The seed's "Auto ON": poll even while sockets are up. */
  auto: boolean;
  auth: AuthState;
  /** The realtime room the sockets join (the tenant, else the token's `TenantId`); '' if none. */
  room: string;
  /** Epoch ms of the last realtime event or successful poll. */
  lastEventAt: number | null;
  /**
   * This tab's part in the connection shared by the browser's tabs: `leader` (its sockets
   * serve every tab), `follower` (it shows the leader's), `alone` (not shared), or null while
   * not connected. See `realtime/tab-link.ts`.
   */
  tab: TabRole | null;
}

/** See {@link SessionStatus.tab}. */
export type TabRole = 'alone' | 'leader' | 'follower';
