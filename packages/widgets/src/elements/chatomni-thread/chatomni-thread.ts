import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ComposerController } from '../../controllers/composer-controller.js';
import { CustomerActionsController } from '../../controllers/customer-actions-controller.js';
import type { ShortcutHandlers } from '../../controllers/shortcuts-controller.js';
import { ThreadScrollController } from '../../controllers/thread-scroll-controller.js';
import type { ChatMessage } from '../../model/index.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { DEFAULT_AVATAR_TEMPLATE } from '../shared/avatar.js';
import { orderCode } from '../shared/badges.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { trapFocus } from '../shared/shortcuts-dialog.js';
import { shortcutsDialogStyles } from '../shared/shortcuts-dialog.styles.js';
import { threadStyles } from './chatomni-thread.styles.js';
import { sendStyles } from './thread-send.styles.js';
import { renderComposer, renderPrivateReplyBox, renderReplyBox } from './thread-composer.js';
import { renderHeader, renderPanel } from './thread-header.js';
import { renderThreadBody } from './thread-body.js';
import { renderSendStatus, type OutboxContext } from './thread-outbox.js';

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
 * the messages.
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
 */
export class ChatomniThread extends ChatomniElement {
  static override styles = [sharedStyles, shortcutsDialogStyles, threadStyles, sendStyles];

