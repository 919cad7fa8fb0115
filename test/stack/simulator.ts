/** Talking to the stack's simulator the way a test or benchmark does: its control API. */
import type { RunningSimulator } from '@chatomni/simulator';

/**
 * Calls the simulator's control API (`/__sim/*`) and returns its JSON answer: a GET without
 * `body`, a JSON POST with one.
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
