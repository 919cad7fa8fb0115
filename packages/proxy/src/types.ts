import type { ProxyConfig } from './config.js';
import type { CorsAnswer } from './middleware/answer-headers.js';

/** Per-request values the middleware sets for the routes. */
export interface ProxyVariables {
  /** `X-Request-Id` of this request (the caller's if valid, else generated); see `requestLog()`. */
  requestId: string;
  /** Parsed vars of this request's `Env`. */
  config: ProxyConfig;
  /** Aborted when the upstream deadline passes; pass it to every upstream fetch. */
  upstreamSignal: AbortSignal;
  /** The upstream's answer status, for the request log (set by routes that call one). */
  upstreamStatus?: number;
  /** What `corsPolicy()` decided for the answer (none for preflights and refusals). */
  cors?: CorsAnswer;
  /** The WebSocket pass-through target, for the request log. */
  wsTarget?: 'rt' | 'chat';
}

/** The Hono environment of every app and sub-app in this package. */
export interface ProxyEnv {
  Bindings: Env;
  Variables: ProxyVariables;
}
