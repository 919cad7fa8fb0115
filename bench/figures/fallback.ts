import { bothSocketsUp, simControl, statusView, waitUntil } from '../../test/stack/index.js';
import { loggedInDemo } from '../lib/page.js';
import { median, ms } from '../lib/stats.js';
import type { Figure } from '../lib/types.js';
import { watchText, watched } from '../lib/watch.js';

/** Both sockets dropped → the status shows 🔄 Polling. */
export const fallbackFigure: Figure = {
  id: 'fallback',
  method:
    'With the demo logged in and both sockets up, the simulator refuses new connections and ' +
    'closes both Engine.IO transports (`/__sim/refuse` + `/__sim/disconnect`, like a crash). ' +
    'Time from just before the disconnect call (Node clock) to the moment `<chatomni-status>` ' +
    'shows "Polling" (MutationObserver, page clock; same machine). Repeated; median and worst.',
  async run(ctx) {
    const stack = await ctx.stack();
    // Quick reconnection, so that each repetition starts from Realtime soon.
    const config = { reconnectDelay: 100, slowReconnectDelay: 500 };
    const { demo } = await loggedInDemo(ctx, { config });
    const samples: number[] = [];
    try {
      const reps = ctx.quick ? 3 : 10;
      for (let i = 0; i < reps; i++) {
        const id = await watchText(demo.page, 'Polling', ['chatomni-status']);
        await simControl(stack.sim, 'refuse', { server: 'both', seconds: 600 });
        const t0 = performance.timeOrigin + performance.now();
        await simControl(stack.sim, 'disconnect', { server: 'both', transport: true });
        const { at } = await watched(demo.page, id, 15_000);
        samples.push(at['chatomni-status']! - t0);
        await simControl(stack.sim, 'refuse', { server: 'both', seconds: 0 });
        await waitUntil(
          async () => bothSocketsUp(await statusView(demo.page)),
          'back to Realtime',
          { timeout: 20_000 },
        );
      }
    } finally {
      await simControl(stack.sim, 'refuse', { server: 'both', seconds: 0 }).catch(() => {});
      await demo.close();
    }
    const worst = Math.max(...samples);
    return [
      {
        figure: 'both sockets down → polling active (median, worst)',
        value: `${ms(median(samples))}, worst ${ms(worst)}`,
        goal: '≤ 1 s',
        met: worst <= 1000,
        samples: samples.length,
        raw: { samples },
      },
    ];
  },
};
