/**
 * What the real TPOS does not send (docs/tpos-protocol.md §7), in both simulator profiles:
 * `rich` sends every field, `recorded` only what was ever recorded. Each test asserts what the
 * session does in the profile of the run; where the two differ it branches on `sim.profile`.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { ChatSession } from './session.js';
import {
  QUICK_TIMERS,
  control,
  counters,
  emit,
  idle,
  ready,
  readySession,
  resetCounters,
  session,
  stored,
  token,
  type Sim,
} from '../../test/support/harness.js';

const SEARCH = 'POST /api-ms/chatomni/v1/conversations/search';
const COMMENT_ORDERS = 'GET /odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders';
const INFO = 'GET /rest/v2.0/chatomni/info/:key';

/** Requests of one route since the last reset. */
async function requests(sim: Sim, route: string): Promise<number> {
  return (await counters(sim)).rest.byRoute[route] ?? 0;
}

/** A TPOS route of the simulator, read as the upstream answers it. */
async function upstream<T>(sim: Sim, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.restUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${await token(sim)}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** Conversation ids the upstream search answers for `body`, newest first. */
async function searchIds(sim: Sim, body: Record<string, unknown>): Promise<string[]> {
  const answer = await upstream<{ Data: { Id: string }[] }>(
    sim,
    '/api-ms/chatomni/v1/conversations/search',
    { Limit: 2000, Type: 'all', ...body },
  );
  return answer.Data.map((c) => c.Id);
}

/** `GetCommentOrders` of a post, as display codes per customer. */
async function postOrders(sim: Sim, postId: string): Promise<Map<string, string[]>> {
  const answer = await upstream<{ value: { asuid: string; orders: { code: string }[] }[] }>(
    sim,
    `/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders?$expand=orders&PostId=${postId}`,
  );
  return new Map(answer.value.map((e) => [e.asuid, e.orders.map((o) => o.code)]));
}

interface SimItem {
  Id: string;
  SocketId: string;
  FacebookId: string | null;
  Kind: string;
}

const simConversation = (sim: Sim, id: string) =>
  control<{ OrderIds: string[]; Items: SimItem[]; UnreadCount: number }>(
    sim,
    `conversations/${id}`,
  );

async function openThread(s: ChatSession, id: string): Promise<void> {
  s.select(id);
  await waitUntil(() => s.thread(id)?.messages.length && !s.thread(id)!.loading, 'thread', {
    timeout: 5000,
  });
}

describe('ChatSession against what TPOS records (docs/tpos-protocol.md §7)', () => {
  describe('paging (§7.1)', () => {
    it('grows Limit without a cursor and says when it can go no further', async () => {
      const { sim, s } = await readySession(
        { listLimits: [120, 200], maxListLimit: 200 },
        { conversations: 260 },
      );
      expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([50, true]);
      await resetCounters(sim);
      while (s.hasMoreConversations) await s.loadMoreConversations();
      const searches = await requests(sim, SEARCH);
      const ids = s.visibleConversations().map((c) => c.id);
      expect(new Set(ids).size).to.equal(ids.length);
      const newest = await searchIds(sim, {});
      if (sim.profile === 'rich') {
        // The answers carry `After`: pages of 50 to the end, nothing cut short.
        expect([ids.length, s.listState.truncatedAt, searches]).to.deep.equal([260, null, 5]);
      } else {
        // No cursor: the newest 120, then 200 (the bound), then no more requests.
        expect([ids.length, s.listState.truncatedAt, searches]).to.deep.equal([200, 200, 2]);
        expect([...ids].sort()).to.deep.equal(newest.slice(0, 200).sort());
      }
    });

    it('stops when a larger Limit brings nothing new', async () => {
      const { sim, s } = await readySession(
        { listLimits: [2000, 5000], maxListLimit: 5000 },
        { conversations: 2100 },
      );
      await s.loadMoreConversations();
      if (sim.profile === 'rich') {
        // With a cursor the next page is the next 50.
        expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([
          100,
          true,
        ]);
        return;
      }
      expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([2000, true]);
      // The recorded upstream answers at most 2000, whatever the Limit.
      await s.loadMoreConversations();
      expect([s.visibleConversations().length, s.hasMoreConversations]).to.deep.equal([
        2000,
        false,
      ]);
      expect(s.listState.truncatedAt).to.equal(2000);
    });

    it('catches up a gap wider than one answer', async () => {
      const { sim, s } = await readySession({ pollInterval: 60_000 });
      s.disconnect();
      // The polling fallback reads once at once; then nothing reads until the sockets are back.
      await waitUntil(() => s.status.polling && !s.listState.loading, 'fallback poll');
      await aTimeout(200);
      await waitUntil(() => !s.listState.loading, 'fallback poll still loading');
      const fresh: string[] = [];
      for (let i = 0; i < 120; i++) {
        fresh.push((await emit(sim, { newConversation: true, text: `mới ${i}` })).ConversationId);
      }
      await resetCounters(sim);
      s.connect();
      await waitUntil(() => fresh.every((id) => s.conversation(id)), 'gap not read', {
        timeout: 8000,
      });
      // recorded: Limit 50, then 200 reaches back to what was known; rich: three pages of 50.
      expect(await requests(sim, SEARCH)).to.equal(sim.profile === 'rich' ? 3 : 2);
    });
  });

  describe('filters (§7.2)', () => {
    it('keeps what the server returned for "Có đơn", though the list has no HasOrder', async () => {
      const { sim, s } = await readySession({}, { conversations: 120 });
      s.setFilter({ hasOrder: true });
      await waitUntil(() => s.listState.loaded && !s.listState.loading, 'filter');
      const expected = await searchIds(sim, { HasOrder: true });
      expect(expected.length).to.be.greaterThan(0);
      const shown = s.visibleConversations().map((c) => c.id);
      expect(shown).to.deep.equal(expected.slice(0, 50));
      // A pushed conversation the filter cannot be checked on stays out until the server says.
      const outside = (await searchIds(sim, {})).find((id) => !expected.includes(id))!;
      await emit(sim, { conversationId: outside, text: 'không có đơn' });
      const inside = await emit(sim, { conversationId: expected[5]!, text: 'có đơn' });
      await waitUntil(() => s.visibleConversations()[0]?.id === inside.ConversationId, 'moved');
      expect(s.visibleConversations().map((c) => c.id)).to.not.include(outside);
    });
  });

  describe('comment ids and two ids of one message (§7.3, §7.5)', () => {
    it('takes a REST comment’s Facebook id from its socket copy, arriving after it', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations().find((c) => c.kinds.includes('comment'))!;
      await openThread(s, target.id);
      s.disconnect();
      const sent = await emit(sim, { conversationId: target.id, kind: 'comment', text: 'Còn M?' });
      await s.reloadThread(target.id);
      const item = (await simConversation(sim, target.id)).Items.find((i) => i.Id === sent.Id)!;
      const read = s.store.findMessage(sent.Id)!;
      const count = s.thread(target.id)!.messages.length;
      // rich sends the Facebook id over REST too; the recorded REST comment has none.
      expect(read.commentId).to.equal(sim.profile === 'rich' ? item.FacebookId : undefined);
      s.connect();
      await waitUntil(() => s.status.mode === 'realtime', 'sockets back');
      const unread = s.conversation(target.id)!.unreadCount;
      // The same envelope again, now that a socket is up: the socket copy of the REST comment.
      await emit(sim, { kind: 'raw', raw: JSON.stringify(sent.Envelope) });
      await waitUntil(() => s.store.findMessage(sent.Id)?.commentId === item.FacebookId, 'id');
      const merged = s.store.findMessage(sent.Id)!;
      expect(merged.id).to.equal(sent.Id);
      expect(merged.aliases ?? []).to.deep.equal(sim.profile === 'rich' ? [] : [sent.SocketId]);
      expect(s.thread(target.id)!.messages.length).to.equal(count);
      expect(s.conversation(target.id)!.unreadCount).to.equal(unread);
      await s.replyComment(sent.SocketId!, 'Dạ còn ạ');
      await waitUntil(() => s.thread(target.id)!.messages.some((m) => m.text === 'Dạ còn ạ'));
      await s.hideComment(sent.Id, true);
      // After a reload the hidden state is read back: `IsHidden` (rich), else `Status` 2.
      const again = session(sim, QUICK_TIMERS);
      again.setToken(await token(sim));
      await ready(again);
      await openThread(again, target.id);
      expect(again.store.findMessage(sent.Id)!.isHidden).to.equal(true);
    });

    it('counts a message once when its socket copy comes after the list showed it', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations()[6]!;
      s.disconnect();
      const sent = await emit(sim, { conversationId: target.id, text: 'chốt 2 áo' });
      await s.refresh();
      const listed = s.conversation(target.id)!;
      expect([listed.lastMessage?.text, listed.unreadCount]).to.deep.equal([
        'chốt 2 áo',
        (await simConversation(sim, target.id)).UnreadCount,
      ]);
      s.connect();
      await waitUntil(() => s.status.mode === 'realtime', 'sockets back');
      await idle(s);
      // The socket copy arrives late (another id in recorded): it is the message listed.
      await emit(sim, { kind: 'raw', raw: JSON.stringify(sent.Envelope) });
      await waitUntil(() => stored(s, sent), 'socket copy');
      // Asserts that the late copy changes nothing: a short settle lets a change show.
      await aTimeout(300);
      expect(s.conversation(target.id)!.unreadCount).to.equal(listed.unreadCount);
      await openThread(s, target.id);
      const copies = s.thread(target.id)!.messages.filter((m) => m.text === 'chốt 2 áo');
      expect(copies.map((m) => m.id)).to.deep.equal([sent.Id]);
    });
  });

  describe('order badges after a reload (§7.4)', () => {
    it('reads each post once, shows its badges, and reads again after an order event', async () => {
      const { sim, s } = await readySession({}, { conversations: 120 });
      const withOrders: string[] = [];
      for (const c of s.visibleConversations().filter((x) => x.kinds.includes('comment'))) {
        if ((await simConversation(sim, c.id)).OrderIds.length) withOrders.push(c.id);
      }
      expect(withOrders.length).to.be.greaterThan(1);
      const target = s.conversation(withOrders[0]!)!;
      if (sim.profile === 'rich') {
        // The list names each row's post: every post read once at login, no more.
        const posts = new Set(
          s
            .visibleConversations()
            .map((c) => c.lastPostId)
            .filter(Boolean),
        );
        expect(await requests(sim, COMMENT_ORDERS)).to.equal(posts.size);
        expect(target.orders.length).to.be.greaterThan(0);
      } else {
        // No post in the recorded list: no badge and no read until the post is known.
        expect(await requests(sim, COMMENT_ORDERS)).to.equal(0);
        expect(s.visibleConversations().every((c) => c.orders.length === 0)).to.equal(true);
      }
      await resetCounters(sim);
      await openThread(s, target.id);
      await waitUntil(() => s.conversation(target.id)!.orders.length > 0, 'no badge');
      await idle(s);
      const reads = [await requests(sim, COMMENT_ORDERS), await requests(sim, INFO)];
      const post = s.conversation(target.id)!.lastPostId!;
      const codes = (await postOrders(sim, post)).get(target.psid)!;
      const shown = s.conversation(target.id)!.orders.map((o) => o.displayCode);
      expect(shown.filter((code) => code !== undefined).sort()).to.deep.equal([...codes].sort());
      const threadPosts = new Set(s.thread(target.id)!.messages.map((m) => m.post?.id));
      threadPosts.delete(undefined);
      // rich read its posts at login already; recorded reads each post of the thread once.
      expect(reads).to.deep.equal([sim.profile === 'rich' ? 0 : threadPosts.size, 1]);
      // Order events naming the post: one read for a burst of three, after it.
      await resetCounters(sim);
      for (let i = 0; i < 3; i++) await emit(sim, { kind: 'order', conversationId: target.id });
      await waitUntil(async () => (await requests(sim, COMMENT_ORDERS)) === 1, 'no read again');
      // Asserts that no second read follows: the settle is the window it would show in.
      await aTimeout(800);
      expect(await requests(sim, COMMENT_ORDERS)).to.equal(1);
    });
  });

  describe('creating an order (§7.6)', () => {
    it('finds the code of an order whose answer has none, never inventing one', async () => {
      const { sim, s } = await readySession();
      const target = s.visibleConversations().find((c) => c.kinds.includes('comment'))!;
      await openThread(s, target.id);
      await idle(s);
      await resetCounters(sim);
      const order = await s.createOrder(target.id);
      const server = await simConversation(sim, target.id);
      expect(order.id).to.equal(server.OrderIds[0]);
      expect(order.code).to.match(/^\d{9}$/);
      const reads = (await requests(sim, COMMENT_ORDERS)) + (await requests(sim, INFO));
      // rich answers Code; recorded answers only Id, and the code comes from the `created`
      // event or a read (not more than the few of ORDER_CODE_READS).
      if (sim.profile === 'rich') expect(reads).to.equal(0);
      else expect(reads).to.be.within(0, 4);
      // No event and every read failing: the order shows without a code.
      s.disconnect();
      await control(sim, 'fail', { route: 'GetCommentOrders', status: 500, count: 10 });
      await control(sim, 'fail', { route: 'chatomni/info', status: 500, count: 10 });
      const second = await s.createOrder(target.id);
      const after = await simConversation(sim, target.id);
      expect(second.id).to.equal(after.OrderIds[0]);
      if (sim.profile === 'rich') expect(second.code).to.match(/^\d{9}$/);
      else {
        expect(second.code).to.equal('');
        expect(s.conversation(target.id)!.orders[0]).to.deep.equal({ id: second.id, code: '' });
      }
      await control(sim, 'clear-faults', {});
    });
  });

  describe('previews (§7.7)', () => {
    it('keeps a pushed comment as the preview when a refresh has no time for it', async () => {
      const { sim, s } = await readySession({}, { conversations: 120 });
      const target = s
        .visibleConversations()
        .find((c) => c.kinds.includes('comment') && c.kinds.includes('message'))!;
      await emit(sim, { conversationId: target.id, kind: 'message', text: 'Messenger trước' });
      await emit(sim, { conversationId: target.id, kind: 'comment', text: 'Bình luận sau' });
      await waitUntil(() => s.conversation(target.id)!.lastMessage?.text === 'Bình luận sau');
      await s.refresh();
      expect(s.conversation(target.id)!.lastMessage).to.include({
        kind: 'comment',
        text: 'Bình luận sau',
      });
    });
  });
});
