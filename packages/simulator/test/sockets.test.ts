import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Socket } from 'socket.io-client';
import { AUTH_ERROR, startSimulator, type RunningSimulator } from '../src/index.js';
import {
  CACHUA,
  TOMATO,
  collect,
  connected,
  control,
  login,
  once,
  socketTo,
  until,
  type Json,
} from './helpers.js';

describe('wire format', () => {
  it('hands shake and frames on-events exactly as captured from rt-2', async () => {
    const sim = await startSimulator({ conversations: 5 });
    try {
      const { access_token } = await login(sim);
      const socket = socketTo(sim.rtUrl, { room: TOMATO, token: access_token });
      // The Manager opens its Engine.IO socket synchronously, so nothing is missed.
      const engine = socket.io.engine;
      const handshake = once<Json>(engine, 'handshake');
      const frames: string[] = [];
      engine.on('packet', (p: { type: string; data?: unknown }) => {
        if (p.type === 'message') frames.push(String(p.data));
      });
      await connected(socket);
      const hs = await handshake;
      assert.deepEqual(
        { ...hs, sid: typeof hs.sid },
        {
          sid: 'string',
          upgrades: [],
          pingInterval: 25000,
          pingTimeout: 60000,
          maxPayload: 1000000,
        },
      );
      const res = await control(sim, 'emit', { text: 'wire' });
      await until(() => frames.length === 2, 5000, 'two frames');
      assert.match(frames[0]!, /^0\/chatomni,\{"sid":"[^"]+"\}$/);
      assert.equal(
        frames[1],
        `2/chatomni,${JSON.stringify(['on-events', JSON.stringify(res.body.Envelope)])}`,
      );
      socket.close();
    } finally {
      await sim.close();
    }
  });
});

describe('Socket.IO servers', () => {
  let sim: RunningSimulator;
  let token: string;
  let token2: string;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);
  const connect = (url: string, room: string, t: string) =>
    connected(track(socketTo(url, { room, token: t })));

  before(async () => {
    // Short pings so that half-closed sockets time out within a test; the timeout leaves room
    // for the event loop stalling under a loaded CI machine (300 ms dropped a healthy socket).
    sim = await startSimulator({ conversations: 30, pingInterval: 150, pingTimeout: 1000 });
    token = (await login(sim)).access_token;
    token2 = (await login(sim, 'shop2', 'shop2pass')).access_token;
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await control(sim, 'dialect', { server: 'both', dialect: 'captured' });
    await control(sim, 'half-close', { server: 'both', on: false });
  });
  after(() => sim.close());

  describe('captured dialect', () => {
    it('rejects a missing, forged or foreign-room token with the exact CONNECT_ERROR', async () => {
      const cases = [
        () => socketTo(sim.rtUrl, { room: TOMATO }),
        () => socketTo(sim.rtUrl, { room: TOMATO, token: `${token}x` }),
        () => socketTo(sim.chatUrl, { room: TOMATO, token: token2 }),
        () => socketTo(sim.chatUrl, { token }),
      ];
      for (const make of cases) {
        const s = track(make());
        await assert.rejects(connected(s), (err: Error) => err.message === AUTH_ERROR);
      }
      assert.equal(AUTH_ERROR, 'Room or token are not found');
    });

    it('delivers on-events as a JSON string on both servers after /__sim/emit', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const chat = await connect(sim.chatUrl, TOMATO, token);
      const fromRt = once<string>(rt, 'on-events');
      const fromChat = once<string>(chat, 'on-events');
      const res = await control(sim, 'emit', {
        text: 'Shop ơi',
        attachments: [{ type: 'image', url: 'https://picsum.photos/seed/a/640/800' }],
      });
      const [a, b] = await Promise.all([fromRt, fromChat]);
      assert.equal(typeof a, 'string');
      assert.equal(a, b);
      const env = JSON.parse(a);
      assert.deepEqual(env, res.body.Envelope);
      assert.equal(env.EventName, 'chatomni.on-message');
      assert.equal(env.Message.Id, res.body.Id);
      assert.equal(res.body.SocketId, res.body.Id);
      assert.equal(env.Conversation.Id, res.body.ConversationId);
      assert.equal(env.Message.MessageType, 11);
      assert.equal(env.Message.Message, 'Shop ơi');
      assert.equal(env.Message.IsOwner, false);
      assert.match(env.Message.CreatedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
      assert.match(env.Message.Data.id, /^m_/);
      assert.equal(env.Message.Data.from.id, env.Conversation.UserId);
      assert.deepEqual(env.Message.Data.webhook_attachments, [
        { type: 'image', payload: { url: 'https://picsum.photos/seed/a/640/800' } },
      ]);
      assert.match(res.body.EmittedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('sends comments (12), shop echoes, orders and product envelopes', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const got = collect<string>(rt, 'on-events');
      await control(sim, 'emit', { kind: 'comment', text: 'chốt 1 cái' });
      await control(sim, 'emit', { kind: 'message', isOwner: true, text: 'Dạ vâng ạ' });
      await control(sim, 'emit', { kind: 'order' });
      await control(sim, 'emit', { kind: 'product' });
      await control(sim, 'emit', { kind: 'product', productEvent: 'image-updated' });
      await until(() => got.length === 5, 5000, 'five events');
      const [comment, echo, order, product, image] = got.map((s) => JSON.parse(s));
      assert.equal(comment.Message.MessageType, 12);
      assert.match(comment.Message.ObjectId, /^\d{15}_\d{15}$/);
      assert.match(comment.Message.Data.id, /^\d{15}_\d{15}$/);
      assert.match(comment.Message.Data.created_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      assert.equal(comment.Message.Data.from.name, comment.Conversation.Name);
      assert.equal(echo.Message.IsOwner, true);
      assert.equal(echo.Message.Data.from.id, echo.Conversation.ChannelId);
      assert.equal(typeof echo.Message.CreatedBy.Name, 'string');
      assert.equal(order.Type, 'SaleOnline_Order');
      assert.equal(order.EventName, 'created');
      assert.equal(product.type, 'ProductTemplate');
      assert.equal(product.action, 'created');
      assert.equal(typeof product.companyId, 'number');
      assert.deepEqual(Object.keys(image).sort(), ['Data', 'EventName', 'Type']);
      assert.equal(image.EventName, 'product.image-updated');
    });

    it('keeps tenants apart: shop2 never receives tomato events', async () => {
      const tomato = await connect(sim.rtUrl, TOMATO, token);
      const cachua = await connect(sim.rtUrl, CACHUA, token2);
      const tomatoGot = collect<string>(tomato, 'on-events');
      const cachuaGot = collect<string>(cachua, 'on-events');
      await control(sim, 'emit', { tenant: TOMATO, text: 'cho tomato' });
      await control(sim, 'emit', { tenant: CACHUA, text: 'cho cachua' });
      await until(() => tomatoGot.length === 1 && cachuaGot.length === 1, 5000, 'one event each');
      await sleep(100);
      assert.deepEqual(
        tomatoGot.map((s) => JSON.parse(s).Message.Message),
        ['cho tomato'],
      );
      assert.deepEqual(
        cachuaGot.map((s) => JSON.parse(s).Message.Message),
        ['cho cachua'],
      );
    });

    it('sends only to the chosen server', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const chat = await connect(sim.chatUrl, TOMATO, token);
      const rtGot = collect(rt, 'on-events');
      const chatGot = collect(chat, 'on-events');
      await control(sim, 'emit', { server: 'chat' });
      await until(() => chatGot.length === 1, 5000, 'chat event');
      await sleep(100);
      assert.equal(rtGot.length, 0);
    });

    it('sends raw values as given, under any event name', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const str = once(rt, 'on-events');
      await control(sim, 'emit', { kind: 'raw', raw: '{"broken":' });
      assert.equal(await str, '{"broken":');
      const obj = once(rt, 'weird');
      await control(sim, 'emit', { kind: 'raw', raw: { a: [1] }, rawEvent: 'weird' });
      assert.deepEqual(await obj, { a: [1] });
    });
  });

  describe('seed dialect', () => {
    it('chat: accepts CONNECT without auth, then auth → authenticated → on-messages + on-conversations', async () => {
      await control(sim, 'dialect', { server: 'chat', dialect: 'seed' });
      const chat = await connected(track(socketTo(sim.chatUrl, { room: TOMATO })));
      const early = collect(chat, 'on-messages');
      await control(sim, 'emit', { server: 'chat' });
      await sleep(100);
      assert.equal(early.length, 0, 'no events before auth');
      const ok = once<Json>(chat, 'authenticated');
      chat.emit('auth', { token });
      assert.deepEqual(await ok, { UserName: 'demo', TenantId: TOMATO });
      const messages = once<Json>(chat, 'on-messages');
      const conversations = once<Json>(chat, 'on-conversations');
      const res = await control(sim, 'emit', { server: 'chat', text: 'seed hello' });
      const msg = await messages;
      assert.equal(typeof msg, 'object');
      assert.equal(msg.EventName, 'MessageCreated');
      assert.equal(msg.Message.Id, res.body.Id);
      assert.equal(msg.Message.Message, 'seed hello');
      assert.deepEqual(await conversations, { Conversation: res.body.Envelope.Conversation });
    });

    it('rt: update for chat events, notification for orders', async () => {
      await control(sim, 'dialect', { server: 'rt', dialect: 'seed' });
      const rt = await connected(track(socketTo(sim.rtUrl, { room: TOMATO, token })));
      const ok = once(rt, 'authenticated');
      rt.emit('auth', { token });
      await ok;
      const update = once<Json>(rt, 'update');
      const msg = await control(sim, 'emit', { server: 'rt' });
      assert.deepEqual(await update, msg.body.Envelope);
      const notification = once<Json>(rt, 'notification');
      const order = await control(sim, 'emit', { server: 'rt', kind: 'order' });
      const n = await notification;
      assert.deepEqual(n, {
        Type: 'SaleOnline_Order',
        Message: order.body.Envelope.Message,
        Data: order.body.Envelope.Data,
      });
    });

    it('answers a bad auth with unauthorized and a server-side disconnect', async () => {
      await control(sim, 'dialect', { server: 'chat', dialect: 'seed' });
      const chat = await connected(track(socketTo(sim.chatUrl, { room: TOMATO })));
      const denied = once<Json>(chat, 'unauthorized');
      const gone = once<string>(chat, 'disconnect');
      chat.emit('auth', { token: token2 });
      assert.deepEqual(await denied, { message: AUTH_ERROR });
      assert.equal(await gone, 'io server disconnect');
    });

    it('drops connected sockets when the dialect changes', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const gone = once<string>(rt, 'disconnect');
      await control(sim, 'dialect', { server: 'rt', dialect: 'seed' });
      assert.equal(await gone, 'io server disconnect');
      const info = (await fetch(`${sim.restUrl}/__sim/info`).then((r) => r.json())) as Json;
      assert.deepEqual(info.dialect, { rt: 'seed', chat: 'captured' });
    });
  });

  describe('faults', () => {
    it('disconnects every socket of a server (namespace or transport)', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const chat = await connect(sim.chatUrl, TOMATO, token);
      const gone = once<string>(rt, 'disconnect');
      const res = await control(sim, 'disconnect', { server: 'rt' });
      assert.equal(res.body.disconnected, 1);
      assert.equal(await gone, 'io server disconnect');
      assert.equal(chat.connected, true);
      const closed = once<string>(chat, 'disconnect');
      await control(sim, 'disconnect', { server: 'chat', transport: true });
      assert.equal(await closed, 'transport close');
    });

    it('refuses new connections for the given seconds, then accepts again', async () => {
      await control(sim, 'refuse', { server: 'rt', seconds: 0.4 });
      const refused = track(socketTo(sim.rtUrl, { room: TOMATO, token }));
      await assert.rejects(connected(refused), (err: Error) => err.message === 'websocket error');
      const chat = await connect(sim.chatUrl, TOMATO, token);
      assert.equal(chat.connected, true);
      await sleep(500);
      const again = await connect(sim.rtUrl, TOMATO, token);
      assert.equal(again.connected, true);
    });

    it('half-close: no pings and no events, so the client times out', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const got = collect(rt, 'on-events');
      const gone = once<string>(rt, 'disconnect', 5000);
      await control(sim, 'half-close', { server: 'rt', on: true });
      await control(sim, 'emit', { server: 'rt' });
      assert.equal(await gone, 'ping timeout');
      assert.equal(got.length, 0);
    });

    it('half-closed sockets stay silent after the half-close is lifted; new ones work', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      const got = collect(rt, 'on-events');
      const gone = once<string>(rt, 'disconnect', 5000);
      await control(sim, 'half-close', { server: 'rt', on: true });
      await control(sim, 'half-close', { server: 'rt', on: false });
      await control(sim, 'emit', { server: 'rt' });
      assert.equal(await gone, 'ping timeout');
      assert.equal(got.length, 0);
      const fresh = await connect(sim.rtUrl, TOMATO, token);
      const ev = once(fresh, 'on-events');
      await control(sim, 'emit', { server: 'rt' });
      await ev;
    });

    it('keeps healthy sockets alive across many ping intervals', async () => {
      const rt = await connect(sim.rtUrl, TOMATO, token);
      await sleep(700);
      assert.equal(rt.connected, true);
      const ev = once(rt, 'on-events');
      await control(sim, 'emit', { server: 'rt' });
      await ev;
    });

    it('expire-tokens disconnects sockets server-side and new ones need a new token', async () => {
      const t = (await login(sim)).access_token;
      const rt = await connect(sim.rtUrl, TOMATO, t);
      const gone = once<string>(rt, 'disconnect');
      const res = await control(sim, 'expire-tokens');
      assert.ok(res.body.disconnected >= 1);
      assert.equal(await gone, 'io server disconnect');
      const stale = track(socketTo(sim.rtUrl, { room: TOMATO, token: t }));
      await assert.rejects(connected(stale), (err: Error) => err.message === AUTH_ERROR);
      token = (await login(sim)).access_token;
      token2 = (await login(sim, 'shop2', 'shop2pass')).access_token;
      await connect(sim.rtUrl, TOMATO, token);
    });

    it('counts connections and events', async () => {
      await control(sim, 'reset-counters');
      await connect(sim.rtUrl, TOMATO, token);
      await connect(sim.chatUrl, TOMATO, token);
      await control(sim, 'emit', { server: 'both' });
      await control(sim, 'emit', { server: 'rt' });
      const c = (await fetch(`${sim.restUrl}/__sim/counters`).then((r) => r.json())) as Json;
      const one = { attempts: 1, refused: 0, wrongRoom: 0 };
      const server = {
        connected: 1,
        connections: 1,
        handshakes: 1,
        ...one,
        byUser: { demo: one },
        byTenant: { [TOMATO]: one },
      };
      assert.deepEqual(c.sockets, { rt: server, chat: server });
      assert.deepEqual(c.events, { rt: 2, chat: 1 });
    });
  });
});
