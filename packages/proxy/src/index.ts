export { app as default, createApp, type AppOptions } from './app.js';
export { readConfig, DEFAULTS, type ProxyConfig, type ProxyVars } from './config.js';
export { ErrorCode, type ErrorEnvelope } from './errors.js';
export { ALLOWLIST, type AllowRule } from './upstream/allowlist.js';
export type { HealthBody } from './routes/health.js';
export type { SendSuccess } from './send/result.js';
