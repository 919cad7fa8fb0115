import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatomniCreateOrderEvent } from '../events/chatomni-create-order.js';
import { ChatomniInfoEvent } from '../events/chatomni-info.js';
import { ChatomniMessageTemplateEvent } from '../events/chatomni-message-template.js';
import { ChatomniOrderCreatedEvent } from '../events/chatomni-order-created.js';
import type { ChatSession } from '../session/session.js';
import type { CustomerInfo, MessageTemplate, OrderRef } from '../model/index.js';

/** Which panel under the thread header is open. */
export type ActionPanel = 'info' | 'templates' | null;

/** What the header, panel and banner show. */
export interface ActionsState {
  panel: ActionPanel;
  info: CustomerInfo | 'loading' | 'error';
  templates: readonly MessageTemplate[] | 'loading' | 'error';
  /** An order is being created. */
  creating: boolean;
  banner: { ok: boolean; text: string } | null;
}

/** Options of {@link CustomerActionsController}. */
export interface CustomerActionsOptions {
  session: () => ChatSession;
  /** The conversation the actions apply to. */
  conversationId: () => string | null;
  /** The banner text after an order was created (e.g. "Đã tạo đơn #12. 251204471"). */
  createdText: (order: OrderRef) => string;
  /** The banner text after a failure. */
  failedText: (action: 'order' | 'action') => string;
  /** A template was picked and not cancelled: put its body into the composer. */
  onTemplate: (template: MessageTemplate) => void;
}

/**
 * The seed's buttons over one conversation: "Tạo đơn hàng" (fires the cancelable
 * `chatomni-create-order`, then creates the order from the customer's latest comment and shows
 * its code), "Thông tin" (customer info, `chatomni-info`) and "Tin nhắn" (templates,
 * `chatomni-message-template`). Events are dispatched on the host. A newer info or templates
 * request aborts the older; `reset()` forgets everything (another conversation).
 */
export class CustomerActionsController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: CustomerActionsOptions;
  private abort?: AbortController;
  private created: { id: string; order: OrderRef } | null = null;
  private current: ActionsState = {
    panel: null,
    info: 'loading',
    templates: 'loading',
    creating: false,
    banner: null,
  };

  constructor(host: ReactiveControllerHost & HTMLElement, options: CustomerActionsOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The current state (read-only; replaced on every change). */
  get state(): Readonly<ActionsState> {
    return this.current;
  }

  /** The order this element created for the conversation, if any. */
  createdOrder(conversationId: string): OrderRef | undefined {
    return this.created?.id === conversationId ? this.created.order : undefined;
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Fires `chatomni-create-order`; unless cancelled, creates the order and shows its code. */
  async createOrder(): Promise<void> {
    const s = this.options.session();
    const id = this.options.conversationId();
    const conversation = id ? s.conversation(id) : undefined;
    if (!id || !conversation || this.current.creating) return;
    if (
      !this.host.dispatchEvent(new ChatomniCreateOrderEvent({ conversationId: id, conversation }))
    ) {
      return;
    }
    this.set({ creating: true, banner: null });
    // Live selling: the order comes from the customer's latest comment, when there is one.
    const comment = [...(s.thread(id)?.messages ?? [])]
      .reverse()
      .find((m) => m.kind === 'comment' && !m.isOwner);
    try {
      const order = await s.createOrder(id, {
        commentId: comment?.commentId,
        postId: comment?.post?.id,
      });
      if (this.options.conversationId() !== id) return;
      this.created = { id, order };
      this.set({ banner: { ok: true, text: this.options.createdText(order) } });
      this.host.dispatchEvent(new ChatomniOrderCreatedEvent({ conversationId: id, order }));
    } catch {
      if (this.options.conversationId() === id) this.fail('order');
    } finally {
      this.set({ creating: false });
    }
  }

  /** Opens (loading it) or closes the customer info panel. */
  async toggleInfo(): Promise<void> {
    const id = this.options.conversationId();
    if (this.current.panel === 'info' || !id) return this.set({ panel: null });
    this.set({ panel: 'info', info: 'loading' });
    const signal = this.newSignal();
    try {
      const info = await this.options.session().getCustomerInfo(id, signal);
      if (signal.aborted) return;
      this.set({ info: info });
      this.host.dispatchEvent(new ChatomniInfoEvent({ conversationId: id, info }));
    } catch {
      if (!signal.aborted) this.set({ info: 'error' });
    }
  }

  /** Opens (loading them once) or closes the message templates. */
  async toggleTemplates(): Promise<void> {
    if (this.current.panel === 'templates') return this.set({ panel: null });
    this.set({ panel: 'templates' });
    if (Array.isArray(this.current.templates)) return;
    this.set({ templates: 'loading' });
    const signal = this.newSignal();
    try {
      this.set({ templates: await this.options.session().getTemplates(signal) });
    } catch {
      if (!signal.aborted) this.set({ templates: 'error' });
    }
  }

  /** Fires `chatomni-message-template`; unless cancelled, hands the template to the composer. */
  pick(template: MessageTemplate): void {
    const id = this.options.conversationId();
    if (!id) return;
    this.set({ panel: null });
    if (
      this.host.dispatchEvent(new ChatomniMessageTemplateEvent({ conversationId: id, template }))
    ) {
      this.options.onTemplate(template);
    }
  }

  /** Shows a failure in the banner. */
  fail(action: 'order' | 'action'): void {
    this.set({ banner: { ok: false, text: this.options.failedText(action) } });
  }

  /** Closes the info or templates panel. */
  closePanel(): void {
    this.set({ panel: null });
  }

  closeBanner(): void {
    this.set({ banner: null });
  }

  /** Another conversation: close panels and the banner, abort requests. */
  reset(): void {
    this.abort?.abort();
    this.set({ panel: null, banner: null, info: 'loading' });
  }

  private newSignal(): AbortSignal {
    this.abort?.abort();
    this.abort = new AbortController();
    return this.abort.signal;
  }

  private set(patch: Partial<ActionsState>): void {
    this.current = { ...this.current, ...patch };
    this.host.requestUpdate();
  }
}
