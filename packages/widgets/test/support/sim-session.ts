/**
 * Shared harness of the core's browser tests: real simulators started through the test
 * runner (`sim-start`/`sim-stop`), its control API, and sessions pointed at it with short
 * timers. Everything a test starts is destroyed after it.
 */
import { aTimeout, waitUntil } from '@open-wc/testing';
import { cleanup, control, startSim as startAnySim, type Sim } from './testing.js';
import { getSession, type ChatSession } from '../../src/session/session.js';
import type { SessionConfig } from '../../src/model/index.js';

export { control, type Sim };

// Mocha globals (WTR's runner); no @types/mocha in this repository.
declare global {
  function describe(name: string, fn: () => void): void;
  function it(name: string, fn: () => void | Promise<void>): void;
  function afterEach(fn: () => void | Promise<void>): void;
}

export interface Counters {
  rest: { total: number; byRoute: Record<string, number> };
  sockets: Record<'rt' | 'chat', { connected: number; connections: number }>;
  events: Record<'rt' | 'chat', number>;
}

const sessions: ChatSession[] = [];
let sessionNo = 0;

/** A simulator with quick pings (a silent socket shows within 0.6 s). */
export function startSim(options: Record<string, unknown> = {}): Promise<Sim> {
  return startAnySim({ pingInterval: 300, pingTimeout: 300, ...options });
}

export const counters = (sim: Sim) => control<Counters>(sim, 'counters');
export const resetCounters = (sim: Sim) => control(sim, 'reset-counters', {});
export const emit = (sim: Sim, body: Record<string, unknown>) =>
  control<{ Id: string; ConversationId: string; Envelope: unknown }>(sim, 'emit', body);

export async function token(sim: Sim, username = 'demo', password = 'demo123'): Promise<string> {
  const response = await fetch(`${sim.restUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'tmtWebApp',
      grant_type: 'password',
      username,
      password,
      scope: 'profile',
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

export function session(
  sim: Sim,
  config: Partial<SessionConfig> = {},
  name = `test-${++sessionNo}`,
): ChatSession {
  const s = getSession(name, {
    baseUrl: sim.restUrl,
    rtUrl: sim.rtUrl,
    chatUrl: sim.chatUrl,
    pollInterval: 300,
    reconnectDelay: 100,
    slowReconnectDelay: 1000,
    ...config,
  });
  sessions.push(s);
  return s;
}

/** Both sockets connected and the first list loaded. */
export async function ready(s: ChatSession): Promise<void> {
  await waitUntil(
    () =>
      s.status.rt.state === 'connected' &&
      s.status.chat.state === 'connected' &&
      s.listState.loaded,
    'session did not become ready',
    { timeout: 5000 },
  );
  // Let the catch-up that follows the first connect settle.
  await waitUntil(() => !s.listState.loading, 'list still loading', { timeout: 5000 });
  await aTimeout(100);
}

/** A simulator and a session on it with a token: both sockets up and the list loaded. */
export async function readySession(
  config: Partial<SessionConfig> = {},
  simOptions: Record<string, unknown> = {},
): Promise<{ sim: Sim; s: ChatSession }> {
  const sim = await startSim(simOptions);
  const s = session(sim, config);
  s.setToken(await token(sim));
  await ready(s);
  return { sim, s };
}

afterEach(async () => {
  for (const s of sessions.splice(0)) s.destroy();
  await cleanup();
});
