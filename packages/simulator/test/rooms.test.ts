/**
 * Rooms that are not the token's tenant (refused or silently accepted), and the per-user
 * counters of token grants and socket attempts a client test reads rates from.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { AUTH_ERROR, startSimulator, type RunningSimulator } from '../src/index.js';
import {
  CACHUA,
  TOMATO,
  call,
  collect,
  connected,
  control,
  counters,
  login,
  once,
  socketTo,
  type Json,
} from './helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('rooms and counters', () => {
  let sim: RunningSimulator;
  let token: string;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);
  /** Sockets with a valid tomato token and a room that is not tomato's. */
  const wrongRooms = () => [
    track(socketTo(sim.rtUrl, { room: CACHUA, token })),
    track(socketTo(sim.rtUrl, { room: 'nowhere.tpos.vn', token })),
    track(socketTo(sim.rtUrl, { token })),
  ];

  before(async () => {
    sim = await startSimulator({ conversations: 10 });
    token = (await login(sim)).access_token;
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await control(sim, 'room', { mode: 'refuse' });
    await control(sim, 'dialect', { server: 'both', dialect: 'captured' });
  });
  after(() => sim.close());

  it('refuses a foreign, unknown or missing room by default with the bad-token CONNECT_ERROR', async () => {
    await control(sim, 'reset-counters');
    for (const s of wrongRooms()) {
      await assert.rejects(connected(s), (err: Error) => err.message === AUTH_ERROR);
    }
    const rt = (await counters(sim)).sockets.rt;
    const three = { attempts: 3, refused: 3, wrongRoom: 3 };
    assert.deepEqual(
      {
        attempts: rt.attempts,
        refused: rt.refused,
        wrongRoom: rt.wrongRoom,
        connections: rt.connections,
      },
      { ...three, connections: 0 },
    );
    assert.deepEqual(rt.byUser, { demo: three });
    assert.deepEqual(rt.byTenant, { [TOMATO]: three });
  });

  it('accepts them in silent mode but never sends them an event', async () => {
    const set = await control(sim, 'room', { server: 'rt', mode: 'silent' });
    assert.deepEqual(set.body.unknownRoom, { rt: 'silent', chat: 'refuse' });
    const info = (await call(`${sim.restUrl}/__sim/info`)).body;
    assert.deepEqual(info.unknownRoom, { rt: 'silent', chat: 'refuse' });
    assert.equal(info.profile, 'rich');
    await control(sim, 'reset-counters');
    const silent = await Promise.all(wrongRooms().map((s) => connected(s)));
    const got = silent.map((s) => collect(s, 'on-events'));
    const right = await connected(track(socketTo(sim.rtUrl, { room: TOMATO, token })));
    const delivered = once(right, 'on-events');
    await control(sim, 'emit', { tenant: TOMATO, server: 'rt' });
    await control(sim, 'emit', { tenant: CACHUA, server: 'rt' });
    await delivered;
    // Packets of one connection arrive in order: once the server's DISCONNECT is in, any
    // event sent before it would have been too.
    const gone = silent.map((s) => once<string>(s, 'disconnect'));
    await control(sim, 'disconnect', { server: 'rt' });
    assert.deepEqual(await Promise.all(gone), Array(3).fill('io server disconnect'));
    assert.deepEqual(got, [[], [], []]);
    const rt = (await counters(sim)).sockets.rt;
    assert.deepEqual(rt.byUser, { demo: { attempts: 4, refused: 0, wrongRoom: 3 } });
    assert.equal(rt.connections, 4);
    const chat = track(socketTo(sim.chatUrl, { room: CACHUA, token }));
    await assert.rejects(connected(chat), (err: Error) => err.message === AUTH_ERROR);
  });

  it('applies the room mode to the seed dialect on auth', async () => {
    await control(sim, 'dialect', { server: 'chat', dialect: 'seed' });
    const refused = await connected(track(socketTo(sim.chatUrl, { room: CACHUA })));
    const denied = once<Json>(refused, 'unauthorized');
    refused.emit('auth', { token });
    assert.deepEqual(await denied, { message: AUTH_ERROR });

    await control(sim, 'room', { server: 'chat', mode: 'silent' });
    const silent = await connected(track(socketTo(sim.chatUrl, { room: CACHUA })));
    const got = collect(silent, 'on-messages');
    const ok = once<Json>(silent, 'authenticated');
    silent.emit('auth', { token });
    assert.deepEqual(await ok, { UserName: 'demo', TenantId: TOMATO });
    await control(sim, 'emit', { tenant: TOMATO, server: 'chat' });
    await control(sim, 'emit', { tenant: CACHUA, server: 'chat' });
    const gone = once<string>(silent, 'disconnect');
    await control(sim, 'disconnect', { server: 'chat' });
    assert.equal(await gone, 'io server disconnect');
    assert.deepEqual(got, []);
  });

  it('validates the room control', async () => {
    assert.equal((await control(sim, 'room', { mode: 'maybe' })).status, 400);
    assert.equal((await control(sim, 'room', {})).status, 400);
    assert.equal((await control(sim, 'room', { mode: 'silent', server: 'x' })).status, 400);
  });

  it('counts token grants per user and tenant, failed ones too, since the last reset', async () => {
    await control(sim, 'reset-counters');
    const since = Date.parse((await counters(sim)).since);
    const grant = (body: string) =>
      call(`${sim.restUrl}/token`, { method: 'POST', headers: FORM, body });
    const first = await login(sim);
    await login(sim);
    await login(sim, 'shop2', 'shop2pass');
    const refreshed = await grant(
      `grant_type=refresh_token&refresh_token=${first.refresh_token}&client_id=tmtWebApp`,
    );
    assert.equal(refreshed.status, 200);
    const reused = await grant(
      `grant_type=refresh_token&refresh_token=${first.refresh_token}&client_id=tmtWebApp`,
    );
    assert.equal(reused.status, 400);
    const wrong = 'client_id=tmtWebApp&grant_type=password&scope=profile&password=nope';
    assert.equal((await grant(`${wrong}&username=demo`)).status, 400);
    assert.equal((await grant(`${wrong}&username=stranger`)).status, 400);
    const c = await counters(sim);
    assert.ok(Date.parse(c.since) === since);
    assert.deepEqual(c.tokens, {
      password: 3,
      refresh: 1,
      failed: 3,
      byUser: {
        demo: { password: 2, refresh: 1, failed: 1 },
        shop2: { password: 1, refresh: 0, failed: 0 },
      },
      byTenant: {
        [TOMATO]: { password: 2, refresh: 1, failed: 1 },
        [CACHUA]: { password: 1, refresh: 0, failed: 0 },
      },
    });
    await control(sim, 'reset-counters');
    const reset = await counters(sim);
    assert.deepEqual(reset.tokens, {
      password: 0,
      refresh: 0,
      failed: 0,
      byUser: {},
      byTenant: {},
    });
    assert.ok(Date.parse(reset.since) >= since);
  });

  it('counts Engine.IO handshakes, refused ones included, and unattributed bad tokens', async () => {
    await control(sim, 'reset-counters');
    await control(sim, 'refuse', { server: 'rt', seconds: 60 });
    const refused = track(socketTo(sim.rtUrl, { room: TOMATO, token }));
    await assert.rejects(connected(refused), (err: Error) => err.message === 'websocket error');
    await control(sim, 'refuse', { server: 'rt', seconds: 0 });
    const forged = track(socketTo(sim.rtUrl, { room: TOMATO, token: `${token}x` }));
    await assert.rejects(connected(forged), (err: Error) => err.message === AUTH_ERROR);
    const rt = (await counters(sim)).sockets.rt;
    assert.deepEqual(
      [rt.handshakes, rt.attempts, rt.refused, rt.wrongRoom, rt.byUser],
      [2, 1, 1, 0, {}],
    );
  });
});
