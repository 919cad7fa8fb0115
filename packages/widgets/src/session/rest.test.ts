import { expect, waitUntil, aTimeout } from '@open-wc/testing';
import type { LoadErrorCode } from '../model/index.js';
import type { LoginError } from './session.js';
import { safeHttpUrl } from '../util/url.js';
import {
  startSim,
  QUICK_PINGS,
  QUICK_TIMERS,
  control,
  counters,
  emit,
  session,
  stored,
  type Emitted,
  ready,
  readySession,
} from '../../test/support/harness.js';

describe('ChatSession (REST)', () => {
  describe('bad answers', () => {
    const cases: [string, Record<string, unknown>, LoadErrorCode][] = [
      ['a truncated body', { body: 'truncated' }, 'bad-body'],
      ['a body with wrong types', { body: 'wrong-type' }, 'bad-body'],
      ['an empty body', { body: 'empty', status: 200 }, 'bad-body'],
      ['an HTML error page', { body: 'html', status: 502 }, 'server'],
      ['a JSON 500', { body: 'json', status: 500 }, 'server'],
    ];
    for (const [name, fault, code] of cases) {
      it(`turns ${name} into a list error and recovers on the next load`, async () => {
        const { sim, s } = await readySession();
        await control(sim, 'fail', { count: 1, route: 'conversations/search', ...fault });
        await s.refresh();
        expect(s.listState.error).to.equal(code);
        expect(s.visibleConversations().length).to.equal(50);
        await s.refresh();
        expect(s.listState).to.deep.equal({
          loading: false,
          loaded: true,
          error: null,
          truncatedAt: null,
        });
      });
    }

    it('times out a request that hangs, after the timeout configure() set', async () => {
      const { sim, s } = await readySession();
      // Without it the 15 s default would end as a network error when the server hangs up.
      s.configure({ requestTimeout: 400 });
      await control(sim, 'fail', {
        count: 1,
        route: 'conversations/search',
        status: 0,
        delayMs: 3000,
      });
      await s.refresh();
      expect(s.listState.error).to.equal('timeout');
    });

    it('shows a thread error and reloads the thread', async () => {
      const { sim, s } = await readySession();
      const target = s
        .visibleConversations()
        .find((c) => c.kinds.length === 1 && c.kinds[0] === 'message')!;
      await control(sim, 'fail', { count: 1, route: '/messages', body: 'truncated' });
      s.select(target.id);
      await waitUntil(() => s.thread(target.id)?.error, 'no thread error');
      expect(s.thread(target.id)!.error).to.equal('bad-body');
      expect(s.thread(target.id)!.loading).to.equal(false);
      await s.reloadThread(target.id);
      const thread = s.thread(target.id)!;
      expect(thread.error).to.equal(undefined);
      const server = await control<{ MessageIds: string[] }>(sim, `conversations/${target.id}`);
      expect(thread.messages.map((m) => m.id)).to.deep.equal(server.MessageIds.slice(-20));
    });

    it('applies only the newest of two searches', async () => {
      const { sim, s } = await readySession();
      const name = s.visibleConversations()[7]!.name;
      await control(sim, 'fail', {
        count: 1,
        route: 'conversations/search',
        status: 200,
        delayMs: 800,
      });
      const searches = async () =>
        (await counters(sim)).rest.byRoute['POST /api-ms/chatomni/v1/conversations/search'] ?? 0;
      const before = await searches();
      s.setFilter({ keyword: 'zzzz-nothing' });
      // The slow (delayed) answer goes to the first search only once that one reached the server.
      await waitUntil(async () => (await searches()) > before, 'first search not sent');
      s.setFilter({ keyword: name });
      await waitUntil(() => s.listState.loaded && !s.listState.loading, 'search', {
        timeout: 3000,
      });
      // Asserts that the older answer (800 ms late) does not replace the newer: settle past it.
      await aTimeout(1000);
      expect(s.filter.keyword).to.equal(name);
      expect(s.listState.error).to.equal(null);
      expect(s.visibleConversations().map((c) => c.name)).to.include(name);
    });
  });

  describe('filters and paging', () => {
    it('filters by kind, unread and a keyword without diacritics', async () => {
      const { s } = await readySession();
      s.setFilter({ type: 'comment' });
      await waitUntil(() => s.listState.loaded, 'comment filter');
      const comments = s.visibleConversations();
      expect(comments.length).to.be.greaterThan(0);
      expect(comments.every((c) => c.kinds.includes('comment'))).to.equal(true);
      s.setFilter({ unread: true });
      await waitUntil(() => s.listState.loaded, 'unread filter');
      expect(s.visibleConversations().every((c) => c.unreadCount > 0)).to.equal(true);
      const target = comments[0]!;
      const plain = target.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd')
        .toUpperCase();
      s.setFilter({ keyword: plain });
      await waitUntil(() => s.listState.loaded, 'keyword filter');
      expect(s.visibleConversations().map((c) => c.id)).to.include(target.id);
    });

    it('pages through the list with loadMoreConversations', async () => {
      const { sim, s } = await readySession({ pageSize: 20 });
      expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([20, true]);
      await s.loadMoreConversations();
      if (sim.profile === 'rich') {
        // The answer's `After` cursor: the next 20.
        expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([40, true]);
        await s.loadMoreConversations();
      }
      // recorded: no cursor, so the newest again with Limit 200, which holds all 50
      // (docs/tpos-protocol.md §7.1); the list is complete, not cut short.
      expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([50, false]);
      expect(s.listState.truncatedAt).to.equal(null);
      const ids = s.visibleConversations().map((c) => c.id);
      expect(new Set(ids).size).to.equal(50);
    });

    it('pages a thread to older messages, oldest first, without duplicates', async () => {
      const { sim, s } = await readySession();
      const target = s
        .visibleConversations()
        .find((c) => c.kinds.length === 1 && c.kinds[0] === 'message')!;
      let last: Emitted | undefined;
      for (let i = 0; i < 45; i++)
        last = await emit(sim, { conversationId: target.id, text: `m${i}`, server: 'rt' });
      // One socket delivers in order: once the last push is stored, every one is.
      await waitUntil(() => stored(s, last!), 'pushes not applied');
      s.select(target.id);
      await waitUntil(
        () => s.thread(target.id)?.messages.length && !s.thread(target.id)!.loading,
        'thread',
      );
      expect(s.thread(target.id)!.hasOlder).to.equal(true);
      while (s.thread(target.id)!.hasOlder) await s.loadOlder(target.id);
      const server = await control<{ MessageIds: string[] }>(sim, `conversations/${target.id}`);
      const thread = s.thread(target.id)!;
      expect(thread.messages.map((m) => m.id)).to.deep.equal(server.MessageIds);
      const times = thread.messages.map((m) => m.createdAt);
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    });
  });

  describe('actions', () => {
    it('reads customer info and templates', async () => {
      const { s } = await readySession();
      const target = s.visibleConversations()[0]!;
      const info = await s.getCustomerInfo(target.id);
      expect(info.partner?.name).to.equal(target.name);
      expect(typeof info.revenue).to.equal('number');
      const templates = await s.getTemplates();
      expect(templates.length).to.be.greaterThan(0);
      expect(templates.map((t) => t.id)).to.not.include('99');
      expect(Object.keys(templates[0]!).sort()).to.deep.equal(['body', 'id', 'name']);
    });

    it('creates an order once although its event also arrives', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations()[2]!;
      const before = s.conversation(target.id)!.orders.length;
      const order = await s.createOrder(target.id, {
        phone: '0901234567',
        note: 'Giao giờ hành chính',
      });
      expect(order.displayCode).to.equal(`#${order.index}. ${order.code}`);
      // Asserts that the order's own event adds no second order: a short settle lets it arrive.
      await aTimeout(500);
      const orders = s.conversation(target.id)!.orders;
      expect(orders.length).to.equal(before + 1);
      expect(orders[0]!.id).to.equal(order.id);
      const server = await control<{ OrderIds: string[] }>(sim, `conversations/${target.id}`);
      expect(server.OrderIds).to.include(order.id);
    });

    it('replies to a comment (the reply arrives once) and hides it', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations().find((c) => c.kinds.includes('comment'))!;
      s.select(target.id);
      await waitUntil(
        () => s.thread(target.id)?.messages.some((m) => m.kind === 'comment'),
        'thread',
      );
      let comment = s.thread(target.id)!.messages.find((m) => m.kind === 'comment' && !m.isOwner)!;
      if (sim.profile === 'recorded') {
        // A REST comment carries no Facebook comment id (docs/tpos-protocol.md §7.3): it cannot
        // be replied to; a comment pushed over a socket brings its id in `Data.id`.
        expect(comment.commentId).to.equal(undefined);
        let refused = false;
        await s.replyComment(comment.id, 'không gửi được').catch(() => (refused = true));
        expect(refused).to.equal(true);
        const pushed = await emit(sim, {
          conversationId: target.id,
          kind: 'comment',
          text: 'Giá?',
        });
        await waitUntil(() => stored(s, pushed), 'pushed comment');
        comment = s.store.findMessage(pushed.SocketId!)!;
      }
      expect(comment.commentId).to.be.a('string');
      const count = s.thread(target.id)!.messages.length;
      await s.replyComment(comment.id, 'Dạ shop inbox bạn ạ');
      await waitUntil(
        () => s.thread(target.id)!.messages.some((m) => m.text === 'Dạ shop inbox bạn ạ'),
        'reply',
      );
      // Asserts that the reply is not stored twice: a short settle lets a duplicate arrive.
      await aTimeout(300);
      const replies = s.thread(target.id)!.messages.filter((m) => m.text === 'Dạ shop inbox bạn ạ');
      expect(replies.length).to.equal(1);
      expect([replies[0]!.isOwner, replies[0]!.kind]).to.deep.equal([true, 'comment']);
      expect(s.thread(target.id)!.messages.length).to.equal(count + 1);
      await s.hideComment(comment.id, true);
      expect(s.store.findMessage(comment.id)!.isHidden).to.equal(true);
    });

    it('keeps image attachments as http(s) URLs only', async () => {
      const { sim, s } = await readySession();
      const sent = await emit(sim, {
        text: '',
        attachments: [
          { type: 'image', url: 'https://cdn.example/a.jpg' },
          { type: 'image', url: 'javascript:alert(1)' },
        ],
      });
      s.select(sent.ConversationId);
      await waitUntil(
        () => s.thread(sent.ConversationId)?.messages.some((m) => m.id === sent.Id),
        'thread',
      );
      // Read over REST (the thread was not loaded when it was pushed): its REST id.
      const message = s.thread(sent.ConversationId)!.messages.find((m) => m.id === sent.Id)!;
      expect(message.attachments.map((a) => a.url)).to.deep.equal([
        'https://cdn.example/a.jpg',
        undefined,
      ]);
      expect(
        message.attachments.every((a) => a.url === undefined || safeHttpUrl(a.url) === a.url),
      ).to.equal(true);
    });
  });

  describe('login', () => {
    it('reports an unreachable server as a network LoginError', async () => {
      const closed = 'http://127.0.0.1:9';
      const s = session({ restUrl: closed, rtUrl: closed, chatUrl: closed }, QUICK_TIMERS);
      const error = await s.login('demo', 'demo123').catch((e: unknown) => e);
      expect((error as LoginError).code).to.equal('network');
      expect(s.auth).to.equal('anonymous');
    });

    it('logs out: data, sockets and polling stop', async () => {
      const sim = await startSim(QUICK_PINGS);
      const s = session(sim, QUICK_TIMERS);
      await s.login('demo', 'demo123');
      await ready(s);
      s.logout();
      expect([s.auth, s.store.size, s.status.polling, s.status.mode]).to.deep.equal([
        'anonymous',
        0,
        false,
        'offline',
      ]);
      await waitUntil(async () => {
        const c = await counters(sim);
        return c.sockets.rt.connected + c.sockets.chat.connected === 0;
      }, 'sockets still connected on the server');
    });
  });
});
