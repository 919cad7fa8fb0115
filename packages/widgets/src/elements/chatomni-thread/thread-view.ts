import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ComposerController } from '../../controllers/composer-controller.js';
import { CustomerActionsController } from '../../controllers/customer-actions-controller.js';
import type { ShortcutHandlers } from '../../controllers/shortcuts-controller.js';
import { ThreadScrollController } from '../../controllers/thread-scroll-controller.js';
import { addMessages, type Lang, type MessageKey } from '../../i18n/i18n.js';
import { sendEn, sendVi } from '../../i18n/send-messages.js';
import { threadEn, threadVi } from '../../i18n/thread-messages.js';
import type { ChatMessage, Conversation } from '../../model/index.js';
import * as outbox from '../../session/outbox.js';
import { provideOutbox } from '../../session/sending.js';
import type { ChatSession } from '../../session/session.js';
import { orderCode } from '../shared/badges.js';
import { addIcons } from '../shared/icons.js';
import { addStyles, type StyledHost } from '../shared/lazy.js';
import { moreIcons } from '../shared/more-icons.js';
import { trapFocus } from '../shared/shortcuts-dialog.js';
import { threadStyles } from './chatomni-thread.styles.js';
import { sendStyles } from './thread-send.styles.js';
import { renderComposer, renderPrivateReplyBox, renderReplyBox } from './thread-composer.js';
import { renderHeader, renderPanel } from './thread-header.js';
import { renderThreadBody } from './thread-body.js';
import { renderSendStatus, type OutboxContext } from './thread-outbox.js';

addMessages({ vi: { ...threadVi, ...sendVi }, en: { ...threadEn, ...sendEn } });
addIcons(moreIcons);
// What sends comes with the view, so that the first send shows at once.
provideOutbox(outbox);

type T = (key: MessageKey, ...args: (string | number)[]) => string;

/** The `<chatomni-thread>` a view renders into. */
export interface ThreadHost extends StyledHost {
  readonly chatSession: ChatSession;
}

/** What the view reads from its element, each time it renders. */
export interface ThreadViewOptions {
  /** The conversation shown. */
  id: () => string | null;
  t: T;
  lang: () => Lang;
  /** Avatar URL template (`{psid}`). */
  avatarTemplate: () => string;
  /** Turn links in messages into anchors. */
  linkify: () => boolean;
}

/** The view's own state: the comment reply box, comments being changed, the lightbox. */
interface ViewState {
  /** The comment whose reply box is open. */
  replyTo: string | null;
  replyText: string;
  replyError: boolean;
  /** Comments being replied to or hidden. */
  busy: ReadonlySet<string>;
  /** The image shown large. */
  lightbox: string | null;
}

/**
 * What `<chatomni-thread>` shows of an open conversation, loaded with the first conversation
 * it shows (or when the page is idle after the inbox's first rows): the header and its
 * buttons, the info and templates panel, the order flow, the messages with their replies and
 * "Nhắn riêng", the composer and the outbox, the image lightbox, and their styles and texts.
 * Its state lives here; the element keeps its properties, the selection and the shortcuts.
 */
export class ThreadView implements ReactiveController {
  private state: ViewState = {
    replyTo: null,
    replyText: '',
    replyError: false,
    busy: new Set(),
    lightbox: null,
  };

  private readonly scroller: ThreadScrollController;
  private readonly actions: CustomerActionsController;
  private readonly composer: ComposerController;

  constructor(
    private readonly host: ThreadHost,
    private readonly options: ThreadViewOptions,
  ) {
    addStyles(host, threadStyles, sendStyles);
    const id = options.id;
    const session = () => host.chatSession;
    this.scroller = new ThreadScrollController(host, {
      scroller: () => host.renderRoot.querySelector<HTMLElement>('.log'),
      snapshot: () => {
        const current = id();
        const m = (current && session().thread(current)?.messages) || [];
        const out = current ? session().sending.outgoing(current).at(-1) : undefined;
        const last = m[m.length - 1];
        if (out) return { key: current, first: m[0]?.id, last: out.id, lastIsOwner: true };
        return { key: current, first: m[0]?.id, last: last?.id, lastIsOwner: last?.isOwner };
      },
      onNearTop: () => this.loadOlder(),
    });
    this.actions = new CustomerActionsController(host, {
      session,
      conversationId: id,
      createdText: (order) =>
        order.code ? options.t('orderCreated', orderCode(order)) : options.t('orderCreatedNoCode'),
      failedText: (action) => options.t(action === 'order' ? 'orderFailed' : 'actionFailed'),
      onTemplate: (template) => {
        this.composer.fill(template.body);
        void host.updateComplete.then(() => host.renderRoot.querySelector('textarea')?.focus());
      },
    });
    this.composer = new ComposerController(host, {
      session,
      conversationId: id,
      onSent: () => this.scroller.scrollToBottom(),
    });
    host.addController(this);
  }

  hostUpdated(): void {
    const lightbox = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.lightbox');
    if (lightbox && !lightbox.open) lightbox.showModal();
  }

  /** Another conversation: panels, banner, reply boxes and the lightbox close. */
  reset(): void {
    this.actions.reset();
    this.set({ lightbox: null, replyTo: null, replyText: '', replyError: false });
  }

  /** T, I, R and Esc while a conversation is shown. */
  handlers(): ShortcutHandlers {
    const composer = () => this.host.renderRoot.querySelector('textarea');
    return {
      templates: () => this.openPanel('templates'),
      info: () => this.openPanel('info'),
      compose: () => (composer()?.focus(), !!composer()),
      close: () => this.closePanel(),
    };
  }

  private set(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }

  private async handleReply(): Promise<void> {
    const target = this.state.replyTo;
    const text = this.state.replyText.trim();
    if (!target || !text) return;
    this.setBusy(target, true);
    this.set({ replyError: false });
    try {
      await this.host.chatSession.replyComment(target, text);
      if (this.state.replyTo === target) this.set({ replyTo: null, replyText: '' });
    } catch {
      this.set({ replyError: true });
    } finally {
      this.setBusy(target, false);
    }
  }

  private async handleHide(m: ChatMessage): Promise<void> {
    this.setBusy(m.id, true);
    try {
      await this.host.chatSession.hideComment(m.id, !m.isHidden);
    } catch {
      this.actions.fail('action');
    } finally {
      this.setBusy(m.id, false);
    }
  }

  /** The order this element created (as the store knows it now), else the newest one. */
  private shownOrder(id: string) {
    const c = this.host.chatSession.conversation(id);
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
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>('.panel')?.focus(),
    );
    return true;
  }

  /** Closes the open panel and gives the focus to the button that opens it. */
  private closePanel(): boolean {
    const panel = this.actions.state.panel;
    if (!panel) return false;
    this.actions.closePanel();
    const part = panel === 'info' ? 'info-button' : 'templates-button';
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus(),
    );
    return true;
  }

  private loadOlder(): void {
    const id = this.options.id();
    const t = id ? this.host.chatSession.thread(id) : undefined;
    if (id && t?.hasOlder && !t.loadingOlder && !t.loading) {
      this.host.chatSession.loadOlder(id).catch(() => undefined);
    }
  }

  private setBusy(id: string, on: boolean): void {
    const next = new Set(this.state.busy);
    if (on) next.add(id);
    else next.delete(id);
    this.set({ busy: next });
  }

  private bodyContext(id: string): Parameters<typeof renderThreadBody>[1] {
    const s = this.host.chatSession;
    const t = this.options.t;
    const outbox: OutboxContext = {
      t,
      onRetry: (out) => s.sending.retry(out.id),
      onDiscard: (out) => s.sending.discard(out.id),
      onImage: (url) => this.set({ lightbox: url }),
    };
    const privateBox = this.composer.privateReply;
    return {
      lang: this.options.lang(),
      t,
      now: Date.now(),
      linkify: this.options.linkify(),
      busy: this.state.busy,
      newBelow: this.scroller.newBelow,
      onNewBelow: () => this.scroller.scrollToBottom(),
      onRetry: () => void s.reloadThread(id).catch(() => undefined),
      onReply: (m) => {
        this.set({ replyTo: m.id, replyText: '', replyError: false });
        this.composer.closePrivateReply();
      },
      onHide: (m) => void this.handleHide(m),
      onImage: outbox.onImage,
      privateReply: (m) => s.sending.privateReplyState(m),
      onPrivateReply: (m) => {
        this.set({ replyTo: null });
        this.composer.togglePrivateReply(m);
      },
      sentAs: (messageId) => s.sending.sentAs(messageId),
      sendStatus: (out) => renderSendStatus(out, outbox),
      outgoing: s.sending.outgoing(id),
      outbox,
      boxesUnder: [this.state.replyTo, privateBox?.messageId].filter((x) => x != null),
      replyBox: (m) =>
        html`${
          m.id === this.state.replyTo
            ? renderReplyBox({
                t,
                text: this.state.replyText,
                busy: this.state.busy.has(m.id),
                error: this.state.replyError,
                onInput: (text) => this.set({ replyText: text }),
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

  /** The conversation `c` (id `id`): header, panel, banner, messages, composer, lightbox. */
  render(id: string, c: Conversation): TemplateResult {
    const s = this.host.chatSession;
    const t = this.options.t;
    const { banner, creating, panel } = this.actions.state;
    return html`${renderHeader(c, {
        t,
        avatarTemplate: this.options.avatarTemplate(),
        statusColor: (x) => s.partnerStatusColor(x),
        order: this.shownOrder(id),
        creating,
        panel,
        onCreateOrder: () => void this.actions.createOrder(),
        onInfo: () => void this.actions.toggleInfo(),
        onTemplates: () => void this.actions.toggleTemplates(),
      })}
      <div class="body">
        ${renderPanel(this.actions.state, {
          t,
          lang: this.options.lang(),
          statusColor: (x) => s.partnerStatusColor(x),
          orderColor: (x) => s.orderStatusColor(x),
          onPick: (tpl) => this.actions.pick(tpl),
          onClose: () => this.closePanel(),
        })}
        ${
          banner
            ? html`<div class="banner ${banner.ok ? 'ok' : 'error'}" role="status" part="banner">
                <span>${banner.text}</span>
                <button class="link" @click=${() => this.actions.closeBanner()}>
                  ${t('close')}
                </button>
              </div>`
            : nothing
        }
        ${renderThreadBody(s.thread(id), this.bodyContext(id))}
        ${renderComposer({
          t,
          lang: this.options.lang(),
          text: this.composer.text,
          image: this.composer.image,
          length: this.composer.length,
          canSend: this.composer.canSend,
          error: this.composer.error,
          onInput: (text) => {
            this.composer.input(text);
            this.host.requestUpdate();
          },
          onFile: (file) => void this.composer.attach(file),
          onRemoveImage: () => this.composer.removeImage(),
          onSend: () => void this.composer.send(),
        })}
      </div>
      ${
        this.state.lightbox
          ? html`<dialog
              class="lightbox"
              part="lightbox"
              aria-label=${t('image')}
              @keydown=${trapFocus}
              @close=${() => this.set({ lightbox: null })}
            >
              <img src=${this.state.lightbox} alt=${t('image')} />
              <form method="dialog"><button class="primary">${t('close')}</button></form>
            </dialog>`
          : nothing
      }`;
  }
}
