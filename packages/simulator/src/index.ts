export { startSimulator } from './simulator.js';
export type { RunningSimulator } from './simulator.js';
export type { SimulatorOptions, SimUser, SimDialect, SimServerName } from './options.js';
export { DEFAULT_USERS, MAX_CONVERSATIONS } from './options.js';
export type { EmitInput, EmitResult, EmitKind } from './emit.js';
export type { TokenAnswer } from './auth.js';
export type { RecordedRequest, ServerTarget } from './context.js';
export { AUTH_ERROR } from './sockets.js';
export { Prng } from './data/prng.js';
