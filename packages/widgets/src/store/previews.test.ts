import { expect } from '@open-wc/testing';
import { ChatStore, provideThreadMerge } from './store.js';
import * as threadMerge from './thread-merge.js';
import { normalizeRestConversation } from '../api/normalize.js';
import type { ChatMessage } from '../model/index.js';

// What the session's chunks do when they load (see store.ts).
provideThreadMerge(threadMerge);

// docs/tpos-protocol.md §7.7: the recorded list answer has one time per row and no preview times.
const T = Date.UTC(2025, 11, 19, 14, 0, 0);

function answer(at: number, message: string | null, comment: string | null) {
  return normalizeRestConversation({
    Id: 'c1',
    Name: 'Lan',
    Phone: '0901234567',
    Channel: { Id: 'p1', Type: 4 },
    User: { Id: 'u1' },
    LastActivities: {
      HasUnread: false,
      UnreadCount: 0,
      ActivitedTime: new Date(at).toISOString(),
      Message: message === null ? null : { Message: message },
      Comment: comment === null ? null : { Message: comment },
    },
  })!;
}

function pushed(text: string, at: number): ChatMessage {
  return {
    id: `s-${at}`,
    conversationId: 'c1',
    kind: 'comment',
    text,
    isOwner: false,
    createdAt: at,
    attachments: [],
  };
}

const seed = { id: 'c1', pageId: 'p1', psid: 'u1' };
const shown = (store: ChatStore) => {
  const m = store.getConversation('c1')!.lastMessage!;
  return [m.kind, m.text];
};

describe('ChatStore: a refresh never turns a preview back', () => {
  it('keeps a pushed comment when the next answer has no time for its previews', () => {
    const store = new ChatStore();
    store.upsertConversations([answer(T, 'Messenger cũ', 'bình luận cũ')]);
    expect(shown(store)).to.deep.equal(['message', 'Messenger cũ']);
    store.applyMessage(pushed('Bình luận mới', T + 60_000), seed, { countUnread: true });
    expect(shown(store)).to.deep.equal(['comment', 'Bình luận mới']);
    // Refresh: the same activity, both previews, no Type and no preview times.
    store.upsertConversations([answer(T + 60_000, 'Messenger cũ', 'Bình luận mới')]);
    expect(shown(store)).to.deep.equal(['comment', 'Bình luận mới']);
    // The server's time a little later than the socket's (another clock): still the comment.
    store.upsertConversations([answer(T + 60_400, 'Messenger cũ', 'Bình luận mới')]);
    expect(shown(store)).to.deep.equal(['comment', 'Bình luận mới']);
  });

  it('takes the preview whose text changed in a newer answer', () => {
    const store = new ChatStore();
    store.upsertConversations([answer(T, 'Messenger cũ', 'bình luận cũ')]);
    store.applyMessage(pushed('Bình luận mới', T + 60_000), seed, { countUnread: true });
    store.upsertConversations([answer(T + 120_000, 'Messenger mới', 'Bình luận mới')]);
    expect(shown(store)).to.deep.equal(['message', 'Messenger mới']);
    store.upsertConversations([answer(T + 180_000, 'Messenger mới', 'chốt đơn')]);
    expect(shown(store)).to.deep.equal(['comment', 'chốt đơn']);
  });

  it('keeps the kind shown when neither text changed, unless the answer is much newer', () => {
    const store = new ChatStore();
    store.applyMessage(pushed('Bình luận mới', T), seed, { countUnread: true });
    // The row came from a push alone: the Messenger preview is not a change, it is news.
    store.upsertConversations([answer(T + 1000, 'Messenger cũ', 'Bình luận mới')]);
    expect(shown(store)).to.deep.equal(['comment', 'Bình luận mới']);
    // Much newer, the comment unchanged: the newest activity is the other kind.
    store.upsertConversations([answer(T + 600_000, 'Messenger cũ', 'Bình luận mới')]);
    expect(shown(store)).to.deep.equal(['message', 'Messenger cũ']);
  });

  it('says nothing it was not told: no owner, attachment flag or address', () => {
    const c = answer(T, 'Dạ vâng', null);
    expect(c.lastMessage).to.deep.equal({ text: 'Dạ vâng', kind: 'message' });
    expect([c.hasPhone, c.hasAddress, c.hasOrder, c.lastKind]).to.deep.equal([
      true,
      undefined,
      undefined,
      'message',
    ]);
  });
});
