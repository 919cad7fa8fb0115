/**
 * The realtime core, free of Lit: import `@chatomni/widgets/core` to drive a session (login,
 * list, threads, actions, live status) without any element, or to type a page that listens
 * to the elements' events.
 *
 * - `getSession(name, config)` / `ChatSession`: one login, store, pair of sockets and poller
 *   per name; its events are typed by `SessionEventMap` (`change`, `data`, `select`,
 *   `auth-required`).
 * - `ChatStore`: the normalized conversations and threads behind a session (`session.store`);
 *   a store made without a session merges messages once `loadThreadMerge()` resolved.
 * - `session.sending`: answering customers (Messenger texts and images, private replies to
 *   comments) through the proxy's `POST /api/send`, with `SendError` and its `SendErrorCode`.
 * - The domain model (`Conversation`, `ChatMessage`, `SessionStatus`, `SessionConfig`, ...),
 *   the error types (`LoginError`, `HttpError`, `LoadErrorCode`) and the events the elements
 *   fire (`ChatomniSelectEvent`, ...).
 * - Helpers: `safeHttpUrl`, `realtimeTarget`, `foldText`, `matchesKeyword`, `capText`.
 */
export {
  ChatSession,
  getSession,
  defaultConfig,
  LoginError,
  type LoginErrorCode,
  type OrderExtra,
  type SessionEventMap,
  type SessionEventName,
  type Draft,
  type DraftImage,
  type PrivateReplyState,
  type SendOptions,
  type Sending,
} from './session/session.js';
export { SendError, type SendContent, type SendReceipt } from './api/send-error.js';
export { newIdempotencyKey } from './session/sending.js';
export { ChatStore, loadThreadMerge } from './store/store.js';
export { HttpError, type HttpErrorCode } from './api/http.js';
export { safeHttpUrl, realtimeTarget, type RealtimeTarget } from './util/url.js';
export { foldText, matchesKeyword, capText } from './util/text.js';
export * from './model/index.js';
export * from './events/index.js';
