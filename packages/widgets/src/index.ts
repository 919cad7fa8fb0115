/**
 * ChatOmni widgets: importing this module registers `<chatomni-inbox>`, `<chatomni-thread>`
 * and `<chatomni-status>` and exposes the realtime core (`getSession`), the event classes and
 * the shared types.
 */
export * from './core.js';
export * from './events/index.js';
export { ChatomniInbox } from './elements/chatomni-inbox/chatomni-inbox.js';
export { ChatomniThread } from './elements/chatomni-thread/chatomni-thread.js';
export { ChatomniStatus } from './elements/chatomni-status/chatomni-status.js';
