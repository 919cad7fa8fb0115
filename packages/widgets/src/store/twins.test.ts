import { expect } from '@open-wc/testing';
import { ChatStore, provideThreadMerge } from './store.js';
import * as threadMerge from './thread-merge.js';
import { normalizeRestConversation } from '../api/normalize.js';
import { toTime } from '../api/fields.js';
import type { ChatMessage, ConversationSeed } from '../model/index.js';

// What the session's chunks do when they load (see store.ts).
provideThreadMerge(threadMerge);

// docs/tpos-protocol.md §7.5: a socket copy and a REST copy of one message with two ids.
const SOCKET_TIME = '2025-12-19T21:22:35.873+07:00';
const REST_TIME = '2025-12-19T14:22:36.120Z';
const T = toTime(SOCKET_TIME)!;

function copy(id: string, at: string | number, patch: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    conversationId: 'c1',
    kind: 'message',
    text: 'Shop ơi còn size M không?',
    isOwner: false,
    createdAt: typeof at === 'number' ? at : toTime(at)!,
    attachments: [],
    ...patch,
  };
}

const seed: ConversationSeed = { id: 'c1', pageId: 'p1', psid: 'u1', name: 'Lan' };
const listed = (text: string, activity: string, unread: number) =>
  normalizeRestConversation({
    Id: 'c1',
    Name: 'Lan',
    Phone: null,
    Channel: { Id: 'p1', Type: 4 },
    User: { Id: 'u1' },
    LastActivities: {
      HasUnread: unread > 0,
      UnreadCount: unread,
      ActivitedTime: activity,
      Message: { Message: text },
      Comment: null,
    },
  })!;

function openStore(): ChatStore {
  const store = new ChatStore();
  store.upsertConversations([listed('cũ', '2025-12-19T14:00:00.000Z', 0)]);
  store.mergeThread('c1', [copy('r0', '2025-12-19T14:00:00.000Z', { text: 'cũ' })]);
  return store;
}

const thread = (store: ChatStore) =>
  store.getThread('c1')!.messages.map((m) => [m.id, m.aliases ?? []]);

