import { expect } from '@open-wc/testing';
import { ChatStore, loadThreadMerge, provideThreadMerge } from './store.js';
import * as threadMerge from './thread-merge.js';
import type { ChatMessage, Conversation, ConversationSeed } from '../model/index.js';

const T0 = Date.UTC(2025, 11, 19, 14, 0, 0);

function conv(id: string, lastActivityAt: number, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    pageId: 'page1',
    psid: `psid-${id}`,
    channelType: 4,
    name: `Customer ${id}`,
    hasPhone: false,
    hasAddress: false,
    lastActivityAt,
    kinds: ['message'],
    unreadCount: 0,
    orders: [],
    ...patch,
  };
}

function msg(
  id: string,
  conversationId: string,
  createdAt: number,
  patch: Partial<ChatMessage> = {},
): ChatMessage {
  return {
    id,
    conversationId,
    kind: 'message',
    text: `text ${id}`,
    isOwner: false,
    createdAt,
    attachments: [],
    ...patch,
  };
}

function seed(id: string): ConversationSeed {
  return { id, pageId: 'page1', psid: `psid-${id}`, name: `Customer ${id}` };
}

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

describe('ChatStore', () => {
  describe('before the code that merges messages is there', () => {
    it('lists conversations, and says why it cannot merge messages yet', () => {
      const s = new ChatStore();
      s.upsertConversations([conv('a', T0)]);
      expect(s.sortedConversations().map((c) => c.id)).to.deep.equal(['a']);
      expect(() => s.mergeThread('a', [msg('m1', 'a', T0)])).to.throw(
        /not loaded yet .*await loadThreadMerge\(\)/,
      );
      expect(s.getThread('a')).to.equal(undefined);
    });

    it('merges once loadThreadMerge() resolved (a store made without a session)', async () => {
      const s = new ChatStore();
      await loadThreadMerge();
      expect(s.mergeThread('a', [msg('m1', 'a', T0)]).map((m) => m.id)).to.deep.equal(['m1']);
      // The session's chunks hand it over the same way when they load.
      provideThreadMerge(threadMerge);
    });
  });

  describe('ordering', () => {
    it('orders conversations by latest activity, newest first', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0 + 1), conv('b', T0 + 3), conv('c', T0 + 2)]);
      expect(ids(store.sortedConversations())).to.deep.equal(['b', 'c', 'a']);
    });

    it('moves a conversation to the top when a message arrives, without disturbing the rest', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0 + 1), conv('b', T0 + 3), conv('c', T0 + 2)]);
      store.sortedConversations();
      store.applyMessage(msg('m1', 'a', T0 + 10), seed('a'), { countUnread: true });
      expect(ids(store.sortedConversations())).to.deep.equal(['a', 'b', 'c']);
      const a = store.getConversation('a')!;
      expect(a.lastActivityAt).to.equal(T0 + 10);
      expect(a.lastMessage).to.deep.equal({
        text: 'text m1',
        kind: 'message',
        isOwner: false,
        hasAttachment: false,
        at: T0 + 10,
      });
      expect(a.unreadCount).to.equal(1);
    });

    it('keeps the order correct after many moves (lazy repair matches a full sort)', () => {
      const store = new ChatStore();
      const list = Array.from({ length: 500 }, (_, i) => conv(`c${i}`, T0 + i * 7));
      store.upsertConversations(list);
      store.sortedConversations();
      let seq = 0;
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 500; i += 37) {
          const at = T0 + 10_000 + seq++ * 13;
          store.applyMessage(msg(`m${seq}`, `c${i}`, at), seed(`c${i}`), { countUnread: true });
        }
        const expected = [...list.map((c) => store.getConversation(c.id)!)]
          .sort((x, y) => y.lastActivityAt - x.lastActivityAt || (x.id < y.id ? 1 : -1))
          .map((c) => c.id);
        expect(ids(store.sortedConversations())).to.deep.equal(expected);
      }
    });

    it('creates an unknown conversation from the event fields', () => {
      const store = new ChatStore();
      const added = store.applyMessage(
        msg('m1', 'new', T0),
        { ...seed('new'), hasPhone: true },
        { countUnread: true },
      );
      expect(added).to.equal(true);
      const c = store.getConversation('new')!;
      expect([c.pageId, c.psid, c.name, c.hasPhone, c.unreadCount, c.lastActivityAt]).to.deep.equal(
        ['page1', 'psid-new', 'Customer new', true, 1, T0],
      );
    });

    it('refuses to create a conversation from an event without page or user', () => {
      const store = new ChatStore();
      expect(store.applyMessage(msg('m1', 'x', T0), { id: 'x' }, { countUnread: true })).to.equal(
        false,
      );
      expect(store.size).to.equal(0);
    });
  });

  describe('threads', () => {
    it('keeps messages oldest first whatever order they arrive in', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.mergeThread('a', [msg('m3', 'a', T0 + 3), msg('m1', 'a', T0 + 1)]);
      store.applyMessage(msg('m5', 'a', T0 + 5), seed('a'), { countUnread: false });
      store.applyMessage(msg('m2', 'a', T0 + 2), seed('a'), { countUnread: false });
      store.mergeThread('a', [msg('m4', 'a', T0 + 4), msg('m0', 'a', T0)]);
      expect(ids(store.getThread('a')!.messages)).to.deep.equal([
        'm0',
        'm1',
        'm2',
        'm3',
        'm4',
        'm5',
      ]);
    });

    it('orders messages with the same time by id', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.mergeThread('a', [msg('b', 'a', T0), msg('c', 'a', T0), msg('a', 'a', T0)]);
      expect(ids(store.getThread('a')!.messages)).to.deep.equal(['a', 'b', 'c']);
    });

    it('dedupes a message seen on both sockets, in a poll and in a page', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.mergeThread('a', []);
      const m = msg('m1', 'a', T0 + 1);
      expect(store.applyMessage(m, seed('a'), { countUnread: true })).to.equal(true);
      expect(store.applyMessage({ ...m }, seed('a'), { countUnread: true })).to.equal(false);
      expect(store.mergeThread('a', [{ ...m }])).to.deep.equal([]);
      expect(ids(store.getThread('a')!.messages)).to.deep.equal(['m1']);
      expect(store.getConversation('a')!.unreadCount).to.equal(1);
    });

    it('dedupes pushed messages of a thread that is not loaded (unread counted once)', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      const m = msg('m1', 'a', T0 + 1);
      store.applyMessage(m, seed('a'), { countUnread: true });
      store.applyMessage(m, seed('a'), { countUnread: true });
      expect(store.getThread('a')).to.equal(undefined);
      expect(store.getConversation('a')!.unreadCount).to.equal(1);
      store.mergeThread('a', [m, msg('m0', 'a', T0)]);
      expect(ids(store.getThread('a')!.messages)).to.deep.equal(['m0', 'm1']);
    });

    it('does not count the shop’s own messages or messages of the open conversation as unread', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.applyMessage(msg('m1', 'a', T0 + 1, { isOwner: true }), seed('a'), {
        countUnread: true,
      });
      store.applyMessage(msg('m2', 'a', T0 + 2), seed('a'), { countUnread: false });
      expect(store.getConversation('a')!.unreadCount).to.equal(0);
    });

    it('an out-of-order (older) message joins the thread but does not change the preview', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0 + 100)]);
      store.applyMessage(msg('old', 'a', T0 + 50), seed('a'), { countUnread: true });
      const a = store.getConversation('a')!;
      expect(a.lastActivityAt).to.equal(T0 + 100);
      expect(a.lastMessage).to.equal(undefined);
      expect(a.unreadCount).to.equal(1);
    });

    it('a polled thread page newer than the list updates the preview', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0), conv('b', T0 + 5)]);
      store.mergeThread('a', [msg('m9', 'a', T0 + 9, { text: 'newest' })]);
      expect(store.getConversation('a')!.lastMessage?.text).to.equal('newest');
      expect(ids(store.sortedConversations())).to.deep.equal(['a', 'b']);
    });

    it('returns the same snapshot until the thread changes', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.mergeThread('a', [msg('m1', 'a', T0)]);
      const first = store.getThread('a');
      expect(store.getThread('a')).to.equal(first);
      store.applyMessage(msg('m2', 'a', T0 + 1), seed('a'), { countUnread: true });
      expect(store.getThread('a')).to.not.equal(first);
      expect(first!.messages.length).to.equal(1);
    });
  });

  describe('REST refresh', () => {
    it('does not regress newer pushed state', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0, { unreadCount: 0 })]);
      store.applyMessage(msg('m1', 'a', T0 + 10, { text: 'pushed' }), seed('a'), {
        countUnread: true,
      });
      // A list answer computed before the push arrives afterwards.
      store.upsertConversations([
        conv('a', T0, { unreadCount: 0, name: 'Renamed', partnerStatus: 'Vip' }),
      ]);
      const a = store.getConversation('a')!;
      expect([
        a.lastActivityAt,
        a.lastMessage?.text,
        a.unreadCount,
        a.name,
        a.partnerStatus,
      ]).to.deep.equal([T0 + 10, 'pushed', 1, 'Renamed', 'Vip']);
    });

    it('takes the server’s state when it is as new or newer', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.applyMessage(msg('m1', 'a', T0 + 10), seed('a'), { countUnread: true });
      store.upsertConversations([
        conv('a', T0 + 20, {
          unreadCount: 3,
          lastMessage: { text: 'server', kind: 'comment', isOwner: false, hasAttachment: false },
        }),
      ]);
      const a = store.getConversation('a')!;
      expect([a.lastActivityAt, a.lastMessage?.text, a.unreadCount]).to.deep.equal([
        T0 + 20,
        'server',
        3,
      ]);
      expect(a.kinds).to.deep.equal(['message']);
    });

    it('keeps orders learned from events across a refresh', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.addOrder('a', { id: 'o1', code: '251204471', index: 7, displayCode: '#7. 251204471' });
      store.upsertConversations([conv('a', T0 + 1)]);
      expect(store.getConversation('a')!.orders.map((o) => o.displayCode)).to.deep.equal([
        '#7. 251204471',
      ]);
    });
  });

  describe('orders', () => {
    it('dedupes orders by id, newest first, merging updates', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      store.addOrder('a', { id: 'o1', code: '1' });
      store.addOrder('a', { id: 'o2', code: '2' });
      store.addOrder('a', { id: 'o1', code: '1', statusText: 'Đã xác nhận' });
      const orders = store.getConversation('a')!.orders;
      expect(orders.map((o) => [o.id, o.statusText ?? null])).to.deep.equal([
        ['o1', 'Đã xác nhận'],
        ['o2', null],
      ]);
    });

    it('finds conversations by customer psid', () => {
      const store = new ChatStore();
      store.upsertConversations([
        conv('a', T0),
        conv('b', T0, { psid: 'psid-a', pageId: 'page2' }),
      ]);
      expect(ids(store.findByPsid('psid-a')).sort()).to.deep.equal(['a', 'b']);
      expect(ids(store.findByPsid('psid-a', 'page2'))).to.deep.equal(['b']);
    });
  });

  describe('changes', () => {
    it('bumps the version and tells the owner on a change, not on a list it already has', () => {
      let told = 0;
      const store = new ChatStore(() => told++);
      store.upsertConversations([conv('a', T0)]);
      const version = store.version;
      expect(told).to.equal(1);
      // A poll mostly repeats what the store has: no new version, nothing to render.
      store.upsertConversations([conv('a', T0)]);
      expect([store.version, told]).to.deep.equal([version, 1]);
      store.patchConversation('a', { name: 'Renamed' });
      expect(store.version).to.be.greaterThan(version);
      expect(told).to.equal(2);
    });

    it('applies a burst of 1,000 events: every message stored once, unread counted', () => {
      const store = new ChatStore();
      store.upsertConversations([conv('a', T0)]);
      const burst = Array.from({ length: 1000 }, (_, i) => {
        const id = i % 2 ? 'a' : `n${i % 10}`;
        return { message: msg(`m${i}`, id, T0 + i), seed: seed(id) };
      });
      for (const { message, seed } of burst) {
        store.applyMessage(message, seed, { countUnread: true });
      }
      expect(burst.every(({ message }) => store.hasMessage(message.id))).to.equal(true);
      expect(ids(store.sortedConversations()).sort()).to.deep.equal([
        'a',
        'n0',
        'n2',
        'n4',
        'n6',
        'n8',
      ]);
      expect(store.getConversation('a')!.unreadCount).to.equal(500);
      expect(store.getConversation('n0')!.unreadCount).to.equal(100);
    });
  });
});
