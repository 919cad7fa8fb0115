import { css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ShortcutHandlers } from '../../controllers/shortcuts-controller.js';
import type { ChatSession } from '../../session/session.js';
import { DEFAULT_AVATAR_TEMPLATE } from '../shared/avatar.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { LazyPart, renderPartError } from '../shared/lazy.js';
import { sharedStyles } from '../shared/shared.styles.js';
import type { ThreadView } from './thread-view.js';

/** What the thread shows of a conversation: its own chunk (see ThreadView). */
const threadView = new LazyPart(() => import('./thread-view.js'));

/**
 * The open conversation of a session (or the one named by `conversation-id`): Messenger
 * messages and comments with their posts and replies, attachments, the seed's buttons
 * ("Tạo đơn hàng", "Thông tin", "Tin nhắn"), replying to, hiding and privately answering
 * comments ("Nhắn riêng"), and a composer that sends Messenger texts and images through the
 * proxy (`chatomni-send` first, which a page may cancel to send by itself). A message sent
 * shows at once as "Đang gửi…", then "Đã gửi", until its echo takes its place; a failure shows
 * why and "Thử lại". Drafts stay with their conversation while the seller switches. Hidden
 * comments stay in the log, dimmed, with an "Đã ẩn" label and a button to show them again.
 * Page-wide shortcuts: T (templates), I (customer info), R (write), Esc (close the panel), ?
 * (the list). It lays itself out for its own width (a container); below 480px the panel covers
 * the messages. What it shows of a conversation is loaded with the first conversation it shows
 * (or when the page is idle after the inbox's first rows): a seller's first load is the list.
 *
 * @summary One conversation: messages, comments, order and customer actions.
 * @fires {ChatomniCreateOrderEvent} chatomni-create-order - "Tạo đơn hàng" pressed; cancelable.
 * @fires {ChatomniOrderCreatedEvent} chatomni-order-created - The element created an order.
 * @fires {ChatomniInfoEvent} chatomni-info - The customer info panel loaded.
 * @fires {ChatomniMessageTemplateEvent} chatomni-message-template - A template was picked; cancelable.
 * @fires {ChatomniSendEvent} chatomni-send - The seller sends a message; cancel to send it yourself.
 * @csspart header - Customer header with the buttons.
 * @csspart avatar - The customer's avatar.
 * @csspart name - The customer's name.
 * @csspart status - Partner status badge.
 * @csspart order-badge - The purple order-number badge.
 * @csspart order-code - The order code.
 * @csspart create-order - "Tạo đơn hàng" button.
 * @csspart info-button - "Thông tin" button.
 * @csspart templates-button - "Tin nhắn" button.
 * @csspart panel - The info or templates panel.
 * @csspart banner - The "Đã tạo đơn …" banner.
 * @csspart log - The scrolling `role="log"` of messages.
 * @csspart message - Each message or comment.
 * @csspart bubble - Each message bubble; also `bubble-shop` or `bubble-customer`.
 * @csspart post - The post or livestream above comments.
 * @csspart new-messages - The "Tin nhắn mới" pill.
 * @csspart composer - The Messenger composer.
 * @csspart send - The send button.
 * @csspart attach - The attach-an-image button.
 * @csspart attachment - The preview of the attached image.
 * @csspart remove-image - The button that removes the attached image.
 * @csspart counter - The character counter near the 2,000-character limit.
 * @csspart composer-error - Why a text or file was refused.
 * @csspart outgoing - A message being sent (also `message`).
 * @csspart send-status - "Đang gửi…", "Đã gửi" or the reason it failed.
 * @csspart send-retry - "Thử lại" (or "Gửi lại") under a failed message.
 * @csspart send-discard - "Bỏ" under a failed message.
 * @csspart private-reply - "Nhắn riêng" under a customer comment.
 * @csspart private-reply-box - The box to write a private reply in.
 * @csspart lightbox - The image dialog.
 * @csspart panel-close - The panel's close button.
 * @csspart shortcuts - The `?` keyboard shortcuts dialog.
 * @csspart load-error - What shows when the conversation view could not be loaded, with "Thử lại".
 */
export class ChatomniThread extends ChatomniElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 360px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        overflow: hidden;
        /* The layout follows the thread's own width (a phone, a narrow column). */
        container-type: inline-size;
      }
    `,
  ];

  /** Show this conversation instead of the session's selected one (and select it). */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId?: string;
  /** Avatar URL template; `{psid}` is replaced. Default: the Facebook profile picture. */
  @property({ attribute: 'avatar-url-template', reflect: true })
  avatarUrlTemplate = DEFAULT_AVATAR_TEMPLATE;
  /** Do not turn http(s) links in messages into anchors. Default off (links are clickable). */
  @property({ type: Boolean, attribute: 'no-linkify', reflect: true }) noLinkify = false;

  private view: ThreadView | null = null;
  private shownId: string | null = null;
  private requestedId: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const s = this.chatSession;
    if ((changed.has('conversationId') || changed.has('session')) && this.conversationId) {
      s.select(this.conversationId);
    }
    const id = this.currentId();
    if (id !== this.shownId) {
      this.shownId = id;
      this.view?.reset();
    }
    // A conversation named before the list arrived: load its thread once it is known.
    if (id && id !== this.requestedId && s.conversation(id) && !s.thread(id)) {
      this.requestedId = id;
      s.reloadThread(id).catch(() => undefined);
    }
    // Made before the controllers' hostUpdate of this update, so the view's take part in it.
    if (id && s.conversation(id)) this.ensureView();
  }

  protected override shortcutHandlers(): ShortcutHandlers {
    const id = this.currentId();
    if (!id || !this.chatSession.conversation(id)) return {};
    return this.view?.handlers() ?? {};
  }

  /**
   * The open conversation, its thread and every change that is not data: a message into
   * another conversation (most of a busy shop's traffic) does not render the thread again.
   */
  protected override sessionInputs(s: ChatSession): readonly unknown[] {
    const id = this.currentId();
    return [s.revision, id, id && s.conversation(id), id && s.thread(id)];
  }

  /** A customer's message shows in the task that brought it, not a busy frame later. */
  protected override sessionEager(): boolean {
    return true;
  }

  private currentId(): string | null {
    return this.conversationId || this.chatSession.selectedId;
  }

  /** Makes the conversation view once its chunk is there (starts loading it before). */
  private ensureView(): void {
    const loaded = this.parts.use(threadView);
    this.view ??= loaded
      ? new loaded.ThreadView(this, {
          id: () => this.currentId(),
          t: (k, ...a) => this.t(k, ...a),
          lang: () => this.locale.lang,
          avatarTemplate: () => this.avatarUrlTemplate || DEFAULT_AVATAR_TEMPLATE,
          linkify: () => !this.noLinkify,
        })
      : null;
  }

  override render(): TemplateResult {
    const id = this.currentId();
    const c = id ? this.chatSession.conversation(id) : undefined;
    if (!id || !c) return html`<p class="note" part="empty">${this.t('chooseConversation')}</p>`;
    const view = this.view;
    const content = view
      ? view.render(id, c)
      : threadView.failed
        ? renderPartError(
            (k) => this.t(k),
            () => this.parts.retry(threadView),
          )
        : html`<p class="note">${this.t('loading')}</p>`;
    return html`${content}${this.renderShortcutsHelp()}`;
  }
}

if (!customElements.get('chatomni-thread'))
  customElements.define('chatomni-thread', ChatomniThread);

declare global {
  interface HTMLElementTagNameMap {
    'chatomni-thread': ChatomniThread;
  }
}
