import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SendError } from '../api/send-error.js';
import { ChatomniSendEvent, type ChatomniSendDetail } from '../events/chatomni-send.js';
import { MAX_SEND_TEXT, type ChatMessage, type SendErrorCode } from '../model/index.js';
import { checkImage } from '../session/image-check.js';
import { newIdempotencyKey, type DraftImage } from '../session/sending.js';
import type { ChatSession } from '../session/session.js';
import { codePoints } from '../util/text.js';

/** Options of {@link ComposerController}. */
export interface ComposerOptions {
  session: () => ChatSession;
  /** The conversation the composer writes to. */
  conversationId: () => string | null;
  /** The seller sent something (the host scrolls to it). */
  onSent: () => void;
}

/** The private-reply box under one comment. */
export interface PrivateReplyBox {
  /** The comment's ChatOmni message id. */
  messageId: string;
  text: string;
  error: SendErrorCode | null;
}

/**
 * The composer of one thread: the draft of the current conversation (text and image, kept in
 * `session.sending.drafts` while the seller switches conversations), images checked when
 * attached or pasted (type and size, before any upload), the 2,000-character limit, and
 * sending: each message fires the cancelable `chatomni-send` and, unless a page took it, is
 * sent by the session. Also the "Nhắn riêng" box under a comment.
 */
