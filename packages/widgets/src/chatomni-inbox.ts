/** Registers `<chatomni-inbox>` alone (the other elements are not loaded). */
export { ChatomniInbox } from './elements/chatomni-inbox/chatomni-inbox.js';
export { getSession, type ChatSession } from './session/session.js';
export * from './events/index.js';
