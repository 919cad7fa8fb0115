import { expect, waitUntil, aTimeout } from '@open-wc/testing';
import { ChatSession, getSession, LoginError } from './session.js';
import { provideThreadMerge } from '../store/store.js';
import * as threadMerge from '../store/thread-merge.js';
import {
  startSim,
  QUICK_PINGS,
  QUICK_TIMERS,
  control,
  counters,
  resetCounters,
  emit,
  idle,
  idsOf,
  stored,
  token,
  session,
  ready,
  readySession,
  type Sim,
} from '../../test/support/harness.js';

/** The simulator's route of a thread page (messages kind). */
const MESSAGES_ROUTE = 'GET /api-ms/chatomni/v1/messages';

/** The unread count the simulator holds for a conversation. */
async function serverUnread(sim: Sim, id: string): Promise<number> {
  return (await control<{ UnreadCount: number }>(sim, `conversations/${id}`)).UnreadCount;
}

/**
 * Drops both sockets and refuses them for 1.5 s; returns once the polling fallback's first
 * poll is done, so what is emitted next only a catch-up after the reconnect can bring.
 */
async function outage(sim: Sim, s: ChatSession): Promise<void> {
  const before = s.status.lastEventAt;
  await control(sim, 'refuse', { server: 'both', seconds: 1.5 });
  await control(sim, 'disconnect', { server: 'both', transport: true });
  await waitUntil(() => s.status.polling && s.status.lastEventAt !== before, 'fallback poll', {
    timeout: 3000,
  });
  await waitUntil(() => !s.listState.loading, 'fallback poll still loading');
}

