import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { formatTime } from '../../i18n/formats.js';
import type { Lang, MessageKey } from '../../i18n/i18n.js';
import type { Attachment, ChatMessage, OutgoingMessage, PostRef } from '../../model/index.js';
import type { PrivateReplyState } from '../../session/sending.js';
import { safeHttpUrl } from '../../util/url.js';
import { icon } from '../shared/icons.js';
import { linkify } from './linkify.js';

/** What a message needs besides itself. */
export interface MessageContext {
  lang: Lang;
  t: (key: MessageKey, ...args: (string | number)[]) => string;
  now: number;
  linkify: boolean;
  /** Comment ids whose reply or hide request is running. */
  busy: ReadonlySet<string>;
  /** Replies under each comment, by the comment's id (see {@link threadTree}). */
  children: ReadonlyMap<string, readonly ChatMessage[]>;
  onReply: (m: ChatMessage) => void;
  onHide: (m: ChatMessage) => void;
  onImage: (url: string) => void;
  /** The reply (or "Nhắn riêng") box under a comment, or nothing. */
  replyBox: (m: ChatMessage) => TemplateResult | typeof nothing;
  /** Ids of the messages {@link MessageContext.replyBox} shows a box under. */
  boxesUnder: readonly string[];
  /** Whether a customer comment can get its private reply now. */
  privateReply: (m: ChatMessage) => PrivateReplyState;
  onPrivateReply: (m: ChatMessage) => void;
  /** The outgoing message a stored one is the echo of, when it was sent from here. */
  sentAs: (messageId: string) => OutgoingMessage | undefined;
  /** The "Đã gửi" line under a message sent from here. */
  sendStatus: (out: OutgoingMessage) => TemplateResult;
}

/**
 * Top-level messages (oldest first) and the replies of each comment, keyed by the parent's id.
 * A reply names its parent by the parent's REST id, its socket id (an alias once paired,
 * docs/tpos-protocol.md §7.5) or, from a socket, its Facebook comment id (`Data.parent.id`);
 * a reply whose parent is not loaded shows at the top level until the next read.
 */
export function threadTree(messages: readonly ChatMessage[]): {
  roots: ChatMessage[];
  children: Map<string, ChatMessage[]>;
} {
  const owner = new Map<string, string>();
  for (const m of messages) {
    owner.set(m.id, m.id);
    for (const alias of m.aliases ?? []) owner.set(alias, m.id);
    if (m.commentId) owner.set(m.commentId, m.id);
  }
  const roots: ChatMessage[] = [];
  const children = new Map<string, ChatMessage[]>();
  for (const m of messages) {
    const parent =
      (m.parentId && owner.get(m.parentId)) || (m.parentCommentId && owner.get(m.parentCommentId));
    if (parent && parent !== m.id) {
      const list = children.get(parent) ?? [];
      list.push(m);
      children.set(parent, list);
    } else roots.push(m);
  }
  return { roots, children };
}

function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || url;
  } catch {
    return last || url;
  }
}

/** A picture that did not load (offline, expired CDN link) becomes a grey tile. */
function markBroken(e: Event): void {
  (e.target as HTMLElement).parentElement?.classList.add('broken');
}

function renderAttachment(a: Attachment, ctx: MessageContext, local?: string): TemplateResult {
  // An image sent from here keeps its local preview: no second download, no flicker.
  const url = local ?? safeHttpUrl(a.url);
  if (!url) return html`<span class="invalid">${ctx.t('invalidAttachment')}</span>`;
  const poster = safeHttpUrl(a.previewUrl);
  switch (a.type) {
    case 'image':
      return html`<button
        class="att-image"
        aria-label=${ctx.t('enlarge')}
        data-label=${ctx.t('image')}
        @click=${() => ctx.onImage(url)}
      >
        <img src=${url} alt=${a.name ?? ctx.t('image')} loading="lazy" @error=${markBroken} />
      </button>`;
    case 'sticker':
      return html`<img class="sticker" src=${url} alt=${a.name ?? 'sticker'} loading="lazy" />`;
    case 'video':
      return html`<video
        controls
        preload="metadata"
        src=${url}
        poster=${poster ?? nothing}
      ></video>`;
    case 'audio':
      return html`<audio controls preload="none" src=${url}></audio>`;
    default: {
      const name = a.name || fileName(url);
      return html`<a
        class="att-file"
        href=${url}
        download=${name}
        target="_blank"
        rel="noopener noreferrer"
        >${icon('file')}<span>${name}</span></a
      >`;
    }
  }
}

/** The post or livestream a run of comments belongs to ("Bài viết" when it has no text). */
export function renderPost(post: PostRef, t: MessageContext['t']): TemplateResult {
  return html`<div class="post" part="post">
    <span aria-hidden="true">${post.isVideo ? '🎥' : '📝'}</span>
    <span class="post-text">${post.title || post.description || t('post')}</span>
  </div>`;
}