export class ComposerController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: ComposerOptions;
  private shownId: string | null = null;
  private _text = '';
  private _image: DraftImage | undefined;
  private _error: SendErrorCode | null = null;
  private _private: PrivateReplyBox | null = null;
  /** Bumped per attach, so that a slow check of an older file cannot win. */
  private attaching = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ComposerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The text being written. */
  get text(): string {
    return this._text;
  }

  /** The image attached, if any. */
  get image(): DraftImage | undefined {
    return this._image;
  }

  /** Why the last attach or send was refused (shown above the composer), or null. */
  get error(): SendErrorCode | null {
    return this._error;
  }

  /** Characters (code points) of the text, as Facebook counts them. */
  get length(): number {
    return codePoints(this._text.trim());
  }

  /** There is something to send, within the limits. */
  get canSend(): boolean {
    return (this._text.trim() !== '' || !!this._image) && this.length <= MAX_SEND_TEXT;
  }

  /** The open "Nhắn riêng" box, or null. */
  get privateReply(): PrivateReplyBox | null {
    return this._private;
  }

  hostUpdate(): void {
    const id = this.options.conversationId();
    if (id === this.shownId) return;
    this.shownId = id;
    const draft = id ? this.options.session().sending.drafts.get(id) : { text: '' };
    [this._text, this._image, this._error, this._private] = [draft.text, draft.image, null, null];
  }

  /** The seller typed. */
  input(text: string): void {
    this._text = text;
    if (this._error === 'text_too_long' || this._error === 'send_in_progress') this._error = null;
    this.save();
  }

  /** A template or the page filled the composer. */
  fill(text: string): void {
    this.input(text);
    this.host.requestUpdate();
  }

  /** Attaches a file after checking it; a refused file shows why and is never uploaded. */
  async attach(file: Blob): Promise<void> {
    const id = this.shownId;
    const turn = ++this.attaching;
    const check = await checkImage(file);
    if (turn !== this.attaching || id !== this.shownId || !id) return;
    if (!check.ok) {
      this._error = check.code;
    } else {
      this._error = null;
      const name = file instanceof File && file.name ? file.name : 'image';
      this._image = { file, name, type: check.type, previewUrl: URL.createObjectURL(file) };
      this.save();
    }
    this.host.requestUpdate();
  }

  /** Removes the attached image. */
  removeImage(): void {
    this._image = undefined;
    this._error = null;
    this.save();
    this.host.requestUpdate();
  }

  /** Sends the image (first) and the text, each its own message. */
  async send(): Promise<void> {
    const id = this.shownId;
    const s = this.options.session();
    const c = id ? s.conversation(id) : undefined;
    if (!id || !c) return;
    const text = this._text.trim();
    if (codePoints(text) > MAX_SEND_TEXT) {
      this._error = 'text_too_long';
      this.host.requestUpdate();
      return;
    }
    const image = this._image;
    if (!text && !image) return;
    // The composer empties at once; what was in it is now an outgoing message.
    s.sending.drafts.take(id);
    [this._text, this._image, this._error] = ['', undefined, null];
    this.host.requestUpdate();
    const base = { conversationId: id, pageId: c.pageId, psid: c.psid };
    if (image) {
      const idempotencyKey = newIdempotencyKey();
      const detail: ChatomniSendDetail = {
        ...base,
        kind: 'image',
        text: '',
        image: image.file,
        fileName: image.name,
        idempotencyKey,
      };
      if (!this.fire(detail)) URL.revokeObjectURL(image.previewUrl);
      else await this.guard(() => s.sending.sendImage(id, image, { idempotencyKey }));
    }
    if (text) {
      const idempotencyKey = newIdempotencyKey();
      if (this.fire({ ...base, kind: 'text', text, idempotencyKey })) {
        await this.guard(() => s.sending.sendText(id, text, { idempotencyKey }));
      }
    }
    this.options.onSent();
  }

  /** Opens (or closes, when open on it) the "Nhắn riêng" box under a comment. */
  togglePrivateReply(m: ChatMessage): void {
    this._private =
      this._private?.messageId === m.id ? null : { messageId: m.id, text: '', error: null };
    this.host.requestUpdate();
  }

  /** Closes the "Nhắn riêng" box (the seller opened another box). */
  closePrivateReply(): void {
    if (!this._private) return;
    this._private = null;
    this.host.requestUpdate();
  }

  privateInput(text: string): void {
    if (!this._private) return;
    this._private = { ...this._private, text, error: null };
    this.host.requestUpdate();
  }

  /** Sends the private reply: fires `chatomni-send`, then (unless taken) the session sends. */
  sendPrivateReply(): void {
    const box = this._private;
    const s = this.options.session();
    const comment = box && s.store.findMessage(box.messageId);
    const c = comment && s.conversation(comment.conversationId);
    const text = box?.text.trim() ?? '';
    if (!box || !comment?.commentId || !c || !text) return;
    if (codePoints(text) > MAX_SEND_TEXT) {
      this._private = { ...box, error: 'text_too_long' };
      this.host.requestUpdate();
      return;
    }
    const idempotencyKey = newIdempotencyKey();
    const detail: ChatomniSendDetail = {
      conversationId: c.id,
      kind: 'private-reply',
      pageId: c.pageId,
      psid: c.psid,
      text,
      commentId: comment.commentId,
      idempotencyKey,
    };
    this._private = null;
    if (this.fire(detail)) {
      s.sending.sendPrivateReply(box.messageId, text, { idempotencyKey }).catch((error) => {
        this._private = { ...box, error: error instanceof SendError ? error.code : 'bad_request' };
        this.host.requestUpdate();
      });
    }
    this.host.requestUpdate();
    this.options.onSent();
  }

  /** Fires `chatomni-send`; true when no listener cancelled it. */
  private fire(detail: ChatomniSendDetail): boolean {
    return this.host.dispatchEvent(new ChatomniSendEvent(detail));
  }

  /** Runs a send; a refusal before sending shows above the composer. */
  private async guard(send: () => unknown): Promise<void> {
    try {
      await send();
    } catch (error) {
      this._error = error instanceof SendError ? error.code : 'bad_request';
      this.host.requestUpdate();
    }
  }

  private save(): void {
    if (!this.shownId) return;
    const draft = this._image ? { text: this._text, image: this._image } : { text: this._text };
    this.options.session().sending.drafts.set(this.shownId, draft);
  }
}
