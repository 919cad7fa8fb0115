import type { MessageTemplate } from '../model/index.js';

/** Detail of `chatomni-message-template`. */
export interface ChatomniMessageTemplateDetail {
  conversationId: string;
  template: MessageTemplate;
}

/**
 * Fired by `<chatomni-thread>` when the seller picks a message template from "Tin nhắn". Unless
 * a listener calls `preventDefault()`, the template body is put into the composer.
 *
 * Bubbles and crosses shadow roots (`composed`); cancelable.
 */
export class ChatomniMessageTemplateEvent extends CustomEvent<ChatomniMessageTemplateDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-message-template';

  constructor(detail: ChatomniMessageTemplateDetail) {
    super('chatomni-message-template', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-message-template': ChatomniMessageTemplateEvent;
  }
}
