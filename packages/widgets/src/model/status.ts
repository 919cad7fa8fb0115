/** Connection and login state of a session, as `<chatomni-status>` shows it. */

export const SocketState = {
  Idle: 'idle',
  Connecting: 'connecting',
  Connected: 'connected',
  Reconnecting: 'reconnecting',
  Down: 'down',
} as const;
export type SocketState = (typeof SocketState)[keyof typeof SocketState];

export interface SocketStatus {
  state: SocketState;
  /** Reconnection attempt number while reconnecting, else 0. */
  attempt: number;
  /** Socket.IO id while connected. */
  id?: string;
  lastEventAt: number | null;
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
  /** Realtime while at least one socket is connected, Polling while only polling runs. */
  mode: LinkMode;
  /** The poller is running now (fallback or Auto). */
  polling: boolean;
  /** The seed's "Auto ON": poll even while sockets are up. */
  auto: boolean;
  auth: AuthState;
  /** Epoch ms of the last realtime event or successful poll. */
  lastEventAt: number | null;
}
