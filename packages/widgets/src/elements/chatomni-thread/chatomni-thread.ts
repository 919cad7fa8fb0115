import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ThreadScrollController } from '../../controllers/thread-scroll-controller.js';
import { ChatomniCreateOrderEvent } from '../../events/chatomni-create-order.js';
import { ChatomniInfoEvent } from '../../events/chatomni-info.js';
import { ChatomniMessageTemplateEvent } from '../../events/chatomni-message-template.js';
import { ChatomniOrderCreatedEvent } from '../../events/chatomni-order-created.js';
import { ChatomniSendEvent } from '../../events/chatomni-send.js';
import type { ChatMessage, CustomerInfo, MessageTemplate, OrderRef } from '../../types.js';
import { DEFAULT_AVATAR_TEMPLATE } from '../shared/avatar.js';
import { orderCode } from '../shared/badges.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { threadStyles } from './chatomni-thread.styles.js';
import { renderComposer, renderReplyBox } from './thread-composer.js';
import { renderHeader, renderInfo, renderTemplates } from './thread-header.js';
import { renderThreadBody } from './thread-body.js';

/**
 * The open conversation of a session (or the one named by `conversation-id`): Messenger
 * messages and comments with their posts and replies, attachments, the seed's buttons
 * ("Tạo đơn hàng", "Thông tin", "Tin nhắn"), replying to and hiding comments, and a
 * composer whose sending the page handles (`chatomni-send`). Hidden comments stay in the log,
 * dimmed, with an "Đã ẩn" label and a button to show them again.
 *
 * @summary One conversation: messages, comments, order and customer actions.
 * @fires {ChatomniCreateOrderEvent} chatomni-create-order - "Tạo đơn hàng" pressed; cancelable.
 * @fires {ChatomniOrderCreatedEvent} chatomni-order-created - The element created an order.
 * @fires {ChatomniInfoEvent} chatomni-info - The customer info panel loaded.
 * @fires {ChatomniMessageTemplateEvent} chatomni-message-template - A template was picked; cancelable.
 * @fires {ChatomniSendEvent} chatomni-send - The seller sends a Messenger message; cancel to handle it.
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
 * @csspart send-unhandled - The note shown when no page handler took the message.
 * @csspart lightbox - The image dialog.
 * @cssprop [--chatomni-font=system-ui, …] - Font stack.
 * @cssprop [--chatomni-font-size=14px] - Base font size.
 * @cssprop [--chatomni-bg=#fff] - Background.
 * @cssprop [--chatomni-fg=#111827] - Text colour.
 * @cssprop [--chatomni-muted=#5f6673] - Secondary text.
 * @cssprop [--chatomni-border=#e5e7eb] - Borders.
 * @cssprop [--chatomni-hover=#f3f4f6] - Customer bubbles and hover.
 * @cssprop [--chatomni-accent=#2563eb] - Shop bubbles, focus ring, send button.
 * @cssprop [--chatomni-radius=8px] - Outer corner radius.
 * @cssprop [--chatomni-order=#7c3aed] - Order-number badge.
 * @cssprop [--chatomni-success=#15803d] - "Tạo đơn hàng" button.
 * @cssprop [--chatomni-danger=#c81e1e] - Errors.
 */
export class ChatomniThread extends ChatomniElement {
  static override styles = [sharedStyles, threadStyles];

