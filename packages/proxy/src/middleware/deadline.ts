import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../types.js';

/**
 * Bounds the upstream call by `UPSTREAM_TIMEOUT_MS`: `c.get('upstreamSignal')` aborts it
 * then, and the route answers 504 `gateway_timeout` (`upstreamFailure()`). The signal is an
 * `AbortSignal.timeout`, one timer in the runtime, rather than Hono's `timeout` (a timer, a
 * promise and a race) with an AbortController: the deadline cost a tenth of the proxy's own
 * latency that way. workerd does not cut what the Worker passes on when the signal fires
 * later (checked: a streamed body and a WebSocket outlive it), so a long download is not a
 * timeout; a body the route reads itself (CRMTeam answers, token grants) must arrive within
 * the deadline, as before.
 */
export function upstreamDeadline(): MiddlewareHandler<ProxyEnv> {
  return async function upstreamDeadline(c, next) {
    c.set('upstreamSignal', AbortSignal.timeout(c.get('config').upstreamTimeoutMs));
    await next();
  };
}
