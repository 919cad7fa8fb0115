import { loggedInDemo } from '../lib/page.js';
import { median, ms, percentile } from '../lib/stats.js';
import { injectConversations } from '../lib/synthetic.js';
import type { Figure, FigureRow } from '../lib/types.js';

const SIZE = 10_000;

/** 10,000 conversations: first render, scrolling frame time, rows in the DOM. */
export const bigListFigure: Figure = {
  id: 'big-list',
  method:
    `After login, ${SIZE.toLocaleString('en')} conversations (newer than any loaded) are put into ` +
    "the session's store in one `upsertConversations` call, as a REST answer would be; first " +
    'render = from that call until the task after the frame that shows the newest row. Then the ' +
    'list is scrolled by a fixed distance every animation frame; frame time = from the frame’s ' +
    'start (rAF timestamp) to the first task after its rendering, p95 over the frames; rows = the ' +
    'most `[role=option]` elements in the inbox at any frame. Each run uses a fresh page.',
  async run(ctx) {
    const reps = ctx.quick ? 1 : 5;
    const frames = ctx.quick ? 90 : 300;
    const firstRender: number[] = [];
    const frameTimes: number[] = [];
    const rafDeltas: number[] = [];
    let maxRows = 0;
    /** scrollTop + 1 reached by a list that did not scroll through; 0 = all scrolled. */
    let stuck = 0;
    for (let rep = 0; rep < reps; rep++) {
      const { demo } = await loggedInDemo(ctx);
      try {
        const timing = await injectConversations(demo.page, { conversations: SIZE });
        firstRender.push(timing.paintMs);
        const scroll = await demo.page.evaluate((frames) => {
          const root = document.querySelector('chatomni-inbox')!.shadowRoot!;
          const list = root.querySelector<HTMLElement>('[part~="list"]')!;
          const times: number[] = [];
          const deltas: number[] = [];
          let rows = 0;
          let last = 0;
          return new Promise<{ times: number[]; deltas: number[]; rows: number; top: number }>(
            (resolve) => {
              const step = (ts: number) => {
                if (last) deltas.push(ts - last);
                last = ts;
                // About 20 rows a frame: a fast fling through the list.
                list.scrollTop += 1500;
                const channel = new MessageChannel();
                channel.port1.onmessage = () => {
                  times.push(performance.now() - ts);
                  rows = Math.max(rows, root.querySelectorAll('[role="option"]').length);
                  if (times.length < frames) requestAnimationFrame(step);
                  else resolve({ times, deltas, rows, top: list.scrollTop });
                };
                channel.port2.postMessage(0);
              };
              requestAnimationFrame(step);
            },
          );
        }, frames);
        // A list that cannot scroll (e.g. its height was blocked) measures nothing.
        if (scroll.top < 1500 * (frames / 2)) stuck = Math.max(stuck, scroll.top + 1);
        // The first frames warm up.
        frameTimes.push(...scroll.times.slice(5));
        rafDeltas.push(...scroll.deltas.slice(5));
        maxRows = Math.max(maxRows, scroll.rows);
      } finally {
        await demo.close();
      }
    }
    const first = median(firstRender);
    const p95 = percentile(frameTimes, 95);
    const rows: FigureRow[] = [
      {
        figure: `${SIZE.toLocaleString('en')} conversations: first render after the data arrives`,
        value: ms(first) + (reps > 1 ? ` (median of ${reps})` : ''),
        goal: '≤ 100 ms',
        met: first <= 100,
        samples: firstRender.length,
        raw: { firstRender },
      },
      {
        figure: `${SIZE.toLocaleString('en')} conversations: frame time p95 while scrolling`,
        value: stuck
          ? `the list did not scroll (scrollTop ${stuck - 1})`
          : `${ms(p95)} (rAF interval p95 ${ms(percentile(rafDeltas, 95))})`,
        goal: '≤ 16.7 ms',
        met: !stuck && p95 <= 16.7,
        samples: frameTimes.length,
        raw: { p50: percentile(frameTimes, 50), p95, max: Math.max(...frameTimes) },
      },
      {
        figure: `${SIZE.toLocaleString('en')} conversations: rows in the DOM`,
        value: String(maxRows),
        goal: '≤ 100',
        met: maxRows <= 100,
        raw: { maxRows },
      },
    ];
    return rows;
  },
};
