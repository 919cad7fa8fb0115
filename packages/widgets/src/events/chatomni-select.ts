import type { Conversation } from '../model/index.js';

/** Detail of `chatomni-select`. */
export interface ChatomniSelectDetail {
  conversationId: string;
  /** The conversation as the session knows it now. */
  conversation: Conversation;
}

/**
 * Fired by `<chatomni-inbox>` when the seller opens a conversation (click or Enter), after the
 * session selected it (so `<chatomni-thread>` of the same session follows).
 *
 * Bubbles and crosses shadow roots (`composed`).
 */
export class ChatomniSelectEvent extends CustomEvent<ChatomniSelectDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-select';

  constructor(detail: ChatomniSelectDetail) {
    super('chatomni-select', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-select': ChatomniSelectEvent;
  }
}
