/** Registers `<chatomni-status>` alone (the other elements are not loaded). */
export { ChatomniStatus } from './elements/chatomni-status/chatomni-status.js';
export { getSession, type ChatSession } from './session/session.js';
export * from './events/index.js';
