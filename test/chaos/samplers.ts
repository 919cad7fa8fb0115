/**
 * The chaos run's background samplers, watching phase 2 from the start of the faults until the
 * check: the simulator's sockets (every 50 ms), its REST request rate and the status text (once
 * a second).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningSimulator } from '@chatomni/simulator';
import type { Page } from 'playwright-core';
import { simControl, statusView } from '../stack/index.js';
import type { UpSample } from './badges.js';

/** The simulator's `/__sim/counters` (the fields the run reads). */
export interface Counters {
  rest: { total: number };
  sockets: Record<'rt' | 'chat', { connected: number }>;
  faults: { pending: number; applied: number };
}

/** The running samplers and what they have seen so far. */
export interface Samplers {
  /** When sampling began (ms since the epoch): the start of the badge check. */
  start: number;
  /** The counters when sampling began. */
  atStart: Counters;
  /** The simulator's sockets, as changes of their up/down state. */
  truth: UpSample[];
  /** Distinct status-badge states in the order they were sampled. */
  statusChanges: string[];
  /** Most REST requests in one second until {@link Samplers.endRestPeak}. */
  peakRest(): number;
  /** Stops counting towards the REST peak (the check's own requests do not count). */
  endRestPeak(): void;
  /** Stops both samplers; rejects when one of them failed. */
  stop(): Promise<void>;
}

/** Starts the samplers against `sim` and `page`. */
export async function startSamplers(sim: RunningSimulator, page: Page): Promise<Samplers> {
  let stopped = false;
  const pollers: Promise<void>[] = [];
  const stop = async () => {
    stopped = true;
    await Promise.all(pollers);
  };
  const truth: UpSample[] = [];
  pollers.push(
    (async () => {
      while (!stopped) {
        const c = await simControl<Counters>(sim, 'counters');
        const sample = [Date.now(), c.sockets.chat.connected > 0, c.sockets.rt.connected > 0];
        const last = truth.at(-1);
        if (!last || last[1] !== sample[1] || last[2] !== sample[2]) {
          truth.push(sample as unknown as UpSample);
        }
        await sleep(50);
      }
    })(),
  );
  try {
    const start = Date.now();
    const atStart = await simControl<Counters>(sim, 'counters');
    let lastRest = atStart.rest.total;
    let peakRest = 0;
    let measuringRest = true;
    const statusChanges: string[] = [];
    pollers.push(
      (async () => {
        while (!stopped) {
          await sleep(1000);
          const c = await simControl<Counters>(sim, 'counters');
          if (measuringRest) peakRest = Math.max(peakRest, c.rest.total - lastRest);
          lastRest = c.rest.total;
          const s = await statusView(page).catch(() => null);
          if (s) {
            const state = `${s.chat} ${s.rt} ${s.mode}${s.loginRequired ? ' 🔒' : ''}`;
            if (statusChanges.at(-1) !== state) statusChanges.push(state);
          }
        }
      })(),
    );
    return {
      start,
      atStart,
      truth,
      statusChanges,
      peakRest: () => peakRest,
      endRestPeak: () => {
        measuringRest = false;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
