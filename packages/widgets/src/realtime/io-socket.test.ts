/**
 * IoSocket against the simulator's real Socket.IO servers (socket.io 4): the handshake, the
 * namespace CONNECT with the token, events both ways, pings answered, every way a connection
 * ends, with the reasons SocketConnection acts on, and a new connection after one ended; and
 * malformed frames written below Engine.IO (`/__sim/frames`), each dropped with a debug line.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  control,
  counters,
  emit,
  QUICK_PINGS,
  startSim,
  token,
  type Sim,
} from '../../test/support/harness.js';
import { realtimeTarget } from '../util/url.js';
import { IoSocket } from './io-socket.js';

const sockets: IoSocket[] = [];

/** A socket to the simulator's rt server and everything it fired, in order. */
function open(sim: Sim, tokenValue: string, url = sim.rtUrl) {
  const target = realtimeTarget(url);
  const debug: string[] = [];
  const socket = new IoSocket(target.url, {
    path: target.path,
    query: { room: 'tomato.tpos.vn' },
    auth: () => ({ token: tokenValue }),
    timeout: 5000,
    log: { info: () => {}, debug: (...args: unknown[]) => debug.push(args.join(' ')) },
  });
  sockets.push(socket);
  const log: string[] = [];
  const events: unknown[] = [];
  let heartbeats = 0;
  socket.on('connect', () => log.push('connect'));
  socket.on('disconnect', (reason) => log.push(`disconnect: ${reason}`));
  socket.on('connect_error', (error) => log.push(`connect_error: ${error.message}`));
  socket.on('heartbeat', () => heartbeats++);
  socket.on('on-events', (payload) => events.push(payload));
  return { socket, log, events, debug, heartbeats: () => heartbeats };
}

describe('IoSocket', () => {
  let sim: Sim;
  let tok: string;

  beforeEach(async () => {
    sim = await startSim(QUICK_PINGS);
    tok = await token(sim);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  it('joins /chatomni with the token, reads the heartbeat settings and receives events', async () => {
    const { socket, log, events } = open(sim, tok);
    socket.connect();
    await waitUntil(() => socket.connected, 'not connected');
    expect(log).to.deep.equal(['connect']);
    expect(socket.id).to.be.a('string').with.length.above(0);
    expect([socket.pingInterval, socket.pingTimeout]).to.deep.equal([300, 300]);
    const sent = await emit(sim, { server: 'rt', kind: 'message', text: 'Còn size M không?' });
    await waitUntil(() => events.length === 1, 'no event');
    // The captured dialect: the envelope is a JSON string (parsed by envelope.ts).
    expect(events[0]).to.be.a('string');
    expect(events[0]).to.include(sent.Id);
  });

  it('answers the server pings, so it stays connected over many ping timeouts', async () => {
    const { socket, log, heartbeats } = open(sim, tok);
    socket.connect();
    await waitUntil(() => socket.connected, 'not connected');
    // Pings every 300 ms, each to be answered within 300 ms: ten of them is 3 s connected.
    await waitUntil(() => heartbeats() >= 10, 'too few pings', { timeout: 8000 });
    expect(socket.connected).to.equal(true);
    expect(log).to.deep.equal(['connect']);
    expect((await counters(sim)).sockets.rt.connected).to.equal(1);
  });

  it('reports a refused token as connect_error with the server message, never connect', async () => {
    const { socket, log } = open(sim, 'not-a-token');
    socket.connect();
    await waitUntil(() => log.length > 0, 'no answer');
    expect(log).to.deep.equal(['connect_error: Room or token are not found']);
    expect(socket.connected).to.equal(false);
  });

  it('tells the server leaving the namespace from the connection closing', async () => {
    const a = open(sim, tok);
    a.socket.connect();
    await waitUntil(() => a.socket.connected, 'not connected');
    await control(sim, 'disconnect', { server: 'rt' });
    await waitUntil(() => a.log.length === 2, 'no disconnect');
    expect(a.log).to.deep.equal(['connect', 'disconnect: io server disconnect']);

    const b = open(sim, tok);
    b.socket.connect();
    await waitUntil(() => b.socket.connected, 'not connected');
    await control(sim, 'disconnect', { server: 'rt', transport: true });
    await waitUntil(() => b.log.length === 2, 'no disconnect');
    expect(b.log).to.deep.equal(['connect', 'disconnect: transport close']);
    expect(b.socket.connected).to.equal(false);
    expect(b.socket.id).to.equal(undefined);

    // connect() after an end opens a new connection.
    b.socket.connect();
    await waitUntil(() => b.socket.connected, 'not connected again');
    expect(b.log).to.deep.equal(['connect', 'disconnect: transport close', 'connect']);
  });

  it('leaves on disconnect() ("io client disconnect") and the server sees it go', async () => {
    const { socket, log } = open(sim, tok);
    socket.connect();
    await waitUntil(() => socket.connected, 'not connected');
    socket.disconnect();
    expect(log).to.deep.equal(['connect', 'disconnect: io client disconnect']);
    await waitUntil(async () => (await counters(sim)).sockets.rt.connected === 0, 'still there');
  });

  it('reports a server that is not Socket.IO as connect_error "websocket error"', async () => {
    const { socket, log } = open(sim, tok, sim.restUrl);
    socket.connect();
    await waitUntil(() => log.length > 0, 'no answer');
    expect(log).to.deep.equal(['connect_error: websocket error']);
  });

  it('drops malformed frames with a debug line each, and stays connected', async () => {
    const { socket, log, events, debug } = open(sim, tok);
    socket.connect();
    await waitUntil(() => socket.connected, 'not connected');
    const frames = [
      '42/chatomni,["on-events","unterminated', // not JSON
      '42/chatomni,"not an array"', // an event that is not [name, ...args]
      '42/chatomni,["connect"]', // a reserved name from the server
      '42/elsewhere,["on-events","{}"]', // another namespace
      '47/chatomni,[]', // no such Socket.IO packet type
      'x', // no such Engine.IO packet type
    ];
    // A binary frame: no attachments here.
    const binary = [btoa('\u0004\u0001\u0002')];
    expect(await control(sim, 'frames', { server: 'rt', frames, binary })).to.deep.equal({
      ok: true,
      connections: 1,
    });
    await waitUntil(() => debug.length === frames.length + 1, 'not every frame dropped');
    const prefix = '[ChatOmni] dropped a Socket.IO packet:';
    expect(debug).to.deep.equal([
      ...frames.map((f) => `${prefix} ${f.startsWith('4') ? f.slice(1) : f}`),
      `${prefix} a binary frame`,
    ]);
    expect(events).to.deep.equal([]);
    // Still connected and delivering.
    const sent = await emit(sim, { server: 'rt', kind: 'message', text: 'vẫn chạy' });
    await waitUntil(() => events.length === 1, 'no event after the garbage');
    expect(events[0]).to.include(sent.Id);
    expect(log).to.deep.equal(['connect']);
    expect(socket.connected).to.equal(true);
  });

  it('sends events: the seed dialect answers the auth event', async () => {
    await control(sim, 'dialect', { server: 'rt', dialect: 'seed' });
    const { socket } = open(sim, tok);
    let authenticated = false;
    socket.on('authenticated', () => (authenticated = true));
    socket.connect();
    await waitUntil(() => socket.connected, 'not connected');
    socket.emit('auth', { token: tok });
    await waitUntil(() => authenticated, 'not authenticated');
  });
});
