import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { icon } from '../shared/icons.js';

type T = (key: MessageKey) => string;

/** Enter sends, Shift+Enter (or an IME composition) adds a line. */
function sendOnEnter(e: KeyboardEvent, send: () => void): void {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
}

/** The Messenger composer; `unhandled` shows the note that the page did not take the send. */
export function renderComposer(s: {
  t: T;
  text: string;
  unhandled: boolean;
  onInput: (text: string) => void;
  onSend: () => void;
}): TemplateResult {
  return html`<div class="composer" part="composer">
    ${
      s.unhandled
        ? html`<p class="warn" role="status" part="send-unhandled">${s.t('sendUnhandled')}</p>`
        : nothing
    }
    <div class="compose-row">
      <textarea
        rows="1"
        .value=${live(s.text)}
        placeholder=${s.t('composer')}
        aria-label=${s.t('composer')}
        @input=${(e: InputEvent) => s.onInput((e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => sendOnEnter(e, s.onSend)}
      ></textarea>
      <button class="primary" part="send" ?disabled=${!s.text.trim()} @click=${s.onSend}>
        ${icon('send')}${s.t('send')}
      </button>
    </div>
  </div>`;
}

/** The reply box under a comment. */
export function renderReplyBox(s: {
  t: T;
  text: string;
  busy: boolean;
  error: boolean;
  onInput: (text: string) => void;
  onSubmit: () => void;
}): TemplateResult {
  return html`<div class="reply-box">
    <input
      .value=${live(s.text)}
      placeholder=${s.t('replyTo')}
      aria-label=${s.t('replyTo')}
      ?disabled=${s.busy}
      @input=${(e: InputEvent) => s.onInput((e.target as HTMLInputElement).value)}
      @keydown=${(e: KeyboardEvent) => sendOnEnter(e, s.onSubmit)}
    />
    <button class="primary" ?disabled=${s.busy || !s.text.trim()} @click=${s.onSubmit}>
      ${s.t('reply')}
    </button>
    ${s.error ? html`<span class="error" role="alert">${s.t('replyFailed')}</span>` : nothing}
  </div>`;
}