describe('ChatSession', () => {
  describe('change events', () => {
    it('folds a burst of store changes into one typed change event per frame', async () => {
      const s = new ChatSession(`frames-${Date.now()}`);
      // What the session's chunks do once its first list is shown (this one has none).
      provideThreadMerge(threadMerge);
      let changes = 0;
      s.addEventListener('change', (event) => {
        expect(event.type).to.equal('change');
        changes++;
      });
      for (let i = 0; i < 1000; i++) {
        const id = `c${i % 10}`;
        s.store.applyMessage(
          {
            id: `m${i}`,
            conversationId: id,
            kind: 'message',
            text: `m${i}`,
            isOwner: false,
            createdAt: 1_700_000_000_000 + i,
            attachments: [],
          },
          { id, pageId: 'page', psid: `psid-${id}` },
          { countUnread: true },
        );
      }
      expect(changes).to.equal(0);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      expect(changes).to.equal(1);
      expect(s.visibleConversations().length).to.equal(10);
      s.destroy();
    });

    it('tells of store changes once at the end of the task that made them (data)', async () => {
      const s = new ChatSession(`data-${Date.now()}`);
      provideThreadMerge(threadMerge);
      const seen: string[] = [];
      s.addEventListener('data', () => seen.push(s.conversation('c1')?.lastMessage?.text ?? '-'));
      const push = (n: number) =>
        s.store.applyMessage(
          {
            id: `m${n}`,
            conversationId: 'c1',
            kind: 'message',
            text: `m${n}`,
            isOwner: false,
            createdAt: 1_700_000_000_000 + n,
            attachments: [],
          },
          { id: 'c1', pageId: 'page', psid: 'psid-c1' },
          { countUnread: true },
        );
      push(1);
      push(2);
      expect(seen, 'not during the task').to.deep.equal([]);
      await Promise.resolve();
      expect(seen, 'one, after both').to.deep.equal(['m2']);
      push(3);
      s.select('c1');
      await Promise.resolve();
      expect(seen, 'not for the selection, which is no data').to.deep.equal(['m2', 'm3']);
      s.destroy();
      push(4);
      await Promise.resolve();
      expect(seen, 'none once destroyed').to.deep.equal(['m2', 'm3']);
    });
  });

  describe('login and list', () => {
    it('logs in, loads the pages without tokens and the list newest first', async () => {
      const sim = await startSim(QUICK_PINGS);
      const s = session(sim, QUICK_TIMERS);
      await s.login('demo', 'demo123');
      expect(s.auth).to.equal('authenticated');
      await ready(s);
      const list = s.visibleConversations();
      expect(list.length).to.equal(50);
      const times = list.map((c) => c.lastActivityAt);
      expect(times).to.deep.equal([...times].sort((a, b) => b - a));
      await waitUntil(() => s.pages.length > 0, 'pages not loaded');
      expect(JSON.stringify(s.pages)).to.not.match(/token/i);
      expect(Object.keys(s.pages[0]!).sort()).to.deep.equal(['id', 'logoUrl', 'name', 'teamId']);
      expect(s.partnerStatusColor('Bình thường')).to.equal('#5cb85c');
    });

    it('rejects a wrong password with LoginError invalid_credentials', async () => {
      const sim = await startSim(QUICK_PINGS);
      const s = session(sim, QUICK_TIMERS);
      const error = await s.login('demo', 'wrong').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(LoginError);
      expect((error as LoginError).code).to.equal('invalid_credentials');
      expect(s.auth).to.equal('anonymous');
    });
  });

  describe('realtime', () => {
    it('applies a pushed message without any REST call', async () => {
      const { sim, s } = await readySession();
      await resetCounters(sim);
      const sent = await emit(sim, {
        server: 'both',
        kind: 'message',
        text: 'Còn size M không shop?',
      });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'Còn size M không shop?',
      );
      // Asserts that no REST call follows: a short settle gives one the time to show.
      await aTimeout(500);
      const c = await counters(sim);
      console.log(
        `[report] REST calls for one pushed message (conversation closed): ${c.rest.total}`,
      );
      expect(c.rest.total).to.equal(0);
      const conversation = s.conversation(sent.ConversationId)!;
      expect(s.visibleConversations()[0]!.id).to.equal(sent.ConversationId);
      expect(conversation.unreadCount).to.equal(await serverUnread(sim, sent.ConversationId));
    });

    it('adds a pushed message to the open thread and marks it seen with one call', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations().find((c) => c.kinds.includes('message'))!;
      s.select(target.id);
      await waitUntil(() => s.thread(target.id)?.messages.length, 'thread not loaded');
      // Opening marked it seen (when it was unread): that call is done before counting.
      await waitUntil(async () => (await serverUnread(sim, target.id)) === 0, 'not marked seen');
      // Opening also read its order badges (chatomni/info, GetCommentOrders): done first.
      await idle(s);
      await resetCounters(sim);
      const sent = await emit(sim, {
        conversationId: target.id,
        kind: 'message',
        text: 'Em chốt đơn nhé',
      });
      await waitUntil(() => s.thread(target.id)!.messages.some((m) => idsOf(sent).includes(m.id)));
      await waitUntil(async () => (await counters(sim)).rest.total > 0, 'not marked seen', {
        timeout: 3000,
      });
      // Asserts that the mark-seen call is the only one: a short settle lets another show.
      await aTimeout(300);
      const c = await counters(sim);
      console.log(
        `[report] REST calls for one pushed message (conversation open): ${c.rest.total} (mark seen)`,
      );
      expect(c.rest.byRoute).to.deep.equal({
        'POST /api-ms/chatomni/v1/conversations/:type/:pageId/:psid/seen': 1,
      });
      expect(s.conversation(target.id)!.unreadCount).to.equal(0);
      expect(await serverUnread(sim, target.id)).to.equal(0);
    });

    it('stores a message once although both sockets and polling deliver it', async () => {
      const { sim, s } = await readySession({ auto: true });
      expect(s.status.polling).to.equal(true);
      const target = s.visibleConversations()[3]!;
      s.select(target.id);
      await waitUntil(() => s.thread(target.id)?.messages.length, 'thread not loaded');
      const before = s.thread(target.id)!.messages.length;
      const sent = await emit(sim, { server: 'both', conversationId: target.id, text: 'hai lần' });
      await waitUntil(() => stored(s, sent));
      // Both sockets sent it and two more polls read the thread again after it arrived.
      const polls = async () => (await counters(sim)).rest.byRoute[MESSAGES_ROUTE] ?? 0;
      const pollsBefore = await polls();
      await waitUntil(async () => (await polls()) >= pollsBefore + 2, 'no polls', {
        timeout: 3000,
      });
      await waitUntil(async () => {
        const c = await counters(sim);
        return c.events.rt + c.events.chat >= 2;
      }, 'not sent on both sockets');
      // The polls read its REST copy: in `recorded` (other ids) it is paired with the socket
      // copy (docs/tpos-protocol.md §7.5), so it is kept under its REST id once either way.
      const messages = s.thread(target.id)!.messages;
      expect(messages.filter((m) => idsOf(sent).includes(m.id)).map((m) => m.id)).to.deep.equal([
        sent.Id,
      ]);
      expect(messages.length).to.equal(before + 1);
    });

    it('falls back to polling when both sockets drop, and back to realtime', async () => {
      const { sim, s } = await readySession();
      expect(s.status.mode).to.equal('realtime');
      expect(s.status.polling).to.equal(false);
      await control(sim, 'refuse', { server: 'both', seconds: 2 });
      const start = performance.now();
      await control(sim, 'disconnect', { server: 'both', transport: true });
      await waitUntil(() => s.status.polling, 'polling did not start', {
        timeout: 5000,
        interval: 10,
      });
      console.log(
        `[report] time to fall back to polling: ${Math.round(performance.now() - start)} ms`,
      );
      expect(s.status.mode).to.equal('polling');
      // A message while both sockets are down arrives through polling.
      const sent = await emit(sim, { kind: 'message', text: 'qua polling' });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'qua polling',
        'not polled',
        { timeout: 3000 },
      );
      await waitUntil(() => s.status.mode === 'realtime', 'sockets did not come back', {
        timeout: 8000,
      });
      await waitUntil(() => !s.status.polling, 'polling did not stop');
    });

    it('shows messages emitted while both sockets were down exactly once after reconnect', async () => {
      const { sim, s } = await readySession({ pollInterval: 60_000 });
      const target = s.visibleConversations().find((c) => c.kinds.includes('message'))!;
      s.select(target.id);
      await waitUntil(() => s.thread(target.id)?.messages.length, 'thread not loaded');
      await outage(sim, s);
      // Emitted after the fallback's first poll: only the reconnect catch-up can bring them.
      const sent: string[] = [];
      for (let i = 0; i < 25; i++) {
        sent.push((await emit(sim, { conversationId: target.id, text: `gap ${i}` })).Id);
      }
      const fresh = await emit(sim, { newConversation: true, name: 'Khách Mới', text: 'xin chào' });
      await waitUntil(() => s.status.mode === 'realtime', 'no reconnect', { timeout: 10_000 });
      await waitUntil(() => s.conversation(fresh.ConversationId) !== undefined, 'catch-up: list', {
        timeout: 3000,
      });
      await waitUntil(
        () => sent.every((id) => s.thread(target.id)!.messages.some((m) => m.id === id)),
        'catch-up: thread',
        { timeout: 3000 },
      );
      // Asserts that nothing arrives twice: a short settle lets a late duplicate show.
      await aTimeout(500);
      const ids = s.thread(target.id)!.messages.map((m) => m.id);
      expect(ids.length).to.equal(new Set(ids).size);
      expect(ids.slice(-25)).to.deep.equal(sent);
      expect(s.conversation(fresh.ConversationId)!.name).to.equal('Khách Mới');
    });

    it('retries a failed reconnect catch-up with backoff until the whole gap is read', async () => {
      const { sim, s } = await readySession({ pollInterval: 60_000, pageSize: 5 });
      await outage(sim, s);
      // Twelve new conversations (more than two pages) while nothing is connected ...
      const fresh: string[] = [];
      for (let i = 0; i < 12; i++) {
        fresh.push(
          (await emit(sim, { newConversation: true, text: `khoảng trống ${i}` })).ConversationId,
        );
      }
      // ... and the first two catch-up searches after the reconnect fail.
      await control(sim, 'fail', { route: 'conversations/search', status: 500, count: 2 });
      await resetCounters(sim);
      await waitUntil(() => s.status.mode === 'realtime', 'no reconnect', { timeout: 10_000 });
      await waitUntil(() => s.listState.error !== null, 'the catch-up did not fail', {
        timeout: 3000,
      });
      await waitUntil(
        () => fresh.every((id) => s.conversation(id)),
        'the gap was not read after the failures',
        { timeout: 10_000 },
      );
      expect(s.listState.error).to.equal(null);
      // Asserts that no storm of retries follows: the settle is the window it would show in.
      await aTimeout(1500);
      const searches = (await counters(sim)).rest.byRoute[
        'POST /api-ms/chatomni/v1/conversations/search'
      ];
      // Two failures, then the pages back to the gap: no storm. Without a cursor (recorded)
      // the catch-up asks Limit 5, then 200, which covers the gap (docs/tpos-protocol.md §7.1).
      expect(searches).to.be.within(sim.profile === 'rich' ? 5 : 4, sim.profile === 'rich' ? 8 : 6);
    });

    it('goes auth-required on token expiry without a request storm, and resumes with a new token', async () => {
      const { sim, s } = await readySession();
      let authRequired = 0;
      s.addEventListener('auth-required', () => authRequired++);
      await control(sim, 'expire-tokens', {});
      await waitUntil(() => s.auth === 'auth-required', 'not auth-required', { timeout: 5000 });
      await resetCounters(sim);
      // Asserts that nothing retries while auth-required: three seconds of quiet are measured.
      await aTimeout(3000);
      const quiet = await counters(sim);
      expect(authRequired).to.equal(1);
      expect(quiet.rest.total).to.equal(0);
      expect(quiet.sockets.rt.connections + quiet.sockets.chat.connections).to.equal(0);
      expect([s.status.rt.state, s.status.chat.state, s.status.polling]).to.deep.equal([
        'down',
        'down',
        false,
      ]);
      s.setToken(await token(sim));
      await ready(s);
      const sent = await emit(sim, { text: 'đã quay lại' });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'đã quay lại',
      );
    });

    it('applies a burst of 1,000 events in few change notifications, none lost or doubled', async () => {
      // Slow pings: a blocked simulator loop must not turn this into a reconnect test.
      const { sim, s } = await readySession({}, { pingInterval: 5000, pingTimeout: 5000 });
      await resetCounters(sim);
      let changes = 0;
      s.addEventListener('change', () => changes++);
      const batch = await control<{ Ids: string[]; SocketIds: string[] }>(sim, 'emit-batch', {
        count: 1000,
        conversations: 20,
        server: 'both',
      });
      const applied = () => s.visibleConversations().slice(0, 20);
      await waitUntil(
        async () => {
          const c = await counters(sim);
          return c.events.rt + c.events.chat === 2000;
        },
        'events not sent',
        { timeout: 10_000 },
      );
      await waitUntil(
        () => batch.SocketIds.every((id) => s.store.hasMessage(id)),
        'not every message of the burst was stored',
        { timeout: 10_000 },
      );
      // Asserts that the second copies change nothing: a short settle lets them arrive.
      await aTimeout(500);
      console.log(
        `[report] 'change' events for 1,000 pushed messages (each on both sockets): ${changes}`,
      );
      expect(changes).to.be.lessThan(200);
      for (const conversation of applied()) {
        expect(conversation.unreadCount, conversation.id).to.equal(
          await serverUnread(sim, conversation.id),
        );
      }
      expect((await counters(sim)).rest.total).to.equal(0);
    });

    it('shares one pair of sockets between two getSession calls', async () => {
      const sim = await startSim(QUICK_PINGS);
      const a = session(sim, QUICK_TIMERS, 'shared');
      const b = getSession('shared');
      expect(b).to.equal(a);
      b.setToken(await token(sim));
      await ready(a);
      const c = await counters(sim);
      expect([c.sockets.rt.connected, c.sockets.chat.connected]).to.deep.equal([1, 1]);
    });

    it('applies order events to the customer’s conversation', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations()[0]!;
      await resetCounters(sim);
      const sent = await emit(sim, { kind: 'order', conversationId: target.id });
      const data = (sent.Envelope as { Data: { Id: string; Code: string; SessionIndex: number } })
        .Data;
      await waitUntil(() => s.conversation(target.id)!.orders.some((o) => o.id === data.Id));
      const order = s.conversation(target.id)!.orders[0]!;
      expect([order.code, order.index, order.displayCode]).to.deep.equal([
        data.Code,
        data.SessionIndex,
        `#${data.SessionIndex}. ${data.Code}`,
      ]);
      expect((await counters(sim)).rest.total).to.equal(0);
    });
  });

  describe('malformed payloads', () => {
    const valid = (text: string, patch: Record<string, unknown> = {}) => ({
      Conversation: {
        Id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        ChannelType: 4,
        ChannelId: '111',
        UserId: '222',
        Name: 'Test',
      },
      Message: {
        Id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        ChannelId: '111',
        UserId: '222',
        Message: text,
        MessageType: 11,
        IsOwner: false,
        CreatedTime: new Date().toISOString(),
        ...patch,
      },
      EventName: 'chatomni.on-message',
    });

    it('drops every malformed kind through the real socket and keeps working', async () => {
      const { sim, s } = await readySession();
      const size = s.store.size;
      const version = s.store.version;
      const garbage: { raw: unknown; rawEvent?: string }[] = [
        { raw: 'not json {' },
        { raw: '42' },
        { raw: 'null' },
        { raw: '[1,2,3]' },
        { raw: 17 },
        { raw: null },
        { raw: ['a', 'b'] },
        { raw: '{"EventName":"chatomni.on-message"}' },
        {
          raw: JSON.stringify({ EventName: 'chatomni.on-message', Conversation: 'x', Message: 5 }),
        },
        { raw: JSON.stringify(valid('x', { Id: 12345678, CreatedTime: 'yesterday' })) },
        { raw: JSON.stringify(valid('x', { Message: { nested: true } })) },
        {
          raw: JSON.stringify({
            Type: 'SaleOnline_Order',
            Data: { Code: 5 },
            EventName: 'created',
          }),
        },
        { raw: JSON.stringify({ Something: 'else' }) },
        { raw: 'x'.repeat(1_040_000) },
        { raw: JSON.stringify('x'.repeat(1_040_000)) },
        { raw: '['.repeat(50_000) + ']'.repeat(50_000) },
        { raw: JSON.stringify(JSON.stringify({ a: 1 })) },
        { raw: { EventName: 'MessageCreated', Message: [] }, rawEvent: 'on-events' },
        { raw: 'garbage', rawEvent: 'update' },
        { raw: 'garbage', rawEvent: 'notification' },
        { raw: 'garbage', rawEvent: 'some-unknown-event' },
      ];
      for (const g of garbage) await emit(sim, { kind: 'raw', server: 'both', ...g });
      // Asserts that the garbage changed nothing: a short settle lets it all arrive.
      await aTimeout(500);
      expect(s.store.size).to.equal(size);
      expect(s.store.version).to.equal(version);
      expect([s.status.rt.state, s.status.chat.state]).to.deep.equal(['connected', 'connected']);
      // A megabyte-long text in a valid envelope is kept, capped at 10,000 characters.
      await emit(sim, {
        kind: 'raw',
        server: 'chat',
        raw: JSON.stringify(valid('y'.repeat(500_000))),
      });
      await waitUntil(() => s.conversation('aaaaaaaaaaaaaaaaaaaaaaaa'), 'valid event not applied');
      expect(s.conversation('aaaaaaaaaaaaaaaaaaaaaaaa')!.lastMessage!.text.length).to.equal(500);
      const sent = await emit(sim, { text: 'vẫn chạy' });
      await waitUntil(() => s.conversation(sent.ConversationId)?.lastMessage?.text === 'vẫn chạy');
    });
  });

  describe('seed dialect', () => {
    it('authenticates with emit(auth) and applies on-messages and notifications', async () => {
      const { sim, s } = await readySession(
        { rtDialect: 'seed', chatDialect: 'seed' },
        { dialect: { rt: 'seed', chat: 'seed' } },
      );
      // The server joins a seed socket to its room when its emit('auth') arrives; the client
      // sees nothing of it (the 'authenticated' answer is only logged), so this waits.
      await aTimeout(200);
      await resetCounters(sim);
      const sent = await emit(sim, { text: 'seed xin chào' });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'seed xin chào',
      );
      const order = await emit(sim, { kind: 'order', conversationId: sent.ConversationId });
      const data = (order.Envelope as { Data: { Id: string } }).Data;
      await waitUntil(() =>
        s.conversation(sent.ConversationId)!.orders.some((o) => o.id === data.Id),
      );
      // Asserts that no refetch follows (the reducer waits 300 ms before one): settle past it.
      await aTimeout(600);
      // on-conversations for a conversation we already updated needs no refetch.
      expect((await counters(sim)).rest.total).to.equal(0);
    });

    it('refetches when an on-conversations event tells of something it did not carry', async () => {
      const { sim } = await readySession(
        { chatDialect: 'seed' },
        { dialect: { rt: 'captured', chat: 'seed' } },
      );
      await resetCounters(sim);
      await emit(sim, {
        kind: 'raw',
        server: 'chat',
        rawEvent: 'on-conversations',
        raw: {
          Conversation: { Id: 'cccccccccccccccccccccccc', UpdatedTime: new Date().toISOString() },
        },
      });
      await waitUntil(async () => (await counters(sim)).rest.total > 0, 'no refresh', {
        timeout: 3000,
      });
      const c = await counters(sim);
      expect(c.rest.byRoute['POST /api-ms/chatomni/v1/conversations/search']).to.equal(1);
    });
  });

  describe('liveness', () => {
    it('reconnects a socket whose server went silent (half-close)', async () => {
      const { sim, s } = await readySession();
      const firstId = s.status.rt.id;
      const states = new Set<string>();
      s.addEventListener('change', () => states.add(s.status.rt.state));
      await control(sim, 'half-close', { server: 'rt', on: true });
      await waitUntil(() => states.has('reconnecting'), 'silence not noticed', { timeout: 5000 });
      await control(sim, 'half-close', { server: 'rt', on: false });
      await waitUntil(
        () => s.status.rt.state === 'connected' && s.status.rt.id !== firstId,
        'no reconnect',
        {
          timeout: 8000,
        },
      );
      const sent = await emit(sim, { server: 'rt', text: 'rt sống lại' });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'rt sống lại',
      );
    });

    it('gives up on a silent socket a few seconds after a missed ping, not after pingTimeout', async () => {
      // rt-2 announces pingTimeout 60 s: waiting for it would hide a half-close for 85 s.
      const { sim, s } = await readySession({}, { pingInterval: 300, pingTimeout: 20_000 });
      const states = new Set<string>();
      s.addEventListener('change', () => states.add(s.status.rt.state));
      await control(sim, 'half-close', { server: 'rt', on: true });
      // pingInterval + PING_GRACE (5 s) + one watchdog tick; far below the 20 s pingTimeout.
      await waitUntil(() => states.has('reconnecting'), 'silence not noticed in time', {
        timeout: 8000,
      });
    });

    it('keeps retrying at a slow pace after five quick attempts', async () => {
      const { sim, s } = await readySession({ reconnectDelay: 40, slowReconnectDelay: 600 });
      const seen: string[] = [];
      s.addEventListener('change', () =>
        seen.push(`${s.status.chat.state}:${s.status.chat.attempt}`),
      );
      await control(sim, 'refuse', { server: 'chat', seconds: 2.5 });
      await control(sim, 'disconnect', { server: 'chat', transport: true });
      await waitUntil(() => s.status.chat.state === 'down', 'never slow', { timeout: 5000 });
      expect(s.status.chat.attempt).to.be.greaterThanOrEqual(6);
      expect(s.status.mode).to.equal('realtime'); // rt is still up
      await waitUntil(() => s.status.chat.state === 'connected', 'gave up', { timeout: 8000 });
      expect(seen).to.include.members(['reconnecting:5', 'down:6']);
      expect(s.status.chat.attempt).to.equal(0);
    });

    it('reconnects in the new dialect after configure()', async () => {
      const { sim, s } = await readySession();
      const oldId = s.status.chat.id;
      await control(sim, 'dialect', { server: 'chat', dialect: 'seed' });
      s.configure({ chatDialect: 'seed' });
      await waitUntil(
        () => s.status.chat.state === 'connected' && s.status.chat.id !== oldId,
        'no reconnect',
        {
          timeout: 5000,
        },
      );
      // The seed dialect's room join follows its emit('auth'), which the client cannot see.
      await aTimeout(200);
      const sent = await emit(sim, { server: 'chat', text: 'sau khi đổi' });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'sau khi đổi',
      );
      const c = await counters(sim);
      expect([c.sockets.rt.connected, c.sockets.chat.connected]).to.deep.equal([1, 1]);
    });

    it('keeps working with one socket when the other URL is malformed', async () => {
      const sim = await startSim(QUICK_PINGS);
      const s = session(sim, { ...QUICK_TIMERS, rtUrl: 'not a url' });
      s.setToken(await token(sim));
      await waitUntil(() => s.status.chat.state === 'connected', 'chat not connected', {
        timeout: 5000,
      });
      expect([s.status.rt.state, s.status.mode]).to.deep.equal(['down', 'realtime']);
      const sent = await emit(sim, { server: 'chat', text: 'một kết nối' });
      await waitUntil(
        () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'một kết nối',
      );
    });

    it('pauses polling while the page is hidden and polls at once when shown', async () => {
      const { sim, s } = await readySession({ auto: true, pollInterval: 200 });
      expect(s.status.polling).to.equal(true);
      const setVisibility = (value: 'hidden' | 'visible') => {
        Object.defineProperty(document, 'visibilityState', { value, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      try {
        setVisibility('hidden');
        await waitUntil(() => !s.status.polling, 'polling did not pause');
        await resetCounters(sim);
        // Asserts that nothing is polled while hidden: five intervals of quiet are measured.
        await aTimeout(1000);
        expect((await counters(sim)).rest.total).to.equal(0);
        // With a long interval, a poll right after showing can only be the immediate one.
        s.configure({ pollInterval: 60_000 });
        setVisibility('visible');
        await waitUntil(async () => (await counters(sim)).rest.total > 0, 'no poll after shown', {
          timeout: 3000,
        });
        const c = await counters(sim);
        expect(c.rest.byRoute['POST /api-ms/chatomni/v1/conversations/search']).to.equal(1);
        expect(s.status.polling).to.equal(true);
      } finally {
        delete (document as unknown as Record<string, unknown>).visibilityState;
      }
    });
  });

  describe('debug', () => {
    it('exposes the sockets on window.chatomni and logs the seed patterns without the token', async () => {
      const sim = await startSim(QUICK_PINGS);
      const lines: string[] = [];
      const original = { log: console.log, debug: console.debug };
      console.log = (...args: unknown[]) =>
        lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      console.debug = console.log;
      try {
        const s = session(sim, { ...QUICK_TIMERS, debug: true }, 'default');
        const t = await token(sim);
        s.setToken(t);
        await ready(s);
        const handle = window.chatomni!;
        expect(handle.sessions.default).to.not.equal(undefined);
        expect([handle.chat!.connected, handle.rt!.connected]).to.deep.equal([true, true]);
        expect(handle.chat!.id).to.equal(s.status.chat.id);
        await emit(sim, { text: 'debug message' });
        await emit(sim, { kind: 'raw', raw: 'not json' });
        handle.rt!.disconnect();
        await waitUntil(() => !handle.rt!.connected, 'rt still connected');
        handle.rt!.connect();
        await waitUntil(() => handle.rt!.connected, 'rt not reconnected');
        const expected = [
          `✅ [CHAT] WebSocket connected: ${s.status.chat.id}`,
          '[CHAT] New message received:',
          '❌ [RT] WebSocket disconnected: io client disconnect',
          '[RT] Payload dropped: not JSON',
        ];
        await waitUntil(
          () => expected.every((line) => lines.join('\n').includes(line)),
          'debug lines missing',
        );
        const text = lines.join('\n');
        for (const line of expected) expect(text).to.contain(line);
        expect(text).to.not.contain(t);
        expect(text).to.not.contain(t.split('.')[2]!);
        s.destroy();
        expect(window.chatomni!.sessions.default).to.equal(undefined);
      } finally {
        console.log = original.log;
        console.debug = original.debug;
      }
    });

    it('prints nothing without debug', async () => {
      const sim = await startSim(QUICK_PINGS);
      const lines: unknown[] = [];
      const original = {
        log: console.log,
        debug: console.debug,
        info: console.info,
        warn: console.warn,
      };
      console.log =
        console.debug =
        console.info =
        console.warn =
          (...args: unknown[]) => lines.push(args);
      try {
        const s = session(sim, QUICK_TIMERS);
        s.setToken(await token(sim));
        await ready(s);
        await emit(sim, { text: 'silent' });
        await emit(sim, { kind: 'raw', raw: 'not json' });
        await control(sim, 'disconnect', { server: 'chat' });
        await waitUntil(
          () => s.status.chat.state === 'connected' && s.status.chat.attempt === 0,
          'chat back',
          { timeout: 5000 },
        );
      } finally {
        Object.assign(console, original);
      }
      expect(lines).to.deep.equal([]);
    });
  });
});
