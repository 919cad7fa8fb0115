/**
 * What the end-to-end tests and the benchmarks start: a real simulator on free ports, the
 * proxy with the demo site in real workerd pointing at it, and headless Chromium. Everything
 * listens on 127.0.0.1 and everything started is stopped by `close()`.
 */
import type { Browser } from 'playwright-core';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@chatomni/simulator';
import { launchChromium } from './e2e-browser.js';
import { ensureSite, startProxy, wsOrigin, type RunningProxy } from './e2e-proxy.js';

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
    const sim = await startSimulator(options.simulator ?? {});
    started.push(() => sim.close());
    const proxy = await startProxy({
      apiBase: new URL(sim.restUrl).origin,
      rtWs: wsOrigin(sim.rtUrl),
      chatWs: wsOrigin(sim.chatUrl),
      vars: options.proxyVars,
    });
    started.push(() => proxy.close());
    const browser = options.browser === false ? (undefined as never) : await launchChromium();
    if (browser) started.push(() => browser.close());
    return { sim, proxy, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Calls the simulator's control API (`/__sim/*`) and returns its JSON answer.
 * @throws Error when it does not answer 200.
 */
export async function simControl<T = Record<string, unknown>>(
  sim: RunningSimulator,
  path: string,
  body?: Record<string, unknown>,
): Promise<T> {
  const res = await fetch(`${sim.restUrl}/__sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/__sim/${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}
