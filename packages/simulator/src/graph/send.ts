/**
 * The Send API of the Graph stand-in: who may send (the page token), to whom (a PSID inside
 * the 24-hour window, or a comment's one private reply within 7 days), what (text up to
 * 2,000 characters or one attachment), and the page's echo into ChatOmni on success.
 */
import { publish, type SimContext } from '../context.js';
import type {
  SimAttachment,
  SimConversation,
  SimMessage,
  SimPage,
  SimTenant,
} from '../data/model.js';
import { chatEnvelope } from '../envelopes.js';
import { GRAPH_ERRORS, graphError, type GraphErrorReply } from './errors.js';
import type { GraphState } from './state.js';

/** The standard messaging window after the customer's last message. */
export const WINDOW_MS = 24 * 3600_000;
/** How long a comment can get its private reply. */
export const PRIVATE_REPLY_MS = 7 * 24 * 3600_000;
/** Longest text, in characters (code points). */
export const MAX_TEXT = 2000;
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'file'];

/** An uploaded `filedata` part. */
export interface Upload {
  type: string;
  bytes: Buffer;
}

/** A send request, its JSON fields parsed (multipart fields are JSON text too). */
export interface SendRequest {
  fields: Record<string, unknown>;
  upload?: Upload;
}

/** A send that passed every check, ready to post. */
export interface ValidSend {
  tenant: SimTenant;
  page: SimPage;
  conv: SimConversation;
  kind: 'text' | 'image' | 'private-reply';
  text: string;
  attachments: SimAttachment[];
  /** Facebook id of the comment a private reply answers. */
  commentFbId?: string;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: GraphErrorReply };
const fail = (error: GraphErrorReply): { ok: false; error: GraphErrorReply } => ({
  ok: false,
  error,
});
const invalid = (what: string) => fail(graphError(GRAPH_ERRORS.invalidParameter, what));

/** The page whose token this is, or the Graph error: the token must be a CRMTeam page's. */
export function pageOfToken(
  ctx: SimContext,
  token: string | undefined,
  pathPageId: string,
): Checked<{ tenant: SimTenant; page: SimPage }> {
  if (!token) return fail(graphError(GRAPH_ERRORS.missingToken));
  for (const tenant of ctx.store.tenants.values()) {
    const page = tenant.pages.find((p) => p.accessToken === token);
    if (!page) continue;
    if (pathPageId !== 'me' && pathPageId !== page.id) {
      return fail(graphError(GRAPH_ERRORS.unknownObject, pathPageId));
    }
    return { ok: true, value: { tenant, page } };
  }
  return fail(graphError(GRAPH_ERRORS.invalidToken));
}

function lastCustomerMessage(ctx: SimContext, conv: SimConversation): SimMessage | undefined {
  const messages = ctx.store.thread(conv).messages;
  for (let i = messages.length - 1; i >= 0; i--) if (!messages[i]!.isOwner) return messages[i];
  return undefined;
}

function content(
  state: GraphState,
  request: SendRequest,
): Checked<{ text: string; attachments: SimAttachment[] }> {
  const message = request.fields.message;
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    return invalid('param message must be non-empty.');
  }
  const { text, attachment } = message as { text?: unknown; attachment?: unknown };
  if (text !== undefined && attachment !== undefined) {
    return invalid('Only one of message[text] and message[attachment] may be set.');
  }
  if (typeof text === 'string') {
    if (text.trim() === '') return invalid('param message[text] must be non-empty.');
    if ([...text].length > MAX_TEXT) return fail(graphError(GRAPH_ERRORS.textTooLong));
    return { ok: true, value: { text, attachments: [] } };
  }
  if (!attachment || typeof attachment !== 'object') {
    return invalid('Must send either message[text] or message[attachment].');
  }
  const { type, payload } = attachment as { type?: unknown; payload?: { url?: unknown } };
  if (typeof type !== 'string' || !ATTACHMENT_TYPES.includes(type)) {
    return invalid('param message[attachment][type] must be one of {image, video, audio, file}.');
  }
  const url = payload?.url;
  if (request.upload) {
    const id = state.addMedia(request.upload.type, request.upload.bytes);
    return {
      ok: true,
      value: { text: '', attachments: [{ type, url: `${state.baseUrl}/media/${id}` }] },
    };
  }
  if (typeof url === 'string' && /^https?:\/\//.test(url)) {
    return { ok: true, value: { text: '', attachments: [{ type, url }] } };
  }
  return invalid('Attachment payload must have a url or come with an uploaded filedata.');
}

