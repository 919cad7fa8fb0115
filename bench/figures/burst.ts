import { sessionView, shadowText, simControl } from '../../test/stack/index.js';
import { loggedInDemo, pushBatch } from '../lib/page.js';
import { ms } from '../lib/stats.js';
import type { Figure } from '../lib/types.js';

const COUNT = 1000;
const SPREAD_MS = 1000;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Longest `RunTask` (µs → ms) on any renderer main thread of the trace. */
function longestTask(trace: Buffer): { longest: number; tasks: number } {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let longest = 0;
  let tasks = 0;
  for (const e of traceEvents) {
    if (e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)) {
      tasks += 1;
      longest = Math.max(longest, (e.dur ?? 0) / 1000);
    }
  }
  return { longest, tasks };
}

/** 1,000 messages within one second: all shown exactly once, longest main-thread task. */
export const burstFigure: Figure = {
  id: 'burst',
  method:
    `With the demo logged in and the top conversation open, the simulator pushes ${COUNT} ` +
    `customer messages evenly over ${SPREAD_MS} ms into its 50 most recent conversations ` +
    '(`/__sim/emit-batch`). Checked: every message id is in the session store, the open ' +
    'thread has each of its messages once, and the unread counts grew by exactly the number ' +
    'of messages to the other conversations. Longest task = the longest `RunTask` on the ' +
    "renderer's main thread in a Chromium trace (devtools.timeline) covering the burst.",
  async run(ctx) {
    const stack = await ctx.stack();
    const browser = await ctx.browser();
    const { demo, openId } = await loggedInDemo(ctx, { openTop: true });
    try {
      const before = await sessionView(demo.page);
      const unreadBefore = new Map(before.order.map((c) => [c.id, c.unread]));
      await browser.startTracing(demo.page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
      });
      const Ids = await pushBatch(stack, demo.page, {
        count: COUNT,
        spreadMs: SPREAD_MS,
        timeout: SPREAD_MS + 20_000,
      });
      await demo.page.waitForTimeout(300);
      const trace = await browser.stopTracing();
      const { longest, tasks } = longestTask(trace);

      const after = await sessionView(demo.page);
      const upstream = await simControl<{ MessageIds: string[] }>(
        stack.sim,
        `conversations/${openId}`,
      );
      const batch = new Set(Ids);
      const toOpen = upstream.MessageIds.filter((id) => batch.has(id));
      const inThread = after.threadIds.filter((id) => batch.has(id));
      const threadOnce =
        new Set(after.threadIds).size === after.threadIds.length &&
        inThread.length === toOpen.length;
      let unreadGrowth = 0;
      for (const c of after.order) unreadGrowth += c.unread - (unreadBefore.get(c.id) ?? 0);
      const unreadOnce = unreadGrowth === COUNT - toOpen.length;
      const newest = await demo.page.evaluate((id) => {
        const el = document.querySelector('chatomni-inbox') as unknown as {
          chatSession: { store: { getThread(id: string): { messages: { text: string }[] } } };
        };
        return el.chatSession.store.getThread(id).messages.at(-1)?.text ?? '';
      }, openId!);
      const shown = (await shadowText(demo.page, 'chatomni-thread')).includes(newest);
      const all = threadOnce && unreadOnce && shown;
      return [
        {
          figure: `burst of ${COUNT} messages within ${SPREAD_MS / 1000} s: all shown, once`,
          value: all
            ? 'all, once'
            : `thread once: ${threadOnce}, unread +${unreadGrowth} of ${COUNT - toOpen.length}, newest shown: ${shown}`,
          goal: 'all, once',
          met: all,
          raw: { toOpen: toOpen.length, inThread: inThread.length, unreadGrowth },
        },
        {
          figure: `burst of ${COUNT} messages: longest main-thread task`,
          value: ms(longest),
          goal: '≤ 50 ms',
          met: longest <= 50,
          samples: tasks,
          raw: { longestMs: longest, tasks },
        },
      ];
    } finally {
      await demo.close();
    }
  },
};
