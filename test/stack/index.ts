/**
 * The end-to-end stack that the e2e and chaos tests, the benchmarks and the screenshot script
 * share: a real simulator on free ports, the proxy with the demo site in real workerd pointing
 * at it, and headless Chromium. Everything listens on 127.0.0.1 and everything started is
 * stopped by `close()`.
 *
 * - `simulator.ts`: the simulator's control API.
 * - `proxy.ts`: the proxy in workerd (wrangler) and the demo site it serves.
 * - `browser.ts`: headless Chromium.
 * - `demo-page.ts`: driving the demo page and reading what its elements show.
 */
import type { Browser } from 'playwright-core';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@chatomni/simulator';
import { launchChromium } from './browser.js';
import { ensureSite, simulatorUpstream, startProxy, type RunningProxy } from './proxy.js';
import { simProfile } from '../support/profile.js';

export * from './browser.js';
export * from './demo-page.js';
export * from './proxy.js';
export * from './simulator.js';

/** A simulator, the proxy pointing at it and a browser. */
export interface E2EStack {
  sim: RunningSimulator;
  proxy: RunningProxy;
  browser: Browser;
  /** Stops the browser, the proxy and the simulator (each even if another fails). */
  close(): Promise<void>;
}

/** Options of {@link startStack}. */
export interface StackOptions {
  /** Simulator options; `profile` defaults to the run's (`SIM_PROFILE`, else `rich`). */
  simulator?: SimulatorOptions;
  /** Extra proxy vars. */
  proxyVars?: Record<string, string>;
  /** Launch Chromium too. Default true. */
  browser?: boolean;
}

/**
 * Starts simulator → proxy → Chromium, in that order, after refreshing `dist/site`. When a
 * step fails, what was started before it is stopped again.
 */
export async function startStack(options: StackOptions = {}): Promise<E2EStack> {
  ensureSite();
  const started: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of started.reverse()) await stop().catch(() => {});
    started.length = 0;
  };
  try {
    const sim = await startSimulator({ profile: simProfile(), ...options.simulator });
    started.push(() => sim.close());
    const proxy = await startProxy({ ...simulatorUpstream(sim), vars: options.proxyVars });
    started.push(() => proxy.close());
    const browser = options.browser === false ? (undefined as never) : await launchChromium();
    if (browser) started.push(() => browser.close());
    return { sim, proxy, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
