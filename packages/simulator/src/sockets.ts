/**
 * One simulated realtime server (rt-2.tpos.app or ws.chatomni.tpos.app): Socket.IO v4,
 * namespace `/chatomni`, one room per tenant, in either dialect of docs/tpos-protocol.md §5.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { Auth, Principal } from './auth.js';
import type { SimEvent } from './envelopes.js';
import type { SimDialect, SimRoomMode, SimServerName } from './options.js';
import { Tally, type Who } from './tally.js';

/**
 * The CONNECT_ERROR message TPOS answers a missing, bad or expired token with; the simulator
 * refuses a foreign room with it too (room mode `refuse`).
 */
export const AUTH_ERROR = 'Room or token are not found';

/**
 * What each server counts per user and tenant of the token: namespace CONNECT `attempts`,
 * the `refused` ones (CONNECT_ERROR, or `unauthorized` in the seed dialect), and those whose
 * room was not the token's tenant (`wrongRoom`, refused or not). Attempts without a valid
 * token count in total only.
 */
export type SocketCount = 'attempts' | 'refused' | 'wrongRoom';

interface SocketData {
  /** The room joined; undefined while none (seed dialect before auth, or a silent wrong room). */
  tenant?: string;
  /** The room asked for in the handshake query. */
  room?: string;
  jti?: string;
  /** Half-closed: no pings, no events, for good (a dead TCP connection does not come back). */
  silenced?: boolean;
}

/**
 * Engine.IO's private heartbeat timers, reached into to simulate a half-closed server, and its
 * WebSocket transport's socket (from the `ws` package), to write frames of our own.
 */
interface EngineConn {
  pingIntervalTimer: NodeJS.Timeout | null;
  pingTimeoutTimer: NodeJS.Timeout | null;
  transport?: { socket?: { send(data: string | Uint8Array): void } };
}

export interface RealtimeOptions {
  name: SimServerName;
  dialect: SimDialect;
  pingInterval: number;
  pingTimeout: number;
  cors: boolean;
  unknownRoom: SimRoomMode;
  log: (line: string) => void;
}

export class RealtimeServer {
  readonly name: SimServerName;
  dialect: SimDialect;
  /** Treatment of a missing, unknown or foreign room, from the next CONNECT (seed: `auth`) on. */
  roomMode: SimRoomMode;
  /** Connections accepted and events sent since the last reset. */
  connections = 0;
  events = 0;
  /** Engine.IO handshakes since the last reset, refused ones (`/__sim/refuse`) included. */
  handshakes = 0;
  readonly counts = new Tally<SocketCount>(['attempts', 'refused', 'wrongRoom']);
  private halfClosed = false;
  private refuseUntil = 0;
  private readonly http: HttpServer;
  private readonly io: Server;
  private readonly nsp: Namespace;

