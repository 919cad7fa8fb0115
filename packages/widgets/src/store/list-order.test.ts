import { expect } from '@open-wc/testing';
import { byActivity, ConversationOrder } from './list-order.js';
import { ChatStore, provideThreadMerge } from './store.js';
import * as threadMerge from './thread-merge.js';
import type { Conversation } from '../model/index.js';

// What the session's chunks do when they load (see store.ts).
provideThreadMerge(threadMerge);

const T0 = Date.UTC(2025, 11, 19, 14, 0, 0);

/** A small seeded generator (mulberry32): every run checks the same sequences. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function conv(id: string, lastActivityAt: number, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    pageId: 'page1',
    psid: `psid-${id}`,
    channelType: 4,
    name: `Customer ${id}`,
    lastActivityAt,
    kinds: ['message'],
    unreadCount: 0,
    orders: [],
    ...patch,
  };
}

/** What the list must be: every conversation `keep` accepts, sorted from scratch. */
function fromScratch(store: ChatStore, ids: Iterable<string>, keep: (c: Conversation) => boolean) {
  const all = [...new Set(ids)]
    .map((id) => store.getConversation(id))
    .filter((c) => c !== undefined);
  return all.filter(keep).sort(byActivity);
}

/** Applies one random change of the kinds a session makes to a store of `size` ids. */
function randomChange(store: ChatStore, pick: (n: number) => number, size: number): string {
  const id = `c${pick(size)}`;
  const at = T0 + pick(2000) * 1000;
  switch (pick(6)) {
    case 0:
    case 1:
      // A pushed message: newer activity (often to the top), unread + 1; ties happen too.
      store.applyMessage(
        {
          id: `m${pick(1e9)}`,
          conversationId: id,
          kind: pick(2) ? 'message' : 'comment',
          text: 'x',
          isOwner: pick(4) === 0,
          createdAt: at,
          attachments: [],
        },
        { id, pageId: pick(3) ? 'page1' : 'page2', psid: `psid-${id}`, name: id },
        { countUnread: true },
      );
      return id;
    case 2:
      // A list answer: new rows, older or newer activity, other pages.
      store.upsertConversations([
        conv(id, at, { pageId: pick(3) ? 'page1' : 'page2', unreadCount: pick(3) }),
      ]);
      return id;
    case 3:
      // Seen: unread back to 0 (the order stays, the filter may drop the row).
      store.patchConversation(id, { unreadCount: 0 });
      return id;
    case 4:
      store.patchConversation(id, { lastActivityAt: at, hasPhone: pick(2) === 0 });
      return id;
    default:
      store.addOrder(id, { id: `o${pick(100)}`, code: 'DH1' });
      return id;
  }
}

describe('ConversationOrder (incremental list order)', () => {
  const filters: [string, (c: Conversation) => boolean][] = [
    ['all', () => true],
    ['unread', (c) => c.unreadCount > 0],
    ['one page', (c) => c.pageId === 'page1'],
    ['comments with a phone', (c) => c.kinds.includes('comment') && c.hasPhone !== false],
  ];
  for (const [name, keep] of filters) {
    it(`equals a full filter and sort after random changes (${name})`, () => {
      for (const seed of [1, 2, 3]) {
        const pick = random(seed);
        const store = new ChatStore();
        const order = new ConversationOrder(keep);
        store.watch(order);
        const size = 40 + pick(200);
        const seen: string[] = [];
        for (let round = 0; round < 60; round++) {
          // Frames of a few changes, now and then a burst large enough to rebuild.
          const changes = pick(10) === 0 ? 300 : 1 + pick(12);
          for (let k = 0; k < changes; k++) seen.push(randomChange(store, pick, size));
          if (pick(40) === 0) {
            store.clear();
            seen.length = 0;
          }
          const list = store.readList(order);
          const expected = fromScratch(store, seen, keep);
          expect(list.map((c) => c.id)).to.deep.equal(expected.map((c) => c.id));
          // The current objects, not the ones the rows were placed with.
          list.forEach((c, i) => expect(c).to.equal(expected[i]));
          expect(order.unread).to.equal(expected.reduce((n, c) => n + c.unreadCount, 0));
        }
      }
    });
  }

  it('keeps the order of a store without watchers of its own (sortedConversations)', () => {
    const pick = random(7);
    const store = new ChatStore();
    const seen: string[] = [];
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < 1 + pick(20); k++) seen.push(randomChange(store, pick, 100));
      const expected = fromScratch(store, seen, () => true).map((c) => c.id);
      expect(store.sortedConversations().map((c) => c.id)).to.deep.equal(expected);
    }
  });

  it('rebuilds after invalidate() (the filter changed)', () => {
    const store = new ChatStore();
    let wanted = 'page1';
    const order = new ConversationOrder((c) => c.pageId === wanted);
    store.watch(order);
    store.upsertConversations([
      conv('a', T0 + 1),
      conv('b', T0 + 2, { pageId: 'page2' }),
      conv('c', T0 + 3, { pageId: 'page2' }),
    ]);
    expect(store.readList(order).map((c) => c.id)).to.deep.equal(['a']);
    wanted = 'page2';
    order.invalidate();
    expect(store.readList(order).map((c) => c.id)).to.deep.equal(['c', 'b']);
  });
});
