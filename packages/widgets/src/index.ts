/**
 * ChatOmni widgets: importing this module registers `<chatomni-inbox>`, `<chatomni-thread>`
 * and `<chatomni-status>` and exposes everything of the framework-free core (`./core.js`:
 * `getSession`, the event classes, the domain types and helpers).
 */
export * from './core.js';
export { ChatomniInbox } from './elements/chatomni-inbox/chatomni-inbox.js';
export { ChatomniThread } from './elements/chatomni-thread/chatomni-thread.js';
export { ChatomniStatus } from './elements/chatomni-status/chatomni-status.js';
