import type { Browser, Page } from 'playwright-core';
import { loggedInDemo } from '../lib/page.js';
import { median, ms, percentile, ratio } from '../lib/stats.js';
import { plainListPage, scrollFrames, type ScrollResult } from '../lib/scroll.js';
import { injectConversations } from '../lib/synthetic.js';
import type { Figure, FigureRow } from '../lib/types.js';
import { virtualizerPage } from '../lib/virtualizer.js';

const SIZE = 10_000;
/** Pixels scrolled per frame: about 20 rows, a fast fling. */
const STEP = 1500;
/** Goal: the inbox's frame time p95 within this factor of the plain list's, same run. */
const GOAL_RATIO = 1.25;
/** Frames left out at the start of each run: they warm up. */
const WARM_UP = 5;

/** The frames after the warm-up. */
function warm(result: ScrollResult): ScrollResult {
  return { ...result, times: result.times.slice(WARM_UP), deltas: result.deltas.slice(WARM_UP) };
}

/** Scrolls a page of its own (closing its context after). */
async function scrolled(
  page: Page,
  target: { host: string | null; list: string },
  frames: number,
): Promise<ScrollResult> {
  try {
    return warm(await scrollFrames(page, { ...target, frames, step: STEP }));
  } finally {
    await page.context().close();
  }
}

/** Frame times of one kind of list over the repetitions. */
class Frames {
  times: number[] = [];
  deltas: number[] = [];
  rows = 0;
  /** scrollTop + 1 reached by a list that did not scroll through; 0 = all scrolled. */
  stuck = 0;

  add(result: ScrollResult, frames: number): void {
    this.times.push(...result.times);
    this.deltas.push(...result.deltas);
    this.rows = Math.max(this.rows, result.rows);
    // A list that cannot scroll (e.g. its height was blocked) measures nothing.
    if (result.top < STEP * (frames / 2)) this.stuck = Math.max(this.stuck, result.top + 1);
  }

  get p95(): number {
    return percentile(this.times, 95);
  }

  value(): string {
    if (this.stuck) return `the list did not scroll (scrollTop ${this.stuck - 1})`;
    return `${ms(this.p95)} (rAF interval p95 ${ms(percentile(this.deltas, 95))})`;
  }

  raw(): Record<string, unknown> {
    const { times } = this;
    return { p50: percentile(times, 50), p95: this.p95, max: Math.max(...times), rows: this.rows };
  }
}

async function plainFrames(browser: Browser, frames: number): Promise<ScrollResult> {
  return scrolled(await plainListPage(browser, SIZE), { host: null, list: '#list' }, frames);
}

async function virtualizerFrames(browser: Browser, frames: number): Promise<ScrollResult> {
  const page = await virtualizerPage(browser, SIZE);
  return scrolled(page, { host: 'virtualized-inbox', list: '[part~="list"]' }, frames);
}

/** 10,000 conversations: first render, scrolling frame time, rows in the DOM. */
export const bigListFigure: Figure = {
  id: 'big-list',
  method:
    `After login, ${SIZE.toLocaleString('en')} conversations (newer than any loaded) are put into ` +
    "the session's store in one `upsertConversations` call, as a REST answer would be; first " +
    'render = from that call until the task after the frame that shows the newest row. Then the ' +
    `list is scrolled by ${STEP} px (about 20 rows, a fast fling) every animation frame; frame ` +
    'time = from the frame’s start (rAF timestamp) to the first task after its rendering, p95 ' +
    `over the frames after the first ${WARM_UP} of each run; rows = the most \`[role=option]\` ` +
    'elements in the inbox at any frame. Each run uses a fresh page. Baseline, in the same runs ' +
    `(interleaved): the same scrolling of a plain page with ${SIZE.toLocaleString('en')} static ` +
    'rows of the same size and shape (no framework, all rows in the DOM, 330 × 660 px): the ' +
    "floor of this machine and browser. For comparison: the inbox's own rows and styles in " +
    "`@lit-labs/virtualizer`'s `virtualize` directive (keyed by id, same data, same box, no " +
    'pictures), scrolled the same way.',
  async run(ctx) {
    const reps = ctx.quick ? 1 : 5;
    const frames = ctx.quick ? 90 : 300;
    const browser = await ctx.browser();
    const firstRender: number[] = [];
    const inbox = new Frames();
    const plain = new Frames();
    const virtualizer = new Frames();
    for (let rep = 0; rep < reps; rep++) {
      plain.add(await plainFrames(browser, frames), frames);
      const { demo } = await loggedInDemo(ctx);
      try {
        const timing = await injectConversations(demo.page, { conversations: SIZE });
        firstRender.push(timing.paintMs);
        const target = { host: 'chatomni-inbox', list: '[part~="list"]' };
        inbox.add(warm(await scrollFrames(demo.page, { ...target, frames, step: STEP })), frames);
      } finally {
        await demo.close();
      }
      virtualizer.add(await virtualizerFrames(browser, frames), frames);
    }
    const first = median(firstRender);
    const baseline = `plain static list, ${SIZE.toLocaleString('en')} rows: ${ms(plain.p95)}`;
    const inboxRatio = inbox.p95 / plain.p95;
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
        value: inbox.value(),
        goal: `≤ ${GOAL_RATIO}× the plain list`,
        met: !inbox.stuck && !plain.stuck && inboxRatio <= GOAL_RATIO,
        baseline,
        ratio: inbox.stuck ? undefined : ratio(inbox.p95, plain.p95),
        samples: inbox.times.length,
        raw: { ...inbox.raw(), plain: plain.raw() },
      },
      {
        figure: `the same rows in @lit-labs/virtualizer: frame time p95 while scrolling`,
        value: virtualizer.value(),
        goal: '(information)',
        met: null,
        baseline,
        ratio: virtualizer.stuck ? undefined : ratio(virtualizer.p95, plain.p95),
        samples: virtualizer.times.length,
        raw: virtualizer.raw(),
      },
      {
        figure: `${SIZE.toLocaleString('en')} conversations: rows in the DOM`,
        value: String(inbox.rows),
        goal: '≤ 100',
        met: inbox.rows <= 100,
        raw: { maxRows: inbox.rows },
      },
    ];
    return rows;
  },
};
