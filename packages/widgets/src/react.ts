/**
 * React components for the three elements (`@chatomni/widgets/react`), made with `@lit/react`
 * so they behave the same in React 18 and 19: props that are element properties (`config`,
 * `noLogin`, …) are set as properties, and each event has a typed `on…` prop.
 *
 * ```tsx
 * import { ChatomniInbox, ChatomniThread } from '@chatomni/widgets/react';
 * <ChatomniInbox baseUrl="https://chat.example.com" onChatomniSelect={(e) => open(e.detail.conversationId)} />
 * <ChatomniThread onChatomniOrderCreated={(e) => toast(e.detail.order.code)} />
 * ```
 *
 * Importing this module registers the elements. `react` is a peer dependency.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  ChatomniInbox as InboxElement,
  ChatomniStatus as StatusElement,
  ChatomniThread as ThreadElement,
  type ChatomniCreateOrderEvent,
  type ChatomniInfoEvent,
  type ChatomniMessageTemplateEvent,
  type ChatomniOrderCreatedEvent,
  type ChatomniSelectEvent,
  type ChatomniSendEvent,
} from './index.js';

/** `<chatomni-inbox>`; `onChatomniSelect` when the seller opens a conversation. */
export const ChatomniInbox = createComponent({
  react: React,
  tagName: 'chatomni-inbox',
  elementClass: InboxElement,
  displayName: 'ChatomniInbox',
  events: {
    onChatomniSelect: 'chatomni-select' as EventName<ChatomniSelectEvent>,
  },
});

/**
 * `<chatomni-thread>`; one `on…` prop per event. Call `event.preventDefault()` in
 * `onChatomniCreateOrder`, `onChatomniMessageTemplate` or `onChatomniSend` to handle the action
 * yourself.
 */
export const ChatomniThread = createComponent({
  react: React,
  tagName: 'chatomni-thread',
  elementClass: ThreadElement,
  displayName: 'ChatomniThread',
  events: {
    onChatomniCreateOrder: 'chatomni-create-order' as EventName<ChatomniCreateOrderEvent>,
    onChatomniOrderCreated: 'chatomni-order-created' as EventName<ChatomniOrderCreatedEvent>,
    onChatomniInfo: 'chatomni-info' as EventName<ChatomniInfoEvent>,
    onChatomniMessageTemplate:
      'chatomni-message-template' as EventName<ChatomniMessageTemplateEvent>,
    onChatomniSend: 'chatomni-send' as EventName<ChatomniSendEvent>,
  },
});

/** `<chatomni-status>`: the connection badges of a session. */
export const ChatomniStatus = createComponent({
  react: React,
  tagName: 'chatomni-status',
  elementClass: StatusElement,
  displayName: 'ChatomniStatus',
});

export type {
  ChatomniCreateOrderEvent,
  ChatomniInfoEvent,
  ChatomniMessageTemplateEvent,
  ChatomniOrderCreatedEvent,
  ChatomniSelectEvent,
  ChatomniSendEvent,
};
