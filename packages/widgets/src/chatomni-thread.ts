/** Registers `<chatomni-thread>` alone (the other elements are not loaded). */
export { ChatomniThread } from './elements/chatomni-thread/chatomni-thread.js';
export { getSession, type ChatSession } from './session/session.js';
export * from './events/index.js';
