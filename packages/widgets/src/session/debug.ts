/**
 * `window.chatomni` (config `debug`): each session's sockets, status and `refresh()` for the
 * console, as in the seed (`chatomni.rt.disconnect()`). The debug lines themselves go through
 * `util/logger.ts`.
 */
import type { ServerName } from '../realtime/socket-connection.js';
import type { SessionStatus } from '../model/index.js';

/** The console handle of one socket. */
export interface DebugSocket {
  readonly connected: boolean;
  readonly id: string | undefined;
  connect(): void;
  disconnect(): void;
}

/** What `window.chatomni.sessions[name]` exposes. */
export interface DebugSession {
  readonly chat: DebugSocket;
  readonly rt: DebugSocket;
  readonly status: SessionStatus;
  refresh(): Promise<void>;
}

interface DebugRoot {
  sessions: Record<string, DebugSession>;
  /** Shortcuts to the default session's sockets, as in the seed's console commands. */
  chat?: DebugSocket;
  rt?: DebugSocket;
}

declare global {
  interface Window {
    chatomni?: DebugRoot;
  }
}

/** What {@link debugSession} needs from a session's {@link LiveLink}. */
export interface DebugLiveLink {
  socket(name: ServerName): { readonly connected: boolean; readonly id: string | undefined } | null;
  startOne(name: ServerName): void;
  stopOne(name: ServerName): void;
}

/** The console handle of a session: live views of its sockets, its status and `refresh()`. */
export function debugSession(
  live: DebugLiveLink,
  status: () => SessionStatus,
  refresh: () => Promise<void>,
): DebugSession {
  const socket = (name: ServerName): DebugSocket => ({
    get connected() {
      return live.socket(name)?.connected ?? false;
    },
    get id() {
      return live.socket(name)?.id;
    },
    connect: () => live.startOne(name),
    disconnect: () => live.stopOne(name),
  });
  return {
    chat: socket('chat'),
    rt: socket('rt'),
    get status() {
      return status();
    },
    refresh,
  };
}

/** Publishes a session on `window.chatomni`; returns the function that removes it. */
export function exposeSession(name: string, session: DebugSession): () => void {
  if (typeof window === 'undefined') return () => {};
  const root = (window.chatomni ??= { sessions: {} });
  root.sessions[name] = session;
  if (name === 'default') {
    root.chat = session.chat;
    root.rt = session.rt;
  }
  return () => {
    if (root.sessions[name] !== session) return;
    delete root.sessions[name];
    if (name === 'default') {
      delete root.chat;
      delete root.rt;
    }
  };
}

/** Publishes a session on `window.chatomni` while its `debug` setting is on. */
export class DebugExposure {
  private unexpose: (() => void) | null = null;

  constructor(
    private readonly name: string,
    private readonly handle: () => DebugSession,
  ) {}

  /** Publishes or removes the session to follow `on`. */
  update(on: boolean): void {
    if (on && !this.unexpose) this.unexpose = exposeSession(this.name, this.handle());
    else if (!on) this.remove();
  }

  remove(): void {
    this.unexpose?.();
    this.unexpose = null;
  }
}