  private readonly scroller = new ThreadScrollController(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.log'),
    snapshot: () => {
      const m = this.thread()?.messages ?? [];
      const last = m[m.length - 1];
      return { key: this.currentId(), first: m[0]?.id, last: last?.id, lastIsOwner: last?.isOwner };
    },
    onNearTop: () => this.loadOlder(),
  });

  /** Show this conversation instead of the session's selected one (and select it). */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId?: string;
  /** Avatar URL template; `{psid}` is replaced. Default: the Facebook profile picture. */
  @property({ attribute: 'avatar-url-template', reflect: true })
  avatarUrlTemplate = DEFAULT_AVATAR_TEMPLATE;
  /** Do not turn http(s) links in messages into anchors. Default off (links are clickable). */
  @property({ type: Boolean, attribute: 'no-linkify', reflect: true }) noLinkify = false;

  @state() private draft = '';
  @state() private sendUnhandled = false;
  @state() private panel: 'info' | 'templates' | null = null;
  @state() private info: CustomerInfo | 'loading' | 'error' = 'loading';
  @state() private templates: readonly MessageTemplate[] | 'loading' | 'error' = 'loading';
  @state() private creating = false;
  @state() private created: { id: string; order: OrderRef } | null = null;
  @state() private banner: { ok: boolean; text: string } | null = null;
  @state() private replyTo: string | null = null;
  @state() private replyText = '';
  @state() private replyError = false;
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private lightbox: string | null = null;

  private shownId: string | null = null;
  private requestedId: string | null = null;
  private abort?: AbortController;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const s = this.chatSession;
    if ((changed.has('conversationId') || changed.has('session')) && this.conversationId) {
      s.select(this.conversationId);
    }
    const id = this.currentId();
    if (id !== this.shownId) this.reset(id);
    // A conversation named before the list arrived: load its thread once it is known.
    if (id && id !== this.requestedId && s.store.getConversation(id) && !s.store.getThread(id)) {
      this.requestedId = id;
      s.reloadThread(id).catch(() => undefined);
    }
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private async handleCreateOrder(): Promise<void> {
    const id = this.currentId();
    const conversation = id && this.chatSession.store.getConversation(id);
    if (!id || !conversation) return;
    const event = new ChatomniCreateOrderEvent({ conversationId: id, conversation });
    if (!this.dispatchEvent(event)) return;
    this.creating = true;
    this.banner = null;
    // Live selling: the order comes from the customer's latest comment, when there is one.
    const comment = [...(this.thread()?.messages ?? [])]
      .reverse()
      .find((m) => m.kind === 'comment' && !m.isOwner);
    try {
      const order = await this.chatSession.createOrder(id, {
        commentId: comment?.commentId,
        postId: comment?.post?.id,
      });
      if (this.currentId() !== id) return;
      this.created = { id, order };
      this.banner = { ok: true, text: this.t('orderCreated', orderCode(order)) };
      this.dispatchEvent(new ChatomniOrderCreatedEvent({ conversationId: id, order }));
    } catch {
      if (this.currentId() === id) this.banner = { ok: false, text: this.t('orderFailed') };
    } finally {
      this.creating = false;
    }
  }

  private async handleInfo(): Promise<void> {
    const id = this.currentId();
    if (this.panel === 'info' || !id) return void (this.panel = null);
    this.panel = 'info';
    this.info = 'loading';
    const signal = this.newSignal();
    try {
      const info = await this.chatSession.getCustomerInfo(id, signal);
      if (signal.aborted) return;
      this.info = info;
      this.dispatchEvent(new ChatomniInfoEvent({ conversationId: id, info }));
    } catch {
      if (!signal.aborted) this.info = 'error';
    }
  }

  private async handleTemplates(): Promise<void> {
    if (this.panel === 'templates') return void (this.panel = null);
    this.panel = 'templates';
    if (Array.isArray(this.templates)) return;
    this.templates = 'loading';
    const signal = this.newSignal();
    try {
      this.templates = await this.chatSession.getTemplates(signal);
    } catch {
      if (!signal.aborted) this.templates = 'error';
    }
  }

  private handlePick(template: MessageTemplate): void {
    const id = this.currentId();
    if (!id) return;
    this.panel = null;
    if (this.dispatchEvent(new ChatomniMessageTemplateEvent({ conversationId: id, template }))) {
      this.draft = template.body;
      this.sendUnhandled = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector('textarea')?.focus());
    }
  }

  private handleSend(): void {
    const id = this.currentId();
    const text = this.draft.trim();
    if (!id || !text) return;
    const handled = !this.dispatchEvent(new ChatomniSendEvent({ conversationId: id, text }));
    this.sendUnhandled = !handled;
    if (handled) this.draft = '';
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
      this.banner = { ok: false, text: this.t('actionFailed') };
    } finally {
      this.setBusy(m.id, false);
    }
  }

  private thread() {
    const id = this.currentId();
    return id ? this.chatSession.store.getThread(id) : undefined;
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
    this.abort?.abort();
    Object.assign(this, { draft: '', sendUnhandled: false, panel: null, banner: null });
    Object.assign(this, { replyTo: null, replyText: '', replyError: false, lightbox: null });
  }

  private newSignal(): AbortSignal {
    this.abort?.abort();
    this.abort = new AbortController();
    return this.abort.signal;
  }

  private setBusy(id: string, on: boolean): void {
    const next = new Set(this.busy);
    if (on) next.add(id);
    else next.delete(id);
    this.busy = next;
  }

  private renderPanel(): TemplateResult | typeof nothing {
    if (!this.panel) return nothing;
    const s = this.chatSession;
    return html`<section id="panel" class="panel" part="panel">
      ${
        this.panel === 'info'
          ? renderInfo(this.info, {
              t: (k, ...a) => this.t(k, ...a),
              lang: this.locale.lang,
              statusColor: (x) => s.partnerStatusColor(x),
              orderColor: (x) => s.orderStatusColor(x),
            })
          : renderTemplates(
              this.templates,
              (k) => this.t(k),
              (tpl) => this.handlePick(tpl),
            )
      }
    </section>`;
  }

  override render(): TemplateResult {
    const s = this.chatSession;
    const id = this.currentId();
    const c = id ? s.store.getConversation(id) : undefined;
    if (!id || !c) return html`<p class="note" part="empty">${this.t('chooseConversation')}</p>`;
    const created = this.created?.id === id ? this.created.order : undefined;
    return html`${renderHeader(c, {
      t: (k, ...a) => this.t(k, ...a),
      avatarTemplate: this.avatarUrlTemplate || DEFAULT_AVATAR_TEMPLATE,
      statusColor: (x) => s.partnerStatusColor(x),
      order: created ?? c.orders[0],
      creating: this.creating,
      panel: this.panel,
      onCreateOrder: () => void this.handleCreateOrder(),
      onInfo: () => void this.handleInfo(),
      onTemplates: () => void this.handleTemplates(),
    })}
    ${this.renderPanel()}
    ${
      this.banner
        ? html`<div class="banner ${this.banner.ok ? 'ok' : 'error'}" role="status" part="banner">
            <span>${this.banner.text}</span>
            <button class="link" @click=${() => (this.banner = null)}>${this.t('close')}</button>
          </div>`
        : nothing
    }
    ${renderThreadBody(this.thread(), {
      lang: this.locale.lang,
      t: (k, ...a) => this.t(k, ...a),
      now: Date.now(),
      linkify: !this.noLinkify,
      busy: this.busy,
      newBelow: this.scroller.newBelow,
      onNewBelow: () => this.scroller.scrollToBottom(),
      onRetry: () => void s.reloadThread(id).catch(() => undefined),
      onReply: (m) => ([this.replyTo, this.replyText, this.replyError] = [m.id, '', false]),
      onHide: (m) => void this.handleHide(m),
      onImage: (url) => (this.lightbox = url),
      replyBox: (m) =>
        m.id === this.replyTo
          ? renderReplyBox({
              t: (k) => this.t(k),
              text: this.replyText,
              busy: this.busy.has(m.id),
              error: this.replyError,
              onInput: (text) => (this.replyText = text),
              onSubmit: () => void this.handleReply(),
            })
          : nothing,
    })}
    ${renderComposer({
      t: (k) => this.t(k),
      text: this.draft,
      unhandled: this.sendUnhandled,
      onInput: (text) => ([this.draft, this.sendUnhandled] = [text, false]),
      onSend: () => this.handleSend(),
    })}
    ${
      this.lightbox
        ? html`<dialog
            part="lightbox"
            aria-label=${this.t('image')}
            @close=${() => (this.lightbox = null)}
          >
            <img src=${this.lightbox} alt=${this.t('image')} />
            <form method="dialog"><button class="primary">${this.t('close')}</button></form>
          </dialog>`
        : nothing
    }`;
  }
}

if (!customElements.get('chatomni-thread'))
  customElements.define('chatomni-thread', ChatomniThread);

declare global {
  interface HTMLElementTagNameMap {
    'chatomni-thread': ChatomniThread;
  }
}
