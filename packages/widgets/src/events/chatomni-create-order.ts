import type { Conversation } from '../model/index.js';

/** Detail of `chatomni-create-order`. */
export interface ChatomniCreateOrderDetail {
  conversationId: string;
  conversation: Conversation;
}

/**
 * Fired by `<chatomni-thread>` when "Tạo đơn hàng" is pressed. Unless a listener calls
 * `preventDefault()`, the element creates the order itself through `session.createOrder`.
 *
 * Bubbles and crosses shadow roots (`composed`); cancelable.
 */
export class ChatomniCreateOrderEvent extends CustomEvent<ChatomniCreateOrderDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-create-order';

  constructor(detail: ChatomniCreateOrderDetail) {
    super('chatomni-create-order', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-create-order': ChatomniCreateOrderEvent;
  }
}
