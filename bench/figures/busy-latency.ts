import { setTimeout as sleep } from 'node:timers/promises';
import { sessionView, simControl, type E2EStack } from '../../test/stack/index.js';
import { loggedInDemo, storeHas } from '../lib/page.js';
import { ms, percentile, ratio } from '../lib/stats.js';
import { injectConversations } from '../lib/synthetic.js';
import type { Figure } from '../lib/types.js';
import { probe, type ProbeLatency } from '../lib/watch.js';

const SIZE = 10_000;
const COUNT = 1000;
const SPREAD_MS = 1000;
const GOAL_MS = 50;
/** Conversations the burst goes to. */
const TARGETS = 50;

/**
 * Pushes `COUNT` customer messages evenly over `SPREAD_MS` into `targets` (one
 * `/__sim/emit-batch` each, all started at once); returns their ids.
 */
async function burst(stack: E2EStack, targets: readonly string[]): Promise<string[]> {
  // Whole messages per target (the list may hold fewer than TARGETS): the first ones take the rest.
  const each = (i: number) =>
    Math.floor(COUNT / targets.length) + (i < COUNT % targets.length ? 1 : 0);
  const batches = await Promise.all(
    targets.map((conversationId, i) =>
      simControl<{ Ids: string[] }>(stack.sim, 'emit-batch', {
        count: each(i),
        spreadMs: SPREAD_MS,
        kind: 'message',
        conversationId,
      }),
    ),
  );
  return batches.flatMap((b) => b.Ids);
}

/** A new probe this often (ms), without waiting for the ones still on their way. */
const PROBE_EVERY = 50;

/** Probes the open conversation every {@link PROBE_EVERY} ms until `until` (epoch ms). */
async function probesUntil(
  run: () => Promise<ProbeLatency>,
  until: number,
  into: number[],
): Promise<void> {
  const pending: Promise<void>[] = [];
  while (Date.now() < until) {
    pending.push(run().then((r) => void into.push(r.both)));
    await sleep(PROBE_EVERY);
  }
  await Promise.all(pending);
}

/** Socket event → visible while the inbox holds 10,000 conversations and a burst runs. */
export const busyLatencyFigure: Figure = {
  id: 'busy-latency',
  method:
    `The demo is logged in with the top conversation open and ${SIZE.toLocaleString('en')} ` +
    "conversations put into the session's store (as in big-list, but the newest from now, " +
    'not from a minute ahead). Then, while the simulator ' +
    `pushes ${COUNT} customer messages over ${SPREAD_MS} ms into the ${TARGETS} most recent ` +
    'conversations after the open one (`/__sim/emit-batch`; not into the open one, whose last ' +
    'line would otherwise hide the probes in the inbox), probe messages with unique texts are ' +
    `emitted every ${PROBE_EVERY} ms into the open conversation (\`/__sim/emit\`), each measured as in ` +
    'latency until the open thread shows it, from the simulator’s `EmittedAt` (in the inbox, ' +
    "the burst's newer activity pushes the probe's row out of view within a frame; the inbox " +
    'renders in the same frames, so its work is in the figure). ' +
    'Repeated bursts on the same page until enough probes; p99 (and p50) over all probes. ' +
    'Baseline: the same probes on the same page before the bursts (10,000 conversations, no ' +
    'burst).',
  async run(ctx) {
    const stack = await ctx.stack();
    const bursts = ctx.quick ? 1 : 6;
    const { demo, openId } = await loggedInDemo(ctx, { openTop: true });
    try {
      const page = demo.page;
      const targets = (await sessionView(page)).order
        .map((c) => c.id)
        .filter((id) => id !== openId)
        .slice(0, TARGETS);
      // The newest of them is from now (so newer than any message of earlier figures): every
      // probe from here on moves its conversation above all of them.
      await injectConversations(page, { conversations: SIZE, newestIn: 0 });
      // In the thread: in the inbox, the burst's newer activity pushes the probe's row out
      // of view within a frame (the inbox renders in the same frames, so its work counts).
      const run = () => probe(stack.sim, page, openId!, { inbox: false });
      // Warm-up (JIT, first renders), then the quiet baseline.
      for (let i = 0; i < 5; i++) await run();
      const quiet: number[] = [];
      await probesUntil(run, Date.now() + SPREAD_MS * bursts, quiet);
      const busy: number[] = [];
      for (let b = 0; b < bursts; b++) {
        const Ids = await burst(stack, targets);
        await probesUntil(run, Date.now() + SPREAD_MS, busy);
        ctx.log(`busy-latency: burst ${b + 1} of ${bursts}, ${busy.length} probes so far`);
        // The next burst starts once this one is all in the store.
        await storeHas(page, Ids, 20_000);
      }
      const p99 = percentile(busy, 99);
      const quietP99 = percentile(quiet, 99);
      return [
        {
          figure:
            `socket event → visible in the thread, p99, with ${SIZE.toLocaleString('en')} conversations ` +
            `loaded and a ${COUNT.toLocaleString('en')}-message burst running`,
          value: `${ms(p99)} (p50 ${ms(percentile(busy, 50))})`,
          goal: `≤ ${GOAL_MS} ms`,
          met: p99 <= GOAL_MS,
          baseline: `no burst: ${ms(quietP99)} (p50 ${ms(percentile(quiet, 50))})`,
          ratio: ratio(p99, quietP99),
          samples: busy.length,
          raw: {
            p50: percentile(busy, 50),
            p99,
            max: Math.max(...busy),
            quietP50: percentile(quiet, 50),
            quietP99,
            quietSamples: quiet.length,
          },
        },
      ];
    } finally {
      await demo.close();
    }
  },
};
