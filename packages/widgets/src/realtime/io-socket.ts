/**
 * A Socket.IO client for one namespace over one WebSocket: Engine.IO protocol 4 and Socket.IO
 * protocol 5, the part of them that TPOS's servers speak to the widgets (docs/tpos-protocol.md
 * §5): the handshake, the namespace CONNECT with an auth payload, CONNECT_ERROR, events from
 * the server, `emit` to it, pings answered, DISCONNECT. No HTTP long-polling, no binary
 * attachments, no acknowledgements, no reconnection of its own (SocketConnection has its
 * policy). It replaces socket.io-client, which was 10 KB of the 35 KB the first load may take.
 */

import type { Logger } from '../util/logger.js';

/** What `new IoSocket(url, options)` needs; `url` is the namespace URL, `https://host/chatomni`. */
export interface IoSocketOptions {
  /** Engine.IO path on the server, e.g. `/ws/rt/socket.io`. */
  path: string;
  /** Query parameters of the handshake (e.g. `room`); never secrets. */
  query: Record<string, string>;
  /** The namespace CONNECT payload, read at each attempt (the newest token). */
  auth: () => Record<string, unknown>;
  /** An attempt not connected after this many ms fails with "timeout". */
  timeout: number;
  /** Where a dropped packet (binary, malformed, unknown) is told (debug). */
  log: Logger;
}

/** Why a connection ended, as socket.io-client names it. */
export type DisconnectReason = 'io client disconnect' | 'io server disconnect' | 'transport close';

type Listener = (...args: never[]) => void;

/** Events of the socket itself; anything else is an event from the server. */
export interface IoSocketEvents {
  connect: () => void;
  connect_error: (error: Error) => void;
  disconnect: (reason: DisconnectReason) => void;
  /** Any packet from the server, pings included: the connection is alive. */
  heartbeat: () => void;
}

const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'heartbeat']);

/** One namespace socket; `connect()` opens a new WebSocket each time it is not connected. */
export class IoSocket {
  /** Connected to the namespace. */
  connected = false;
  /** The namespace session id while connected. */
  id: string | undefined;
  /** The server's ping interval and timeout from the last handshake (ms). */
  pingInterval: number | undefined;
  pingTimeout: number | undefined;
  private ws: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly nsp: string;
  private readonly endpoint: string;

  /** @throws TypeError for a URL that is not absolute. */
  constructor(
    url: string,
    private readonly options: IoSocketOptions,
  ) {
    const target = new URL(url);
    this.nsp = target.pathname.replace(/\/+$/, '') || '/';
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    target.pathname = `${options.path.replace(/\/+$/, '')}/`;
    target.search = new URLSearchParams({
      ...options.query,
      EIO: '4',
      transport: 'websocket',
    }).toString();
    this.endpoint = target.href;
  }

  on<E extends keyof IoSocketEvents>(event: E, listener: IoSocketEvents[E]): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  on(event: string, listener: Listener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }

  /** Opens a connection unless one is open or opening. */
  connect(): void {
    if (this.ws) return;
    const ws = (this.ws = new WebSocket(this.endpoint));
    ws.onmessage = (e) =>
      typeof e.data === 'string' ? this.onEngine(e.data) : this.drop('a binary frame');
    ws.onclose = () => this.end('transport close', new Error('websocket error'));
    this.timer = setTimeout(() => this.end(null, new Error('timeout')), this.options.timeout);
  }

  /** Leaves the namespace and closes the connection ("io client disconnect"). */
  disconnect(): void {
    if (this.connected) this.send(`41${this.prefix()}`);
    this.end('io client disconnect', null);
  }

  /** Sends an event to the server; dropped while not connected. */
  emit(event: string, ...args: unknown[]): void {
    if (this.connected) this.send(`42${this.prefix()}${JSON.stringify([event, ...args])}`);
  }

  /** `/chatomni,` (the default namespace has no prefix). */
  private prefix(): string {
    return this.nsp === '/' ? '' : `${this.nsp},`;
  }

  private send(packet: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(packet);
  }

  private onEngine(packet: string): void {
    this.fire('heartbeat');
    const type = packet[0];
    if (type === '0') {
      const open = parse(packet.slice(1)) as { pingInterval?: unknown; pingTimeout?: unknown };
      this.pingInterval = typeof open?.pingInterval === 'number' ? open.pingInterval : undefined;
      this.pingTimeout = typeof open?.pingTimeout === 'number' ? open.pingTimeout : undefined;
      this.send(`40${this.prefix()}${JSON.stringify(this.options.auth())}`);
    } else if (type === '2') {
      this.send('3');
    } else if (type === '1') {
      this.end('transport close', new Error('websocket error'));
    } else if (type === '4') {
      this.onPacket(packet.slice(1));
    } else if (type !== '6') {
      this.drop(packet);
    }
  }

  /** One Socket.IO packet: type, `/nsp,` unless the default one, ack id, JSON payload. */
  private onPacket(packet: string): void {
    const match = /^([0-4])(?:(\/[^,]*),)?\d*([\s\S]*)$/.exec(packet);
    if (!match || (match[2] ?? '/') !== this.nsp) return this.drop(packet);
    const data = match[3] ? parse(match[3]) : undefined;
    if (match[3] && data === undefined) return this.drop(packet);
    const type = match[1];
    if (type === '0' && !this.connected) {
      clearTimeout(this.timer);
      this.connected = true;
      this.id = (data as { sid?: string } | undefined)?.sid;
      this.fire('connect');
    } else if (type === '4') {
      const message = (data as { message?: unknown } | undefined)?.message;
      this.end(
        'io server disconnect',
        new Error(typeof message === 'string' ? message : 'connect error'),
      );
    } else if (type === '1') {
      this.end('io server disconnect', null);
    } else if (type === '2') {
      if (Array.isArray(data) && typeof data[0] === 'string' && !RESERVED.has(data[0])) {
        this.fire(data[0], ...(data.slice(1) as never[]));
      } else {
        this.drop(packet);
      }
    }
  }

  /**
   * Closes the WebSocket; then a connected socket fires `disconnect` with `reason`, one that
   * was still connecting fires `connect_error` with `error` (when given).
   */
  private end(reason: DisconnectReason | null, error: Error | null): void {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    clearTimeout(this.timer);
    ws.onmessage = ws.onclose = null;
    if (ws.readyState <= WebSocket.OPEN) ws.close();
    const wasConnected = this.connected;
    this.connected = false;
    this.id = undefined;
    if (wasConnected && reason) this.fire('disconnect', reason as never);
    else if (!wasConnected && error) this.fire('connect_error', error as never);
  }

  private drop(packet: string): void {
    this.options.log.debug('[ChatOmni] dropped a Socket.IO packet:', packet.slice(0, 200));
  }

  private fire(event: string, ...args: never[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

/** JSON, or undefined for anything malformed (the packet is then dropped). */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
