/** Everything a running simulator shares between its REST, control and realtime parts. */
import type { Auth } from './auth.js';
import type { Store } from './data/store.js';
import type { SimEvent } from './envelopes.js';
import type { Faults } from './faults.js';
import type { ResolvedOptions, SimServerName } from './options.js';
import type { RealtimeServer } from './sockets.js';
import type { Tally } from './tally.js';

/** One REST request as received, for `GET /__sim/requests`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; `authorization` redacted to `Bearer <redacted>`. */
  headers: Record<string, string>;
  /** ISO time with milliseconds. */
  at: string;
}

/** What `/token` counts. */
export type TokenCount = 'password' | 'refresh' | 'failed';

/** Which realtime servers an event goes to. */
export type ServerTarget = SimServerName | 'both';

export interface SimContext {
  opts: ResolvedOptions;
  store: Store;
  auth: Auth;
  faults: Faults;
  servers: Record<SimServerName, RealtimeServer>;
  rest: { total: number; byRoute: Map<string, number> };
  /** `/token` grants: successful password and refresh grants, and failed ones. */
  tokens: Tally<TokenCount>;
  /** Epoch ms of the start or the last counter reset. */
  countersSince: number;
  requests: RecordedRequest[];
  /** Timers to clear on close (delayed batch emits, slow answers). */
  timers: Set<NodeJS.Timeout>;
}

/** Keeps this many recorded requests. */
export const REQUEST_LOG_SIZE = 1000;

/** Sends an event to the tenant's sockets on the chosen servers. */
export function publish(
  ctx: SimContext,
  tenant: string,
  event: SimEvent,
  target: ServerTarget = 'both',
): void {
  for (const name of ['rt', 'chat'] as const) {
    if (target === name || target === 'both') ctx.servers[name].broadcast(tenant, event);
  }
}

/** Runs `fn` after `ms`, unless the simulator closes first. */
export function later(ctx: SimContext, ms: number, fn: () => void): void {
  const timer = setTimeout(() => {
    ctx.timers.delete(timer);
    fn();
  }, ms);
  ctx.timers.add(timer);
}