describe('ChatStore: one message, two ids', () => {
  it('pairs the REST copy with the socket copy that came first (+07:00 and Z, 250 ms apart)', () => {
    const store = openStore();
    expect(store.applyMessage(copy('s1', SOCKET_TIME), seed, { countUnread: true })).to.equal(true);
    const added = store.mergeThread('c1', [copy('r1', REST_TIME)]);
    expect(added).to.deep.equal([]);
    expect(thread(store)).to.deep.equal([
      ['r0', []],
      ['r1', ['s1']],
    ]);
    expect(store.getThread('c1')!.messages[1]!.createdAt).to.equal(toTime(REST_TIME));
    const c = store.getConversation('c1')!;
    expect([c.unreadCount, c.lastMessage?.text]).to.deep.equal([1, 'Shop ơi còn size M không?']);
    expect([store.hasMessage('s1'), store.hasMessage('r1'), store.canonicalId('s1')]).to.deep.equal(
      [true, true, 'r1'],
    );
  });

  it('pairs a socket copy that comes after its REST copy, counting nothing twice', () => {
    const store = openStore();
    store.mergeThread('c1', [copy('r1', REST_TIME)]);
    store.upsertConversations([listed('Shop ơi còn size M không?', REST_TIME, 1)]);
    expect(store.applyMessage(copy('s1', SOCKET_TIME), seed, { countUnread: true })).to.equal(
      false,
    );
    expect(thread(store)).to.deep.equal([
      ['r0', []],
      ['r1', ['s1']],
    ]);
    expect(store.getConversation('c1')!.unreadCount).to.equal(1);
    // The other socket delivers the same envelope: still one message.
    expect(store.applyMessage(copy('s1', SOCKET_TIME), seed, { countUnread: true })).to.equal(
      false,
    );
    expect(store.getThread('c1')!.messages.length).to.equal(2);
  });

  it('keeps two identical "ok" two, pairing one to one', () => {
    const store = openStore();
    const ok = { text: 'ok' };
    store.applyMessage(copy('s1', T, ok), seed, { countUnread: true });
    store.applyMessage(copy('s2', T + 1500, ok), seed, { countUnread: true });
    store.mergeThread('c1', [copy('r1', T + 100, ok), copy('r2', T + 1600, ok)]);
    expect(thread(store)).to.deep.equal([
      ['r0', []],
      ['r1', ['s1']],
      ['r2', ['s2']],
    ]);
    expect(store.getConversation('c1')!.unreadCount).to.equal(2);
    // A third "ok" over REST has no socket copy left to pair with.
    store.mergeThread('c1', [copy('r3', T + 2000, ok)]);
    expect(thread(store).map(([id]) => id)).to.deep.equal(['r0', 'r1', 'r2', 'r3']);
  });

  it('does not pair across sides, kinds, texts or more than the window', () => {
    const store = openStore();
    store.applyMessage(copy('s1', T), seed, { countUnread: true });
    store.mergeThread('c1', [
      copy('r1', T, { isOwner: true }),
      copy('r2', T, { kind: 'comment' }),
      copy('r3', T, { text: 'khác' }),
      copy('r4', T + 5001),
    ]);
    expect(thread(store).map(([id]) => id)).to.deep.equal(['r0', 'r1', 'r2', 'r3', 's1', 'r4']);
    // Whitespace around the text does not matter.
    store.mergeThread('c1', [copy('r5', T + 10, { text: '  Shop ơi còn size M không?\n' })]);
    expect(thread(store).find(([id]) => id === 'r5')).to.deep.equal(['r5', ['s1']]);
  });

  it('keeps the socket copy’s Facebook comment id and learns the parent’s', () => {
    const store = openStore();
    const comment = {
      kind: 'comment' as const,
      text: 'chốt',
      post: { id: 'p1_9', isVideo: false },
    };
    store.mergeThread('c1', [copy('r1', T - 60_000, { ...comment, text: 'còn không ạ' })]);
    store.applyMessage(
      copy('s2', T, {
        ...comment,
        commentId: '9_222',
        parentId: 'socket-of-r1',
        parentCommentId: '9_111',
      }),
      seed,
      { countUnread: true },
    );
    store.mergeThread('c1', [copy('r2', T + 200, { ...comment, parentId: 'r1' })]);
    const [, parent, reply] = store.getThread('c1')!.messages;
    expect([parent!.id, parent!.commentId]).to.deep.equal(['r1', '9_111']);
    expect([reply!.id, reply!.commentId, reply!.parentId]).to.deep.equal(['r2', '9_222', 'r1']);
    expect(store.findMessage('s2')?.id).to.equal('r2');
  });

  it('does not count a pushed message a poll already counted (thread not loaded)', () => {
    const store = new ChatStore();
    store.upsertConversations([listed('cũ', '2025-12-19T14:00:00.000Z', 0)]);
    store.upsertConversations([listed('Shop ơi còn size M không?', REST_TIME, 1)]);
    expect(store.applyMessage(copy('s1', SOCKET_TIME), seed, { countUnread: true })).to.equal(
      false,
    );
    expect(store.getConversation('c1')!.unreadCount).to.equal(1);
    // The next identical message is a new one.
    expect(store.applyMessage(copy('s2', T + 2000), seed, { countUnread: true })).to.equal(true);
    expect(store.getConversation('c1')!.unreadCount).to.equal(2);
  });

  it('takes a socket message after the first read for a new one, even with the same text', () => {
    // The first read of a thread or list is history: "ok" read then, "ok" pushed 3 s later are
    // two messages (only a poll or catch-up can be overtaken by the socket copy it read).
    const store = new ChatStore();
    store.upsertConversations([listed('ok', new Date(T).toISOString(), 1)]);
    expect(
      store.applyMessage(copy('s1', T + 3000, { text: 'ok' }), seed, { countUnread: true }),
    ).to.equal(true);
    expect(store.getConversation('c1')!.unreadCount).to.equal(2);
    store.mergeThread('c1', [copy('r1', T, { text: 'ok' })]);
    store.applyMessage(copy('s2', T + 3500, { text: 'ok' }), seed, { countUnread: true });
    expect(thread(store)).to.deep.equal([
      ['r1', []],
      ['s2', []],
    ]);
  });
});
