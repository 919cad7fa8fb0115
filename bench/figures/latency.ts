import { setTimeout as sleep } from 'node:timers/promises';
import { loggedInDemo } from '../lib/page.js';
import { ms, percentile } from '../lib/stats.js';
import type { Figure } from '../lib/types.js';
import { probe } from '../lib/watch.js';

/** Socket event → visible in the inbox and the open thread, through the proxy. */
export const latencyFigure: Figure = {
  id: 'latency',
  method:
    'The demo page is logged in through the proxy (wrangler dev, workerd) with the top ' +
    'conversation open. One at a time, a customer message with a unique text is emitted with ' +
    '`POST /__sim/emit` into that conversation; a MutationObserver on both shadow roots notes ' +
    'when the text is in the inbox and in the thread. Latency = the later of the two − the ' +
    "simulator's `EmittedAt` (same machine clock; EmittedAt has 1 ms resolution).",
  async run(ctx) {
    const stack = await ctx.stack();
    const { demo, openId } = await loggedInDemo(ctx, { openTop: true });
    try {
      const count = ctx.quick ? 30 : 200;
      const both: number[] = [];
      const inbox: number[] = [];
      const thread: number[] = [];
      for (let i = 0; i < count + 5; i++) {
        const seen = await probe(stack.sim, demo.page, openId!);
        // The first five warm up (JIT, first renders of new rows).
        if (i >= 5) {
          inbox.push(seen.inbox);
          thread.push(seen.thread);
          both.push(seen.both);
        }
        await sleep(30);
      }
      const p50 = percentile(both, 50);
      const p99 = percentile(both, 99);
      return [
        {
          figure: `socket event → visible in inbox and open thread (${count} events), p50 / p99`,
          value: `${ms(p50)} / ${ms(p99)}`,
          goal: '≤ 20 ms / ≤ 50 ms',
          met: p50 <= 20 && p99 <= 50,
          samples: both.length,
          raw: {
            p50,
            p99,
            inboxP50: percentile(inbox, 50),
            threadP50: percentile(thread, 50),
            max: Math.max(...both),
          },
        },
      ];
    } finally {
      await demo.close();
    }
  },
};
