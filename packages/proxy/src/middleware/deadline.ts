import type { MiddlewareHandler } from 'hono';
import { timeout } from 'hono/timeout';
import { upstreamTimeout } from '../errors.js';
import type { ProxyEnv } from '../types.js';

/**
 * Bounds the wait for the upstream's response headers by `UPSTREAM_TIMEOUT_MS` with
 * Hono's `timeout`: past it the client gets a 504 `gateway_timeout` envelope and
 * `c.get('upstreamSignal')` aborts the upstream fetch. Streaming the body afterwards is not
 * bounded (a long download is not a timeout).
 */
export function upstreamDeadline(): MiddlewareHandler<ProxyEnv> {
  return async function upstreamDeadline(c, next) {
    const controller = new AbortController();
    c.set('upstreamSignal', controller.signal);
    const limit = timeout(c.get('config').upstreamTimeoutMs, () => {
      controller.abort();
      return upstreamTimeout();
    });
    await limit(c, next);
  };
}
