import {
  burst,
  burstTargets,
  BURST_COUNT as COUNT,
  BURST_SPREAD_MS as SPREAD_MS,
  BURST_TARGETS as TARGETS,
  PROBE_EVERY,
  probesUntil,
} from '../lib/busy.js';
import { loggedInDemo, storeHas } from '../lib/page.js';
import { ms, percentile, ratio } from '../lib/stats.js';
import { injectConversations } from '../lib/synthetic.js';
import type { Figure } from '../lib/types.js';
import { probe, type ProbeLatency } from '../lib/watch.js';

const SIZE = 10_000;
const GOAL_MS = 50;

/** p50 and p99 of one measure of `probes`. */
function spread(probes: readonly ProbeLatency[], key: 'fromFrame' | 'both') {
  const values = probes.map((p) => p[key]);
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) };
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
    `emitted every ${PROBE_EVERY} ms into the open conversation (\`/__sim/emit\`), each measured ` +
    'from the moment its first WebSocket frame reaches the page (a listener the page adds to ' +
    "every WebSocket before the widgets' own) until the open thread shows it (a MutationObserver; " +
    "in the inbox, the burst's newer activity pushes the probe's row out of view within a frame; " +
    'the inbox renders in the same frames, so its work is in the figure). Also shown: the same ' +
    "from the simulator's `EmittedAt`, which adds this machine's way from the simulator to the " +
    'page: the simulator shares its Node.js process with the benchmark and Playwright (which ' +
    'receives every WebSocket frame of the page over the DevTools protocol), then both workerd ' +
    'hops of `wrangler dev`; at 2,000 frames a second (each event comes on both sockets) that ' +
    'queue, not the widgets, is most of the end-to-end figure. ' +
    'Repeated bursts on the same page until enough probes; p99 (and p50) over all probes. ' +
    'Baseline: the same probes on the same page before the bursts (10,000 conversations, no ' +
    'burst).',
  async run(ctx) {
    const stack = await ctx.stack();
    const bursts = ctx.quick ? 1 : 6;
    const { demo, openId } = await loggedInDemo(ctx, { openTop: true, probeFrames: true });
    try {
      const page = demo.page;
      const targets = await burstTargets(page, openId);
      // The newest of them is from now (so newer than any message of earlier figures): every
      // probe from here on moves its conversation above all of them.
      await injectConversations(page, { conversations: SIZE, newestIn: 0 });
      // In the thread: in the inbox, the burst's newer activity pushes the probe's row out
      // of view within a frame (the inbox renders in the same frames, so its work counts).
      const run = () => probe(stack.sim, page, openId!, { inbox: false });
      // Warm-up (JIT, first renders), then the quiet baseline.
      for (let i = 0; i < 5; i++) await run();
      const quiet: ProbeLatency[] = [];
      await probesUntil(run, Date.now() + SPREAD_MS * bursts, quiet);
      const busy: ProbeLatency[] = [];
      for (let b = 0; b < bursts; b++) {
        const Ids = await burst(stack, targets);
        await probesUntil(run, Date.now() + SPREAD_MS, busy);
        ctx.log(`busy-latency: burst ${b + 1} of ${bursts}, ${busy.length} probes so far`);
        // The next burst starts once this one is all in the store.
        await storeHas(page, Ids, 20_000);
      }
      const page99 = spread(busy, 'fromFrame');
      const quietPage = spread(quiet, 'fromFrame');
      const emitted = spread(busy, 'both');
      const quietEmitted = spread(quiet, 'both');
      return [
        {
          figure:
            `socket event → visible in the thread, p99, with ${SIZE.toLocaleString('en')} conversations ` +
            `loaded and a ${COUNT.toLocaleString('en')}-message burst running`,
          value:
            `${ms(page99.p99)} (p50 ${ms(page99.p50)}); from the simulator's emit ` +
            `${ms(emitted.p99)} (p50 ${ms(emitted.p50)})`,
          goal: `≤ ${GOAL_MS} ms`,
          met: page99.p99 <= GOAL_MS,
          baseline:
            `no burst: ${ms(quietPage.p99)} (p50 ${ms(quietPage.p50)}); from the emit ` +
            `${ms(quietEmitted.p99)}`,
          ratio: ratio(page99.p99, quietPage.p99),
          samples: busy.length,
          raw: {
            p50: page99.p50,
            p99: page99.p99,
            max: page99.max,
            fromEmit: emitted,
            quietP50: quietPage.p50,
            quietP99: quietPage.p99,
            quietFromEmit: quietEmitted,
            quietSamples: quiet.length,
          },
        },
      ];
    } finally {
      await demo.close();
    }
  },
};
