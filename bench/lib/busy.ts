/** The busy-latency figure's load, also run by `bench/profile.ts busy`. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { sessionView, simControl, type E2EStack } from '../../test/stack/index.js';

/** Messages of one burst. */
export const BURST_COUNT = 1000;
/** A burst's messages are spread over this many ms. */
export const BURST_SPREAD_MS = 1000;
/** Conversations a burst goes to. */
export const BURST_TARGETS = 50;
/** A new probe this often (ms), without waiting for the ones still on their way. */
export const PROBE_EVERY = 50;

/** The {@link BURST_TARGETS} most recent conversations but the open one. */
export async function burstTargets(page: Page, openId: string | null): Promise<string[]> {
  return (await sessionView(page)).order
    .map((c) => c.id)
    .filter((id) => id !== openId)
    .slice(0, BURST_TARGETS);
}

/**
 * Pushes {@link BURST_COUNT} customer messages evenly over {@link BURST_SPREAD_MS} into
 * `targets` (one `/__sim/emit-batch` each, all started at once); returns their ids.
 */
export async function burst(stack: E2EStack, targets: readonly string[]): Promise<string[]> {
  // Whole messages per target (the list may hold fewer): the first ones take the rest.
  const each = (i: number) =>
    Math.floor(BURST_COUNT / targets.length) + (i < BURST_COUNT % targets.length ? 1 : 0);
  const batches = await Promise.all(
    targets.map((conversationId, i) =>
      simControl<{ Ids: string[] }>(stack.sim, 'emit-batch', {
        count: each(i),
        spreadMs: BURST_SPREAD_MS,
        kind: 'message',
        conversationId,
      }),
    ),
  );
  return batches.flatMap((b) => b.Ids);
}

/** Runs a probe every {@link PROBE_EVERY} ms until `until` (epoch ms); waits for them all. */
export async function probesUntil<T>(
  run: () => Promise<T>,
  until: number,
  into: T[],
): Promise<void> {
  const pending: Promise<void>[] = [];
  while (Date.now() < until) {
    pending.push(run().then((r) => void into.push(r)));
    await sleep(PROBE_EVERY);
  }
  await Promise.all(pending);
}