/** The outgoing message `m` is the echo of, when the shop sent it from here. */
function sentFromHere(m: ChatMessage, ctx: MessageContext): OutgoingMessage | undefined {
  // The echo may have been matched under its socket id, now an alias (docs/tpos-protocol.md §7.5).
  return m.isOwner
    ? [m.id, ...(m.aliases ?? [])].map((id) => ctx.sentAs(id)).find(Boolean)
    : undefined;
}

/**
 * Everything {@link renderMessage} shows of `m` depends on, for lit's `guard`: a long thread
 * then renders only the messages that changed, not every message each time one arrives. A
 * message with replies, a box under it or a send status gets a key of its own each time (it
 * renders each time): what those show lives outside the message. `today` is {@link dayOf}
 * the render's clock.
 */
export function messageInputs(m: ChatMessage, ctx: MessageContext, today: string): unknown[] {
  if (ctx.children.has(m.id) || ctx.boxesUnder.includes(m.id) || sentFromHere(m, ctx)) {
    return [{}];
  }
  const customerComment = m.kind === 'comment' && !m.isOwner;
  return [
    m,
    ctx.lang,
    today,
    ctx.linkify,
    ctx.busy.has(m.id),
    customerComment ? ctx.privateReply(m) : undefined,
  ];
}

/** One message or comment, with its replies nested below. */
export function renderMessage(m: ChatMessage, ctx: MessageContext): TemplateResult {
  const isComment = m.kind === 'comment';
  const replies = ctx.children.get(m.id) ?? [];
  const busy = ctx.busy.has(m.id);
  // Reply and hide need Facebook's comment id (§7.3): without it they say why they cannot.
  const why = m.commentId ? undefined : ctx.t('noCommentId');
  const sent = sentFromHere(m, ctx);
  const local = sent?.image?.previewUrl;
  let localUsed = false;
  const attachment = (a: Attachment) => {
    const own = local && !localUsed && a.type === 'image' ? local : undefined;
    if (own) localUsed = true;
    return renderAttachment(a, ctx, own);
  };
  return html`<div
    class=${classMap({ msg: true, out: m.isOwner, comment: isComment, hidden: !!m.isHidden })}
    part="message"
    data-id=${m.id}
  >
    ${
      m.text || m.attachments.length
        ? html`<div
            class="bubble"
            part=${m.isOwner ? 'bubble bubble-shop' : 'bubble bubble-customer'}
          >
            ${m.text ? html`<div class="text">${ctx.linkify ? linkify(m.text) : m.text}</div>` : nothing}
            ${m.attachments.map(attachment)}
          </div>`
        : nothing
    }
    <div class="meta">
      ${isComment ? icon('comment') : nothing}
      <time datetime=${new Date(m.createdAt).toISOString()}
        >${formatTime(m.createdAt, ctx.lang, ctx.now)}</time
      >
      ${m.isOwner && m.staffName ? html`<span class="staff">· ${m.staffName}</span>` : nothing}
      ${m.isHidden ? html`<span class="badge hidden-label">${ctx.t('hidden')}</span>` : nothing}
      ${
        isComment && !m.isOwner
          ? html`${commentAction(ctx.t('reply'), busy, why, () => ctx.onReply(m))}
            ${commentAction(m.isHidden ? ctx.t('unhide') : ctx.t('hide'), busy, why, () =>
              ctx.onHide(m),
            )}
            ${renderPrivateReplyButton(m, ctx)}`
          : nothing
      }
      ${sent ? ctx.sendStatus(sent) : nothing}
    </div>
    ${
      replies.length
        ? html`<div class="replies">${replies.map((r) => renderMessage(r, ctx))}</div>`
        : nothing
    }
    ${ctx.replyBox(m)}
  </div>`;
}

/**
 * A reply or hide button. Without a Facebook comment id it stays focusable but
 * `aria-disabled`, with the reason as its tooltip and description, and does nothing.
 */
function commentAction(
  label: string,
  busy: boolean,
  why: string | undefined,
  run: () => void,
): TemplateResult {
  return html`<button
    class="link"
    ?disabled=${busy}
    aria-disabled=${why ? 'true' : nothing}
    title=${why ?? nothing}
    aria-description=${why ?? nothing}
    @click=${() => {
      if (!why) run();
    }}
  >
    ${label}
  </button>`;
}

/**
 * "Nhắn riêng" under a customer comment; disabled (`aria-disabled`), with the reason as its
 * tooltip, when Facebook would refuse it (one per comment, within 7 days) or the comment id
 * is unknown.
 */
function renderPrivateReplyButton(m: ChatMessage, ctx: MessageContext): TemplateResult {
  const state = ctx.privateReply(m);
  if (state === 'own') return html``;
  const blocked = state !== 'available';
  const reason = blocked ? ctx.t(`privateReply.${state}`) : undefined;
  // aria-disabled, not disabled: the button stays focusable, so its reason can be read.
  return html`<button
    class="link"
    part="private-reply"
    aria-disabled=${blocked ? 'true' : 'false'}
    title=${reason ?? ctx.t('privateReplyNote')}
    @click=${() => !blocked && ctx.onPrivateReply(m)}
  >
    ${ctx.t('privateReply')}
  </button>`;
}
