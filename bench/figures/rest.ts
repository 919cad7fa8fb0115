import { setTimeout as sleep } from 'node:timers/promises';
import { sessionView, simControl, waitUntil } from '../../test/stack/index.js';
import { loggedInDemo, pushBatch } from '../lib/page.js';
import { ratio } from '../lib/stats.js';
import { startSeedClient } from '../lib/seed-client.js';
import type { Figure } from '../lib/types.js';

interface Counters {
  rest: { total: number; byRoute: Record<string, number> };
}

const MESSAGES = 100;
/** Spread of the 100 messages, so they arrive as a live shop's would, not all in one tick. */
const SPREAD_MS = 3000;
/** Quiet time after the last message, for any follow-up request to be counted. */
const SETTLE_MS = 2000;

/** REST requests per 100 pushed messages while the sockets are up, and the seed's baseline. */
export const restFigure: Figure = {
  id: 'rest',
  method:
    `${MESSAGES} customer messages are pushed over ${SPREAD_MS / 1000} s (\`/__sim/emit-batch\`, ` +
    'spread over the 50 most recent conversations, one of them open in the thread) while both ' +
    'sockets are up; the simulator counts every REST request it answers (`/__sim/counters`) until ' +
    `${SETTLE_MS / 1000} s after the last message. Baseline: a Node client doing what the seed ` +
    'does (on every `on-events`, refetch the conversation list and the open thread through the ' +
    'proxy), measured the same way in the same run.',
  async run(ctx) {
    const stack = await ctx.stack();
    // Widgets.
    const { demo } = await loggedInDemo(ctx, { openTop: true });
    let widget: Counters;
    try {
      // Only the pushes count: wait until the login's own requests (list, thread, pages,
      // catch-up) are over, i.e. no new request for half a second.
      let seen = -1;
      for (;;) {
        const { rest } = await simControl<Counters>(stack.sim, 'counters');
        if (rest.total === seen) break;
        seen = rest.total;
        await sleep(500);
      }
      await simControl(stack.sim, 'reset-counters', {});
      await pushBatch(stack, demo.page, {
        count: MESSAGES,
        spreadMs: SPREAD_MS,
        timeout: SPREAD_MS + 15_000,
      });
      await sleep(SETTLE_MS);
      widget = await simControl<Counters>(stack.sim, 'counters');
      if (!(await sessionView(demo.page)).selectedId) throw new Error('the thread was closed');
    } finally {
      await demo.close();
    }

    // Baseline: the seed's refetch-on-every-event.
    const token = stack.sim.login('demo').access_token;
    const info = await simControl<{ tenants: { host: string }[] }>(stack.sim, 'info');
    const top = await fetch(`${stack.proxy.url}/api/api-ms/chatomni/v1/conversations/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Limit: 1, Type: 'all' }),
    });
    const first = (
      (await top.json()) as { Data: { Channel: { Id: string }; User: { Id: string } }[] }
    ).Data[0]!;
    const seed = await startSeedClient({
      proxyUrl: stack.proxy.url,
      token,
      room: info.tenants[0]!.host,
      open: { pageId: first.Channel.Id, psid: first.User.Id },
    });
    let baseline: Counters;
    try {
      await sleep(300);
      await simControl(stack.sim, 'reset-counters', {});
      await simControl(stack.sim, 'emit-batch', {
        count: MESSAGES,
        spreadMs: SPREAD_MS,
        kind: 'message',
      });
      await waitUntil(() => seed.fetches >= 2 * MESSAGES, 'the seed client refetched', {
        timeout: SPREAD_MS + 30_000,
      });
      await sleep(SETTLE_MS);
      baseline = await simControl<Counters>(stack.sim, 'counters');
    } finally {
      seed.close();
    }
    const ours = widget.rest.total;
    const theirs = baseline.rest.total;
    return [
      {
        figure: `REST requests per ${MESSAGES} pushed messages, sockets up`,
        value: String(ours),
        goal: '≤ 2',
        met: ours <= 2,
        baseline: `seed's refetch on every event: ${theirs}`,
        ratio: ratio(ours, theirs),
        raw: { widgets: widget.rest, seed: baseline.rest, seedEvents: seed.events },
      },
    ];
  },
};
