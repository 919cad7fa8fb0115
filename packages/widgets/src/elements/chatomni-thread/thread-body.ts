import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { dayOf } from '../../i18n/formats.js';
import type { ChatMessage, OutgoingMessage, PostRef, ThreadState } from '../../model/index.js';
import {
  messageInputs,
  renderMessage,
  renderPost,
  threadTree,
  type MessageContext,
} from './thread-message.js';
import { renderOutgoing, type OutboxContext } from './thread-outbox.js';

/** What the message log needs besides the thread. */
export interface BodyContext extends Omit<MessageContext, 'children'> {
  newBelow: boolean;
  onNewBelow: () => void;
  onRetry: () => void;
  /** Messages being sent (or failed), after the stored ones. */
  outgoing: readonly OutgoingMessage[];
  outbox: OutboxContext;
}

function renderMessages(messages: readonly ChatMessage[], ctx: BodyContext): TemplateResult {
  const { roots, children } = threadTree(messages);
  const mctx: MessageContext = { ...ctx, children };
  // Realtime comments carry only the post id; REST ones also its title and description.
  const posts = new Map<string, PostRef>();
  for (const m of messages) {
    if (m.post && (m.post.title || m.post.description || !posts.has(m.post.id))) {
      posts.set(m.post.id, m.post);
    }
  }
  const today = dayOf(ctx.now);
  let post: string | undefined;
  return html`${repeat(
    roots,
    (m) => m.id,
    (m) => {
      // A post header starts each run of comments on the same post or livestream.
      const next = m.kind === 'comment' ? m.post?.id : undefined;
      const header = next && next !== post ? renderPost(posts.get(next)!, ctx.t) : nothing;
      post = next;
      return html`${header}${guard(messageInputs(m, mctx, today), () => renderMessage(m, mctx))}`;
    },
  )}`;
}

/** The scrolling `role="log"` with loading, error and empty states and the new-messages pill. */
export function renderThreadBody(
  thread: ThreadState | undefined,
  ctx: BodyContext,
): TemplateResult {
  const messages = thread?.messages ?? [];
  const outgoing = repeat(
    ctx.outgoing,
    (o) => o.id,
    (o) => renderOutgoing(o, ctx.outbox),
  );
  let content: TemplateResult;
  if (messages.length) content = html`${renderMessages(messages, ctx)}${outgoing}`;
  else if (ctx.outgoing.length) content = html`${outgoing}`;
  else if (thread?.error && !thread.loading) {
    content = html`<div class="note" role="alert">
      <p class="error">${ctx.t('threadError')}</p>
      <p class="reason">${ctx.t(`load.${thread.error}`)}</p>
      <button @click=${ctx.onRetry}>${ctx.t('retry')}</button>
    </div>`;
  } else if (!thread || thread.loading) content = html`<p class="note">${ctx.t('loading')}</p>`;
  else content = html`<p class="note">${ctx.t('noMessages')}</p>`;
  return html`<div class="log-wrap">
    <div
      class="log"
      part="log"
      role="log"
      aria-live="polite"
      aria-label=${ctx.t('messages')}
      tabindex="0"
    >
      <div class="content">${content}</div>
    </div>
    ${
      ctx.newBelow
        ? html`<button class="pill primary" part="new-messages" @click=${ctx.onNewBelow}>
            ${ctx.t('newMessages')} ↓
          </button>`
        : nothing
    }
  </div>`;
}