/**
 * Checks a send as the Send API does, after the token: recipient, messaging type,
 * content, then the policy (24-hour window; private replies once and within 7 days).
 */
export function validateSend(
  ctx: SimContext,
  state: GraphState,
  tenant: SimTenant,
  page: SimPage,
  request: SendRequest,
  now: number,
): Checked<ValidSend> {
  const { recipient, messaging_type: type } = request.fields as {
    recipient?: { id?: unknown; comment_id?: unknown };
    messaging_type?: unknown;
  };
  if (type !== undefined && (typeof type !== 'string' || !MESSAGING_TYPES.includes(type))) {
    return invalid('param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}.');
  }
  // Message tags need a permission Meta grants on review; the stand-in's app has none.
  if (type === 'MESSAGE_TAG') return fail(graphError(GRAPH_ERRORS.permission));
  const psid = typeof recipient?.id === 'string' ? recipient.id : undefined;
  const commentId = typeof recipient?.comment_id === 'string' ? recipient.comment_id : undefined;
  if (!psid === !commentId)
    return invalid('param recipient must have exactly one of id and comment_id.');
  const checked = content(state, request);
  if (!checked.ok) return checked;
  const { text, attachments } = checked.value;
  if (psid) {
    const conv = ctx.store.findConversation(tenant, page.id, psid);
    if (!conv) return fail(graphError(GRAPH_ERRORS.noMatchingUser));
    const last = lastCustomerMessage(ctx, conv);
    // A comment does not open the window: only the customer's Messenger messages do.
    if (!last || now - last.at > WINDOW_MS) return fail(graphError(GRAPH_ERRORS.outsideWindow));
    const kind = attachments.length > 0 ? 'image' : 'text';
    return { ok: true, value: { tenant, page, conv, kind, text, attachments } };
  }
  const found = ctx.store.findCommentInTenant(tenant, commentId!);
  if (!found || found.conv.pageId !== page.id) {
    return fail(graphError(GRAPH_ERRORS.unknownObject, commentId));
  }
  if (attachments.length > 0) return invalid('A private reply can only be text.');
  const { comment, conv } = found;
  if (state.privateReplies.has(comment.fbId)) return fail(graphError(GRAPH_ERRORS.alreadyReplied));
  if (comment.isOwner || now - comment.at > PRIVATE_REPLY_MS) {
    return fail(graphError(GRAPH_ERRORS.notReplyable));
  }
  return {
    ok: true,
    value: {
      tenant,
      page,
      conv,
      kind: 'private-reply',
      text,
      attachments,
      commentFbId: comment.fbId,
    },
  };
}

/**
 * Posts a checked send: stores the page's message in the customer's Messenger
 * conversation (a private reply too) and emits its echo on both sockets, as ChatOmni
 * receives the page's own messages. Returns the Send API's answer.
 */
export function deliver(
  ctx: SimContext,
  state: GraphState,
  send: ValidSend,
): { recipient_id: string; message_id: string } {
  if (send.commentFbId) state.privateReplies.add(send.commentFbId);
  const message = ctx.store.addMessage(send.conv, {
    text: send.text,
    isOwner: true,
    attachments: send.attachments,
  });
  publish(ctx, send.tenant.host, chatEnvelope(ctx.opts.profile, send.tenant, send.conv, message));
  return { recipient_id: send.conv.psid, message_id: message.fbId };
}