  constructor(
    private readonly auth: Auth,
    private readonly opts: RealtimeOptions,
  ) {
    this.name = opts.name;
    this.dialect = opts.dialect;
    this.roomMode = opts.unknownRoom;
    this.http = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"NotFound","message":"Not found"}}');
    });
    this.io = new Server(this.http, {
      pingInterval: opts.pingInterval,
      pingTimeout: opts.pingTimeout,
      serveClient: false,
      cors: opts.cors ? { origin: true } : undefined,
      allowRequest: (_req, callback) => {
        this.handshakes += 1;
        const refused = Date.now() < this.refuseUntil;
        callback(refused ? 'Refused by the simulator' : null, !refused);
      },
    });
    this.io.engine.on('connection', (conn: EngineConn) => {
      if (this.halfClosed) silence(conn);
    });
    this.nsp = this.io.of('/chatomni');
    this.nsp.use((socket, next) => this.admit(socket, next));
    this.nsp.on('connection', (socket) => this.onConnection(socket));
  }

  /** Sockets connected now. */
  get connected(): number {
    return this.nsp.sockets.size;
  }

  /** Listens on `host:port` and returns the port. */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    return (this.http.address() as AddressInfo).port;
  }

  /** Sends an event to every authenticated socket of `tenant`; false when nothing was sent. */
  broadcast(tenant: string, event: SimEvent): boolean {
    if (this.halfClosed) return false;
    const room = this.nsp.to(tenant);
    const { envelope } = event;
    if (this.dialect === 'captured') {
      room.emit('on-events', JSON.stringify(envelope));
    } else if (this.name === 'chat') {
      if (event.category !== 'chat') return false;
      room.emit('on-messages', { ...envelope, EventName: 'MessageCreated' });
      room.emit('on-conversations', { Conversation: envelope.Conversation });
    } else if (event.category === 'chat') {
      room.emit('update', envelope);
    } else {
      room.emit('notification', {
        Type: envelope.Type ?? envelope.type,
        Message: envelope.Message ?? envelope.message,
        Data: envelope.Data ?? envelope.data,
      });
    }
    this.events += 1;
    return true;
  }

  /** Sends `value` as is under `eventName`, for malformed-payload tests. */
  raw(tenant: string, eventName: string, value: unknown): boolean {
    if (this.halfClosed) return false;
    this.nsp.to(tenant).emit(eventName, value);
    this.events += 1;
    return true;
  }

  /**
   * Writes `frames` as they are (text, or binary for a Uint8Array) on the WebSocket of every
   * socket in the namespace, below Engine.IO and Socket.IO: for malformed-frame tests.
   * Returns how many connections got them.
   */
  frames(frames: readonly (string | Uint8Array)[]): number {
    let count = 0;
    for (const socket of this.nsp.sockets.values()) {
      const ws = (socket.conn as unknown as EngineConn).transport?.socket;
      if (!ws) continue;
      for (const frame of frames) ws.send(frame);
      count++;
    }
    return count;
  }

  /**
   * Disconnects every socket: `transport` closes the connection (client reason
   * "transport close"), otherwise a namespace DISCONNECT ("io server disconnect").
   */
  disconnectAll(transport = false): number {
    const count = this.nsp.sockets.size;
    // socket.disconnect(true) still sends a DISCONNECT packet first; closing the Engine.IO
    // connection is what a crashed or restarted server looks like. Every Engine.IO connection,
    // so that one whose namespace CONNECT is still under way does not survive.
    if (transport) {
      const clients = (this.io.engine as unknown as { clients: Record<string, { close(): void }> })
        .clients;
      for (const conn of Object.values(clients)) conn.close();
    } else this.nsp.disconnectSockets(false);
    return count;
  }

  /** Disconnects the sockets authenticated with one of `jtis` (server-side). */
  disconnectTokens(jtis: ReadonlySet<string>): number {
    let count = 0;
    for (const socket of this.nsp.sockets.values()) {
      const data = socket.data as SocketData;
      if (data.jti && jtis.has(data.jti)) {
        socket.disconnect();
        count++;
      }
    }
    return count;
  }

  /** Refuses new connections (the handshake gets HTTP 403) for `seconds`. */
  refuse(seconds: number): void {
    this.refuseUntil = Date.now() + Math.max(0, seconds) * 1000;
  }

  /**
   * Half-close: sockets stay open but get no pings and no events. Sockets silenced this way
   * stay silent after the half-close is lifted (as a dead connection would); only new
   * connections work again, so clients must notice the silence and reconnect.
   */
  setHalfClosed(on: boolean): void {
    this.halfClosed = on;
    if (on) for (const socket of this.nsp.sockets.values()) silenceSocket(socket);
  }

  /** Switches the dialect; connected sockets are dropped so clients reconnect in the new one. */
  setDialect(dialect: SimDialect): void {
    if (dialect === this.dialect) return;
    this.dialect = dialect;
    this.disconnectAll();
  }

  resetCounters(): void {
    this.connections = 0;
    this.events = 0;
    this.handshakes = 0;
    this.counts.reset();
  }

  async close(): Promise<void> {
    this.nsp.disconnectSockets(true);
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  private admit(socket: Socket, next: (err?: Error) => void): void {
    // Handshaken just before a refusal began: dropped as the refusal's disconnect would have.
    if (Date.now() < this.refuseUntil) {
      socket.conn.close();
      return;
    }
    const data = socket.data as SocketData;
    data.room = roomOf(socket);
    if (this.dialect === 'seed') {
      // The token comes after the CONNECT: attributed and judged on `auth`.
      this.counts.add('attempts');
      next();
      return;
    }
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = typeof token === 'string' ? this.auth.verify(token) : null;
    this.counts.add('attempts', whoOf(principal));
    if (!principal || !this.roomAllowed(principal, data)) {
      this.counts.add('refused', whoOf(principal));
      next(new Error(AUTH_ERROR));
      return;
    }
    data.jti = principal.jti;
    next();
  }

  /**
   * Whether a valid token may stay with the room it asked for; sets the room to join (none
   * for a wrong room in `silent` mode, so no event ever reaches it).
   */
  private roomAllowed(principal: Principal, data: SocketData): boolean {
    if (data.room === principal.tenant) {
      data.tenant = data.room;
      return true;
    }
    this.counts.add('wrongRoom', whoOf(principal));
    data.tenant = undefined;
    return this.roomMode === 'silent';
  }

  private onConnection(socket: Socket): void {
    this.connections += 1;
    const data = socket.data as SocketData;
    this.opts.log(`[${this.name}] connect ${socket.id} room=${data.tenant ?? '-'}`);
    if (this.halfClosed) silenceSocket(socket);
    if (this.dialect === 'captured') {
      if (data.silenced || !data.tenant) return;
      void socket.join(data.tenant);
      return;
    }
    socket.on('auth', (payload: unknown) => {
      if (this.halfClosed || data.silenced) return;
      const token = (payload as { token?: unknown } | null)?.token;
      const principal = typeof token === 'string' ? this.auth.verify(token) : null;
      if (!principal || !this.roomAllowed(principal, data)) {
        this.counts.add('refused', whoOf(principal));
        socket.emit('unauthorized', { message: AUTH_ERROR });
        socket.disconnect();
        return;
      }
      data.jti = principal.jti;
      if (data.tenant) void socket.join(data.tenant);
      socket.emit('authenticated', { UserName: principal.username, TenantId: principal.tenant });
    });
  }
}

function whoOf(principal: Principal | null): Who | undefined {
  return principal ? { username: principal.username, tenant: principal.tenant } : undefined;
}

function roomOf(socket: Socket): string | undefined {
  const room = socket.handshake.query.room;
  return typeof room === 'string' && room !== '' ? room : undefined;
}

function silenceSocket(socket: Socket): void {
  (socket.data as SocketData).silenced = true;
  silence(socket.conn as unknown as EngineConn);
  for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
}

function silence(conn: EngineConn): void {
  if (conn.pingIntervalTimer) clearTimeout(conn.pingIntervalTimer);
  if (conn.pingTimeoutTimer) clearTimeout(conn.pingTimeoutTimer);
  conn.pingIntervalTimer = null;
  conn.pingTimeoutTimer = null;
}
