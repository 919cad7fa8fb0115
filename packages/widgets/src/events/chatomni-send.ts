/** Detail of `chatomni-send`. */
export interface ChatomniSendDetail {
  conversationId: string;
  /** The composer text, trimmed. */
  text: string;
}

/**
 * Fired by `<chatomni-thread>` when the seller sends a Messenger message. The upstream has no
 * endpoint for that, so the page must handle it and call `preventDefault()`: then the composer is
 * cleared. Unhandled, the element keeps the text and shows a note.
 *
 * Bubbles and crosses shadow roots (`composed`); cancelable.
 */
export class ChatomniSendEvent extends CustomEvent<ChatomniSendDetail> {
  /** The event's type, for `addEventListener`. */
  static readonly eventName = 'chatomni-send';

  constructor(detail: ChatomniSendDetail) {
    super('chatomni-send', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chatomni-send': ChatomniSendEvent;
  }
}
