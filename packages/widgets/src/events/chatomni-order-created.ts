import type { OrderRef } from '../model/index.js';

/** Detail of `chatomni-order-created`. */
export interface ChatomniOrderCreatedDetail {
  conversationId: string;
  /** The order the upstream created, with its code. */
  order: OrderRef;
}

/**
 * Fired by `<chatomni-thread>` after it created an order (the `chatomni-create-order` event was
 * not cancelled) and the upstream answered with its code.
 *
 * Bubbles and crosses shadow roots (`composed`).
 */
export class ChatomniOrderCreatedEvent extends CustomEvent<ChatomniOrderCreatedDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-order-created';

  constructor(detail: ChatomniOrderCreatedDetail) {
    super('chatomni-order-created', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-order-created': ChatomniOrderCreatedEvent;
  }
}
