import type { RequestIdVariables } from 'hono/request-id';
import type { ProxyConfig } from './config.js';

/** Per-request values the middleware sets for the routes. */
export interface ProxyVariables extends RequestIdVariables {
  /** Parsed vars of this request's `Env`. */
  config: ProxyConfig;
  /** Aborted when the upstream deadline passes; pass it to every upstream fetch. */
  upstreamSignal: AbortSignal;
  /** The upstream's answer status, for the request log (set by routes that call one). */
  upstreamStatus?: number;
  /** The WebSocket pass-through target, for the request log. */
  wsTarget?: 'rt' | 'chat';
}

/** The Hono environment of every app and sub-app in this package. */
export interface ProxyEnv {
  Bindings: Env;
  Variables: ProxyVariables;
}
