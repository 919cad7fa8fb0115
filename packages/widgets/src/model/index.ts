/**
 * The domain model shared by the realtime core (`api/`, `store/`, `realtime/`, `session/`,
 * free of Lit) and the rendering (`controllers/`, `elements/`). Everything here is already
 * normalized; the upstream (TPOS) wire shapes live in `api/wire-types.ts`.
 */
export * from './message.js';
export * from './conversation.js';
export * from './account.js';
export * from './status.js';
export * from './config.js';
export * from './outgoing.js';
