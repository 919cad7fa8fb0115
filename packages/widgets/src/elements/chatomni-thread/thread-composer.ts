import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Lang, MessageKey } from '../../i18n/i18n.js';
import { MAX_SEND_TEXT, SEND_IMAGE_TYPES, type SendErrorCode } from '../../model/index.js';
import type { DraftImage } from '../../session/sending.js';
import { icon } from '../shared/icons.js';
import { sendReason } from './thread-outbox.js';

type T = (key: MessageKey, ...args: (string | number)[]) => string;

/** The counter shows from this many characters on (90 % of the limit). */
const COUNTER_FROM = Math.floor(MAX_SEND_TEXT * 0.9);

/** Enter sends, Shift+Enter (or an IME composition) adds a line. */
function sendOnEnter(e: KeyboardEvent, send: () => void): void {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
}

/** The first file of a paste or drop, if any. */
function fileOf(data: DataTransfer | null): File | undefined {
  for (const item of data?.items ?? []) {
    if (item.kind === 'file') return item.getAsFile() ?? undefined;
  }
  return data?.files[0];
}

/** "1.850/2.000 ký tự" near and over the limit; nothing below 90 %. */
function renderCounter(t: T, lang: Lang, length: number): TemplateResult | typeof nothing {
  if (length < COUNTER_FROM) return nothing;
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US');
  const over = length > MAX_SEND_TEXT;
  return html`<span class="counter ${over ? 'error' : ''}" part="counter" aria-live="polite"
    >${t('textCounter', n.format(length), n.format(MAX_SEND_TEXT))}</span
  >`;
}

/** What the composer shows and does. */
export interface ComposerView {
  t: T;
  lang: Lang;
  text: string;
  image?: DraftImage;
  /** Characters (code points) of the trimmed text. */
  length: number;
  canSend: boolean;
  error: SendErrorCode | null;
  onInput: (text: string) => void;
  onFile: (file: File) => void;
  onRemoveImage: () => void;
  onSend: () => void;
}

/**
 * The Messenger composer: a text area (Enter sends), an attach button and paste or drop for an
 * image (previewed before sending), the character counter near the limit and the reason a file
 * or text was refused.
 */
export function renderComposer(v: ComposerView): TemplateResult {
  const paste = (e: ClipboardEvent) => {
    const file = fileOf(e.clipboardData);
    if (!file) return;
    e.preventDefault();
    v.onFile(file);
  };
  const drop = (e: DragEvent) => {
    const file = fileOf(e.dataTransfer);
    if (!file) return;
    e.preventDefault();
    v.onFile(file);
  };
  const picked = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) v.onFile(file);
  };
  const over = v.length > MAX_SEND_TEXT;
  return html`<div
    class="composer"
    part="composer"
    @dragover=${(e: DragEvent) => e.preventDefault()}
    @drop=${drop}
  >
    ${
      v.error
        ? html`<p class="composer-error error" role="alert" part="composer-error">
            ${sendReason(v.t, v.error)}
          </p>`
        : nothing
    }
    ${
      v.image
        ? html`<figure class="attachment" part="attachment">
            <img src=${v.image.previewUrl} alt=${`${v.t('imageToSend')}: ${v.image.name}`} />
            <button
              class="remove-image"
              part="remove-image"
              aria-label=${v.t('removeImage')}
              title=${v.t('removeImage')}
              @click=${v.onRemoveImage}
            >
              ×
            </button>
          </figure>`
        : nothing
    }
    <div class="compose-row">
      <label class="attach" part="attach" title=${v.t('attachImage')}>
        ${icon('attach')}<span class="sr">${v.t('attachImage')}</span>
        <input class="sr" type="file" accept=${SEND_IMAGE_TYPES.join(',')} @change=${picked} />
      </label>
      <textarea
        rows="1"
        .value=${live(v.text)}
        placeholder=${v.t('composer')}
        aria-label=${v.t('composer')}
        aria-invalid=${over ? 'true' : 'false'}
        @input=${(e: InputEvent) => v.onInput((e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => sendOnEnter(e, v.onSend)}
        @paste=${paste}
      ></textarea>
      <button class="primary" part="send" ?disabled=${!v.canSend} @click=${v.onSend}>
        ${icon('send')}${v.t('send')}
      </button>
    </div>
    ${renderCounter(v.t, v.lang, v.length)}
  </div>`;
}

/** The reply box under a comment ("Trả lời", a comment reply through TPOS). */
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

/** The "Nhắn riêng" box under a comment: a Messenger message to the commenter. */
export function renderPrivateReplyBox(s: {
  t: T;
  text: string;
  error: SendErrorCode | null;
  onInput: (text: string) => void;
  onSubmit: () => void;
}): TemplateResult {
  return html`<div class="reply-box private" part="private-reply-box">
    <input
      .value=${live(s.text)}
      placeholder=${s.t('privateReplyTo')}
      aria-label=${s.t('privateReplyTo')}
      @input=${(e: InputEvent) => s.onInput((e.target as HTMLInputElement).value)}
      @keydown=${(e: KeyboardEvent) => sendOnEnter(e, s.onSubmit)}
    />
    <button class="primary" ?disabled=${!s.text.trim()} @click=${s.onSubmit}>
      ${s.t('privateReply')}
    </button>
    <p class="hint">${s.t('privateReplyNote')}</p>
    ${s.error ? html`<p class="error" role="alert">${sendReason(s.t, s.error)}</p>` : nothing}
  </div>`;
}
