import type { CustomerInfo } from '../model/index.js';

/** Detail of `chatomni-info`. */
export interface ChatomniInfoDetail {
  conversationId: string;
  info: CustomerInfo;
}

/**
 * Fired by `<chatomni-thread>` when "Thông tin" loaded the customer info panel.
 *
 * Bubbles and crosses shadow roots (`composed`).
 */
export class ChatomniInfoEvent extends CustomEvent<ChatomniInfoDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-info';

  constructor(detail: ChatomniInfoDetail) {
    super('chatomni-info', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-info': ChatomniInfoEvent;
  }
}
