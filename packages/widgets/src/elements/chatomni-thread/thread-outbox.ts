import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey } from '../../i18n/i18n.js';
import { SendStatus, type OutgoingMessage, type SendErrorCode } from '../../model/index.js';
import { icon } from '../shared/icons.js';

type T = (key: MessageKey, ...args: (string | number)[]) => string;

/** What the outgoing messages need besides themselves. */
export interface OutboxContext {
  t: T;
  onRetry: (out: OutgoingMessage) => void;
  onDiscard: (out: OutgoingMessage) => void;
  onImage: (url: string) => void;
}

/** "45 giây", "2 phút". */
function duration(t: T, seconds: number): string {
  return seconds < 60 ? t('seconds', seconds) : t('minutes', Math.ceil(seconds / 60));
}

/**
 * Why a send failed, for the seller: the reason of the code, then when to try again when the
 * proxy said (always for `rate_limited`).
 */
export function sendReason(t: T, code: SendErrorCode, retryAfter?: number): string {
  const reason = t(`send.${code}`);
  if (retryAfter !== undefined && retryAfter > 0) {
    return `${reason} ${t('retryIn', duration(t, retryAfter))}`;
  }
  return code === 'rate_limited' ? `${reason} ${t('retryLater')}` : reason;
}

/** The status line under a shop bubble sent from here. */
export function renderSendStatus(out: OutgoingMessage, ctx: OutboxContext): TemplateResult {
  const error = out.error;
  if (out.status !== SendStatus.Failed || !error) {
    const label = out.status === SendStatus.Sending ? ctx.t('sending') : ctx.t('sent');
    return html`<span class="send-status ${out.status}" part="send-status">${label}</span>`;
  }
  if (out.checking) {
    return html`<span class="send-status sending" part="send-status" role="status"
      >${ctx.t('sendChecking')}</span
    >`;
  }
  // After send_unconfirmed it may be out already: sending again is the seller's choice.
  const again = error.code === 'send_unconfirmed' || error.code === 'idempotency_key_reused';
  return html`<span class="send-status failed" part="send-status" role="alert"
      >${ctx.t('notSent')}: ${sendReason(ctx.t, error.code, error.retryAfter)}</span
    >
    <button class="link" part="send-retry" @click=${() => ctx.onRetry(out)}>
      ${again ? ctx.t('sendAgain') : ctx.t('retry')}
    </button>
    <button class="link" part="send-discard" @click=${() => ctx.onDiscard(out)}>
      ${ctx.t('discard')}
    </button>`;
}

/** One outgoing message, shown after the stored ones until its echo takes its place. */
export function renderOutgoing(out: OutgoingMessage, ctx: OutboxContext): TemplateResult {
  const image = out.image;
  return html`<div
    class="msg out outgoing ${out.status}"
    part="message outgoing"
    data-outgoing=${out.id}
    aria-busy=${out.status === SendStatus.Sending ? 'true' : 'false'}
  >
    <div class="bubble" part="bubble bubble-shop">
      ${out.text ? html`<div class="text">${out.text}</div>` : nothing}
      ${
        image
          ? html`<button
              class="att-image"
              aria-label=${ctx.t('enlarge')}
              @click=${() => ctx.onImage(image.previewUrl)}
            >
              <img src=${image.previewUrl} alt=${image.name} />
            </button>`
          : nothing
      }
    </div>
    <div class="meta">
      ${out.kind === 'private-reply' ? html`${icon('lock')}<span>${ctx.t('privateReply')}</span>` : nothing}
      ${renderSendStatus(out, ctx)}
    </div>
  </div>`;
}
