/** The realtime core, free of Lit: sessions, store, REST client and URL/text helpers. */
export {
  ChatSession,
  getSession,
  defaultConfig,
  LoginError,
  type LoginErrorCode,
} from './session/session.js';
export { ChatStore, type ConversationSeed } from './store/store.js';
export { HttpError, type HttpErrorCode } from './api/http.js';
export { safeHttpUrl, realtimeTarget, type RealtimeTarget } from './util/url.js';
export { foldText, matchesKeyword, capText } from './util/text.js';
export * from './model/index.js';
