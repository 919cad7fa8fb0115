export { startSimulator } from './simulator.js';
export type { RunningSimulator } from './simulator.js';
export type {
  SimulatorOptions,
  SimUser,
  SimDialect,
  SimServerName,
  SimProfile,
  SimRoomMode,
} from './options.js';
export { DEFAULT_USERS, MAX_CONVERSATIONS, PROFILES, ROOM_MODES } from './options.js';
export { RECORDED_SEARCH_MAX } from './recorded.js';
export { COMMENT_STATUS } from './rest/format.js';
export type { EmitInput, EmitResult, EmitKind } from './emit.js';
export type { TokenAnswer } from './auth.js';
export type { RecordedRequest, ServerTarget } from './context.js';
export { AUTH_ERROR } from './sockets.js';
export { Prng } from './data/prng.js';
export type { GraphErrorSpec } from './graph/errors.js';
export type { SendRecord, SendCounters } from './graph/state.js';
