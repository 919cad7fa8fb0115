/**
 * What the sockets deliver, as names and as actions for the session: shared by the parser of
 * socket payloads (envelope.ts, in the sockets' chunk), the reducer that applies the actions,
 * and the tabs that pass them on (tab-channel.ts), without the parser itself.
 */
import type { ChatMessage, ConversationSeed, OrderRef } from '../model/index.js';

/** One socket event, parsed: what the session does with it. */
export type RealtimeAction =
  | { type: 'message'; conversation: ConversationSeed; message: ChatMessage }
  | { type: 'order'; psid: string; postId?: string; order: OrderRef }
  | { type: 'refresh'; conversationId?: string; updatedAt?: number }
  | { type: 'ignore'; reason: string }
  | { type: 'drop'; reason: string };

/** The `type` of every action. */
export const ACTION_TYPES: readonly RealtimeAction['type'][] = [
  'message',
  'order',
  'refresh',
  'ignore',
  'drop',
];

/** Event names the client listens to, in either dialect. */
export const EVENT_NAMES = [
  'on-events',
  'on-messages',
  'on-conversations',
  'notification',
  'update',
] as const;
export type RealtimeEventName = (typeof EVENT_NAMES)[number];
