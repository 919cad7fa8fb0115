import { loggedInDemo } from '../lib/page.js';
import { median, ms, percentile, ratio } from '../lib/stats.js';
import { plainListFrames, scrollFrames } from '../lib/scroll.js';
import { injectConversations } from '../lib/synthetic.js';
import type { Figure, FigureRow } from '../lib/types.js';

const SIZE = 10_000;
/** Pixels scrolled per frame: about 20 rows, a fast fling. */
const STEP = 1500;
/** Rows of the plain-list baseline (the whole list in the DOM; 72 px each). */
const PLAIN_ROWS = 3000;

/** 10,000 conversations: first render, scrolling frame time, rows in the DOM. */
export const bigListFigure: Figure = {
  id: 'big-list',
  method:
    `After login, ${SIZE.toLocaleString('en')} conversations (newer than any loaded) are put into ` +
    "the session's store in one `upsertConversations` call, as a REST answer would be; first " +
    'render = from that call until the task after the frame that shows the newest row. Then the ' +
    'list is scrolled by a fixed distance every animation frame; frame time = from the frame’s ' +
    'start (rAF timestamp) to the first task after its rendering, p95 over the frames; rows = the ' +
    'most `[role=option]` elements in the inbox at any frame. Each run uses a fresh page. ' +
    `Baseline: the same scrolling of a plain page with ${PLAIN_ROWS.toLocaleString('en')} static ` +
    'rows of the same size and shape (no framework, all rows in the DOM): the floor of this ' +
    'machine and browser.',
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
        const scroll = await scrollFrames(demo.page, {
          host: 'chatomni-inbox',
          list: '[part~="list"]',
          frames,
          step: STEP,
        });
        // A list that cannot scroll (e.g. its height was blocked) measures nothing.
        if (scroll.top < STEP * (frames / 2)) stuck = Math.max(stuck, scroll.top + 1);
        // The first frames warm up.
        frameTimes.push(...scroll.times.slice(5));
        rafDeltas.push(...scroll.deltas.slice(5));
        maxRows = Math.max(maxRows, scroll.rows);
      } finally {
        await demo.close();
      }
    }
    const plain = await plainListFrames(await ctx.browser(), {
      count: PLAIN_ROWS,
      frames,
      step: STEP,
    });
    const plainP95 = percentile(plain.times.slice(5), 95);
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
        baseline: `plain static list, ${PLAIN_ROWS.toLocaleString('en')} rows: ${ms(plainP95)}`,
        ratio: stuck ? undefined : ratio(p95, plainP95),
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
