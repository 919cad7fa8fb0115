/**
 * Lazy generation of a conversation's messages and comments, on first read. The newest item
 * is the conversation header's `last`, so search results and threads always agree.
 */
import { Prng, mixSeed } from './prng.js';
import { commentText, customerText, imageAttachments, objectId, shopReply } from './factory.js';
import type { Kind, SimComment, SimConversation, SimMessage, SimTenant } from './model.js';

type Thread = NonNullable<SimConversation['thread']>;

/** Returns the conversation's thread, generating it the first time. */
export function materialize(tenant: SimTenant, conv: SimConversation): Thread {
  if (conv.thread) return conv.thread;
  const rng = new Prng(mixSeed(conv.seed, 7));
  const post = conv.postObjectId
    ? (tenant.posts.find((p) => p.objectId === conv.postObjectId) ?? null)
    : null;
  const kinds: Kind[] = [];
  for (let i = 0; i < conv.plannedMessages; i++) kinds.push('message');
  for (let i = 0; i < conv.plannedComments; i++) kinds.push('comment');
  // The header's item is the newest; the others are shuffled before it in time.
  const own = kinds.indexOf(conv.last.kind);
  if (own >= 0) kinds.splice(own, 1);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const span = Math.max(kinds.length + 1, conv.lastAt - conv.createdAt);
  const times = kinds.map(() => conv.createdAt + rng.int(0, span - 1)).sort((a, b) => a - b);
  const thread: Thread = { messages: [], comments: [] };
  const customerTail = Math.max(0, conv.unread - 1);
  let firstComment = true;
  const newComment = (at: number, text: string, isOwner: boolean): SimComment => {
    const fbId =
      firstComment && conv.firstCommentFbId
        ? conv.firstCommentFbId
        : `${post?.postId ?? '0'}_${rng.digits(15)}`;
    firstComment = false;
    return {
      kind: 'comment',
      id: objectId(rng, at),
      fbId,
      text,
      isOwner,
      at,
      attachments: [],
      parentId: null,
      objectId: post?.objectId ?? '',
      isHidden: false,
      replies: [],
    };
  };
  kinds.forEach((kind, i) => {
    const at = Math.min(times[i]!, conv.lastAt - 1000 * (kinds.length - i));
    const mustBeCustomer = i >= kinds.length - customerTail;
    if (kind === 'message') {
      const isOwner = !mustBeCustomer && rng.chance(0.35);
      const withImage = !isOwner && rng.chance(0.1);
      thread.messages.push({
        kind,
        id: objectId(rng, at),
        fbId: `m_${rng.hex(32)}`,
        text: isOwner ? shopReply(rng) : withImage ? '' : customerText(rng),
        isOwner,
        at,
        attachments: withImage ? imageAttachments(rng, rng.int(1, 2)) : [],
        staff: isOwner ? rng.pick(tenant.staff) : undefined,
      });
    } else {
      const comment = newComment(at, commentText(rng, conv.phone), false);
      if (!mustBeCustomer && rng.chance(0.25)) {
        const reply = newComment(Math.min(at + 60_000, conv.lastAt - 500), shopReply(rng), true);
        reply.parentId = comment.id;
        reply.staff = rng.pick(tenant.staff);
        comment.replies.push(reply);
      }
      thread.comments.push(comment);
    }
  });
  const last = conv.last;
  if (last.kind === 'message') {
    thread.messages.push({
      kind: 'message',
      id: objectId(rng, conv.lastAt),
      fbId: `m_${rng.hex(32)}`,
      text: last.text,
      isOwner: last.isOwner,
      at: conv.lastAt,
      attachments: last.attachments,
      staff: last.staff,
    });
  } else {
    const comment = newComment(conv.lastAt, last.text, last.isOwner);
    comment.staff = last.staff;
    thread.comments.push(comment);
  }
  conv.thread = thread;
  return thread;
}

/** Finds a comment (top level or reply) by ChatOmni id or Facebook id. */
export function findComment(thread: Thread, id: string): SimComment | undefined {
  for (const c of thread.comments) {
    if (c.id === id || c.fbId === id) return c;
    for (const r of c.replies) if (r.id === id || r.fbId === id) return r;
  }
  return undefined;
}

/** All items, oldest first: messages, top-level comments and replies. */
export function allItems(thread: Thread): (SimMessage | SimComment)[] {
  const items: (SimMessage | SimComment)[] = [...thread.messages];
  for (const c of thread.comments) items.push(c, ...c.replies);
  return items.sort((a, b) => a.at - b.at);
}