  private readonly scroller = new ThreadScrollController(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.log'),
    snapshot: () => {
      const m = this.thread()?.messages ?? [];
      const id = this.currentId();
      const out = id ? this.chatSession.sending.outgoing(id).at(-1) : undefined;
      const last = m[m.length - 1];
      if (out) return { key: id, first: m[0]?.id, last: out.id, lastIsOwner: true };
      return { key: id, first: m[0]?.id, last: last?.id, lastIsOwner: last?.isOwner };
    },
    onNearTop: () => this.loadOlder(),
  });

  private readonly actions = new CustomerActionsController(this, {
    session: () => this.chatSession,
    conversationId: () => this.currentId(),
    createdText: (order) =>
      order.code ? this.t('orderCreated', orderCode(order)) : this.t('orderCreatedNoCode'),
    failedText: (action) => this.t(action === 'order' ? 'orderFailed' : 'actionFailed'),
    onTemplate: (template) => {
      this.composer.fill(template.body);
      void this.updateComplete.then(() => this.renderRoot.querySelector('textarea')?.focus());
    },
  });

  private readonly composer = new ComposerController(this, {
    session: () => this.chatSession,
    conversationId: () => this.currentId(),
    onSent: () => this.scroller.scrollToBottom(),
  });

  /** Show this conversation instead of the session's selected one (and select it). */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId?: string;
  /** Avatar URL template; `{psid}` is replaced. Default: the Facebook profile picture. */
  @property({ attribute: 'avatar-url-template', reflect: true })
  avatarUrlTemplate = DEFAULT_AVATAR_TEMPLATE;
  /** Do not turn http(s) links in messages into anchors. Default off (links are clickable). */
  @property({ type: Boolean, attribute: 'no-linkify', reflect: true }) noLinkify = false;

  @state() private replyTo: string | null = null;
  @state() private replyText = '';
  @state() private replyError = false;
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private lightbox: string | null = null;

  private shownId: string | null = null;
  private requestedId: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const s = this.chatSession;
    if ((changed.has('conversationId') || changed.has('session')) && this.conversationId) {
      s.select(this.conversationId);
    }
    const id = this.currentId();
    if (id !== this.shownId) this.reset(id);
    // A conversation named before the list arrived: load its thread once it is known.
    if (id && id !== this.requestedId && s.conversation(id) && !s.thread(id)) {
      this.requestedId = id;
      s.reloadThread(id).catch(() => undefined);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const lightbox = this.renderRoot.querySelector<HTMLDialogElement>('dialog.lightbox');
    if (lightbox && !lightbox.open) lightbox.showModal();
  }

  protected override shortcutHandlers(): ShortcutHandlers {
    const id = this.currentId();
    if (!id || !this.chatSession.conversation(id)) return {};
    const composer = () => this.renderRoot.querySelector('textarea');
    return {
      templates: () => this.openPanel('templates'),
      info: () => this.openPanel('info'),
      compose: () => (composer()?.focus(), !!composer()),
      close: () => this.closePanel(),
    };
  }

  private async handleReply(): Promise<void> {
    const target = this.replyTo;
    const text = this.replyText.trim();
    if (!target || !text) return;
    this.setBusy(target, true);
    this.replyError = false;
    try {
      await this.chatSession.replyComment(target, text);
      if (this.replyTo === target) [this.replyTo, this.replyText] = [null, ''];
    } catch {
      this.replyError = true;
    } finally {
      this.setBusy(target, false);
    }
  }

  private async handleHide(m: ChatMessage): Promise<void> {
    this.setBusy(m.id, true);
    try {
      await this.chatSession.hideComment(m.id, !m.isHidden);
    } catch {
      this.actions.fail('action');
    } finally {
      this.setBusy(m.id, false);
    }
  }

  /** The order this element created (as the store knows it now), else the newest one. */
  private shownOrder(id: string) {
    const c = this.chatSession.conversation(id);
    const created = this.actions.createdOrder(id);
    return (
      (created && c?.orders.find((o) => o.id === created.id && o.code)) ?? created ?? c?.orders[0]
    );
  }

  /** Opens a panel from the keyboard (or keeps it open) and moves the focus into it. */
  private openPanel(panel: 'info' | 'templates'): boolean {
    if (this.actions.state.panel !== panel) {
      void (panel === 'info' ? this.actions.toggleInfo() : this.actions.toggleTemplates());
    }
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.panel')?.focus(),
    );
    return true;
  }

  /** Closes the open panel and gives the focus to the button that opens it. */
  private closePanel(): boolean {
    const panel = this.actions.state.panel;
    if (!panel) return false;
    this.actions.closePanel();
    const part = panel === 'info' ? 'info-button' : 'templates-button';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus(),
    );
    return true;
  }

  private thread() {
    const id = this.currentId();
    return id ? this.chatSession.thread(id) : undefined;
  }

  private currentId(): string | null {
    return this.conversationId || this.chatSession.selectedId;
  }

  private loadOlder(): void {
    const id = this.currentId();
    const t = this.thread();
    if (id && t?.hasOlder && !t.loadingOlder && !t.loading) {
      this.chatSession.loadOlder(id).catch(() => undefined);
    }
  }

  private reset(id: string | null): void {
    this.shownId = id;
    this.actions.reset();
    this.lightbox = null;
    Object.assign(this, { replyTo: null, replyText: '', replyError: false });
  }

  private setBusy(id: string, on: boolean): void {
    const next = new Set(this.busy);
    if (on) next.add(id);
    else next.delete(id);
    this.busy = next;
  }

  private bodyContext(id: string): Parameters<typeof renderThreadBody>[1] {
    const s = this.chatSession;
    const t = (k: MessageKey, ...a: (string | number)[]) => this.t(k, ...a);
    const outbox: OutboxContext = {
      t,
      onRetry: (out) => s.sending.retry(out.id),
      onDiscard: (out) => s.sending.discard(out.id),
      onImage: (url) => (this.lightbox = url),
    };
    const privateBox = this.composer.privateReply;
    return {
      lang: this.locale.lang,
      t,
      now: Date.now(),
      linkify: !this.noLinkify,
      busy: this.busy,
      newBelow: this.scroller.newBelow,
      onNewBelow: () => this.scroller.scrollToBottom(),
      onRetry: () => void s.reloadThread(id).catch(() => undefined),
      onReply: (m) => {
        [this.replyTo, this.replyText, this.replyError] = [m.id, '', false];
        this.composer.closePrivateReply();
      },
      onHide: (m) => void this.handleHide(m),
      onImage: outbox.onImage,
      privateReply: (m) => s.sending.privateReplyState(m),
      onPrivateReply: (m) => {
        this.replyTo = null;
        this.composer.togglePrivateReply(m);
      },
      sentAs: (messageId) => s.sending.sentAs(messageId),
      sendStatus: (out) => renderSendStatus(out, outbox),
      outgoing: s.sending.outgoing(id),
      outbox,
      replyBox: (m) =>
        html`${
          m.id === this.replyTo
            ? renderReplyBox({
                t,
                text: this.replyText,
                busy: this.busy.has(m.id),
                error: this.replyError,
                onInput: (text) => (this.replyText = text),
                onSubmit: () => void this.handleReply(),
              })
            : nothing
        }${
          m.id === privateBox?.messageId
            ? renderPrivateReplyBox({
                t,
                text: privateBox.text,
                error: privateBox.error,
                onInput: (text) => this.composer.privateInput(text),
                onSubmit: () => this.composer.sendPrivateReply(),
              })
            : nothing
        }`,
    };
  }

  private renderPanel(): TemplateResult | typeof nothing {
    const s = this.chatSession;
    return renderPanel(this.actions.state, {
      t: (k, ...a) => this.t(k, ...a),
      lang: this.locale.lang,
      statusColor: (x) => s.partnerStatusColor(x),
      orderColor: (x) => s.orderStatusColor(x),
      onPick: (tpl) => this.actions.pick(tpl),
      onClose: () => this.closePanel(),
    });
  }

  override render(): TemplateResult {
    const s = this.chatSession;
    const id = this.currentId();
    const c = id ? s.conversation(id) : undefined;
    if (!id || !c) return html`<p class="note" part="empty">${this.t('chooseConversation')}</p>`;
    const { banner, creating, panel } = this.actions.state;
    return html`${renderHeader(c, {
        t: (k, ...a) => this.t(k, ...a),
        avatarTemplate: this.avatarUrlTemplate || DEFAULT_AVATAR_TEMPLATE,
        statusColor: (x) => s.partnerStatusColor(x),
        order: this.shownOrder(id),
        creating,
        panel,
        onCreateOrder: () => void this.actions.createOrder(),
        onInfo: () => void this.actions.toggleInfo(),
        onTemplates: () => void this.actions.toggleTemplates(),
      })}
      <div class="body">
        ${this.renderPanel()}
        ${
          banner
            ? html`<div class="banner ${banner.ok ? 'ok' : 'error'}" role="status" part="banner">
                <span>${banner.text}</span>
                <button class="link" @click=${() => this.actions.closeBanner()}>
                  ${this.t('close')}
                </button>
              </div>`
            : nothing
        }
        ${renderThreadBody(this.thread(), this.bodyContext(id))}
        ${renderComposer({
          t: (k, ...a) => this.t(k, ...a),
          lang: this.locale.lang,
          text: this.composer.text,
          image: this.composer.image,
          length: this.composer.length,
          canSend: this.composer.canSend,
          error: this.composer.error,
          onInput: (text) => {
            this.composer.input(text);
            this.requestUpdate();
          },
          onFile: (file) => void this.composer.attach(file),
          onRemoveImage: () => this.composer.removeImage(),
          onSend: () => void this.composer.send(),
        })}
      </div>
      ${
        this.lightbox
          ? html`<dialog
              class="lightbox"
              part="lightbox"
              aria-label=${this.t('image')}
              @keydown=${trapFocus}
              @close=${() => (this.lightbox = null)}
            >
              <img src=${this.lightbox} alt=${this.t('image')} />
              <form method="dialog"><button class="primary">${this.t('close')}</button></form>
            </dialog>`
          : nothing
      }
      ${this.renderShortcutsHelp()}`;
  }
}

if (!customElements.get('chatomni-thread'))
  customElements.define('chatomni-thread', ChatomniThread);

declare global {
  interface HTMLElementTagNameMap {
    'chatomni-thread': ChatomniThread;
  }
}
