import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { formatTime, type Lang, type MessageKey } from '../../i18n/i18n.js';
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
  /** Replies under each comment (by the parent's id or Facebook comment id). */
  children: ReadonlyMap<string, readonly ChatMessage[]>;
  onReply: (m: ChatMessage) => void;
  onHide: (m: ChatMessage) => void;
  onImage: (url: string) => void;
  /** The reply (or "Nhắn riêng") box under a comment, or nothing. */
  replyBox: (m: ChatMessage) => TemplateResult | typeof nothing;
  /** Whether a customer comment can get its private reply now. */
  privateReply: (m: ChatMessage) => PrivateReplyState;
  onPrivateReply: (m: ChatMessage) => void;
  /** The outgoing message a stored one is the echo of, when it was sent from here. */
  sentAs: (messageId: string) => OutgoingMessage | undefined;
  /** The "Đã gửi" line under a message sent from here. */
  sendStatus: (out: OutgoingMessage) => TemplateResult;
}

/** Top-level messages (oldest first) and the replies of each comment. */
export function threadTree(messages: readonly ChatMessage[]): {
  roots: ChatMessage[];
  children: Map<string, ChatMessage[]>;
} {
  const known = new Set<string>();
  for (const m of messages) {
    known.add(m.id);
    if (m.commentId) known.add(m.commentId);
  }
  const roots: ChatMessage[] = [];
  const children = new Map<string, ChatMessage[]>();
  for (const m of messages) {
    if (m.parentId && known.has(m.parentId)) {
      const list = children.get(m.parentId) ?? [];
      list.push(m);
      children.set(m.parentId, list);
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

/** One message or comment, with its replies nested below. */
export function renderMessage(m: ChatMessage, ctx: MessageContext): TemplateResult {
  const isComment = m.kind === 'comment';
  const replies = [
    ...(ctx.children.get(m.id) ?? []),
    ...((m.commentId && ctx.children.get(m.commentId)) || []),
  ];
  const busy = ctx.busy.has(m.id);
  const sent = m.isOwner ? ctx.sentAs(m.id) : undefined;
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
          ? html`<button class="link" ?disabled=${busy} @click=${() => ctx.onReply(m)}>
                ${ctx.t('reply')}
              </button>
              <button class="link" ?disabled=${busy} @click=${() => ctx.onHide(m)}>
                ${m.isHidden ? ctx.t('unhide') : ctx.t('hide')}
              </button>
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
