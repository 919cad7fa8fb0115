/**
 * Phase 2 of the chaos run, side by side with traffic.ts: the fault schedule, every half
 * second while the traffic flows (seeded): socket drops, refused reconnects, silent
 * half-closes, one REST request in ten failed (a 500, a dropped connection, an answer held past
 * the page's timeout) and one token expiry followed by a new login through the page.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Prng, RunningSimulator } from '@chatomni/simulator';
import type { Page } from 'playwright-core';
import { simControl, statusView, submitLogin, waitUntil } from '../stack/index.js';
import type { HalfCloseWindow } from './badges.js';
import type { Counters } from './samplers.js';
import { REQUEST_TIMEOUT } from './setup.js';

/** Share of REST requests the fault schedule fails. */
const REST_FAILURE_RATE = 0.1;
const SERVERS = ['rt', 'chat'] as const;

/** Options of {@link runFaultSchedule}. */
export interface FaultPlan {
  /** How long to break things, in seconds; the token expires at 60 % of it. */
  seconds: number;
  random: Prng;
  /** The simulator's counters when the run began (REST requests and applied fault rules). */
  atStart: Counters;
}

/** What {@link runFaultSchedule} did. */
export interface FaultLog {
  /** How often each kind of fault was applied. */
  faults: Record<string, number>;
  /** The half-closes, `off` = Infinity while one lasts. */
  halfCloses: HalfCloseWindow[];
  /** When the tokens expired (ms since the epoch), 0 if they did not. */
  expiredAt: number;
}

/** Breaks things for `plan.seconds`; resolves when the schedule is over. */
export async function runFaultSchedule(
  sim: RunningSimulator,
  page: Page,
  plan: FaultPlan,
): Promise<FaultLog> {
  const { random } = plan;
  const faults: Record<string, number> = {
    disconnect: 0,
    refuse: 0,
    halfClose: 0,
    rest500: 0,
    restDropped: 0,
    restTimeout: 0,
    tokenExpiry: 0,
    relogin: 0,
  };
  const halfCloses: HalfCloseWindow[] = [];
  const expireAt = Date.now() + plan.seconds * 600;
  let expired = false;
  let expiredAt = 0;
  const faultStart = Date.now();
  // Every kind of fault at least once, early (ticks 2, 5, 8), then at random.
  const forced = new Map([
    [2, 0.17],
    [5, 0.14],
    [8, 0.05],
  ]);
  let tick = 0;
  let restRules = 0;
  while (Date.now() - faultStart < plan.seconds * 1000) {
    await sleep(500);
    tick++;
    const server = SERVERS[Math.floor(random.next() * 2)]!;
    const roll = forced.get(tick) ?? random.next();
    if (roll < 0.12) {
      await simControl(sim, 'disconnect', { server, transport: random.next() < 0.5 });
      faults.disconnect!++;
    } else if (roll < 0.16) {
      await simControl(sim, 'refuse', { server, seconds: 2 + Math.floor(random.next() * 3) });
      await simControl(sim, 'disconnect', { server, transport: true });
      faults.refuse!++;
    } else if (roll < 0.19 && !halfCloses.some((w) => w.server === server && w.off === Infinity)) {
      const span: HalfCloseWindow = { server, on: Date.now(), off: Infinity };
      await simControl(sim, 'half-close', { server, on: true });
      halfCloses.push(span);
      faults.halfClose!++;
      setTimeout(
        () => {
          void simControl(sim, 'half-close', { server, on: false })
            .then(() => (span.off = Date.now()))
            .catch(() => {});
        },
        3000 + random.next() * 2000,
      );
    }
    // REST: one request in ten fails. A new rule (for the next search or thread request)
    // whenever fewer than 10 % of the requests so far met one: a 500, a connection dropped
    // after 2 s, or an answer held back past the client's request timeout.
    const c = await simControl<Counters>(sim, 'counters');
    const requests = c.rest.total - plan.atStart.rest.total;
    if (
      c.faults.pending === 0 &&
      c.faults.applied - plan.atStart.faults.applied < requests * REST_FAILURE_RATE
    ) {
      const kind = [0, 0.7, 0.9][restRules++] ?? random.next();
      const route = random.next() < 0.5 ? '/api-ms/chatomni/v1/conversations/search' : '/messages';
      if (kind < 0.6) {
        await simControl(sim, 'fail', { route, status: 500, count: 1 });
        faults.rest500!++;
      } else if (kind < 0.85) {
        await simControl(sim, 'fail', { route, status: 0, delayMs: 2000, count: 1 });
        faults.restDropped!++;
      } else {
        const delayMs = REQUEST_TIMEOUT + 1000;
        await simControl(sim, 'fail', { route, status: 200, delayMs, count: 1 });
        faults.restTimeout!++;
      }
    }
    if (!expired && Date.now() > expireAt) {
      expired = true;
      await simControl(sim, 'expire-tokens', {});
      expiredAt = Date.now();
      faults.tokenExpiry!++;
      await page.locator('chatomni-inbox form[part~="login"]').waitFor({ timeout: 20_000 });
      await submitLogin(page);
      faults.relogin!++;
      await waitUntil(async () => !(await statusView(page)).loginRequired, 'signed in again', {
        timeout: 20_000,
      });
    }
  }
  return { faults, halfCloses, expiredAt };
}

/**
 * Ends every fault: removes the pending REST rules and the half-closes (closing their windows
 * now). Returns how many REST requests a fault rule failed since the run began.
 */
export async function endFaults(
  sim: RunningSimulator,
  log: FaultLog,
  atStart: Counters,
): Promise<number> {
  const restFailed = (await simControl<Counters>(sim, 'counters')).faults.applied;
  await simControl(sim, 'clear-faults', {});
  for (const server of SERVERS) await simControl(sim, 'half-close', { server, on: false });
  for (const w of log.halfCloses) w.off = Math.min(w.off, Date.now());
  return restFailed - atStart.faults.applied;
}
