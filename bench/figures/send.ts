import type { Page } from 'playwright-core';
import { simControl, waitUntil } from '../../test/stack/index.js';
import { loggedInDemo } from '../lib/page.js';
import { ms, percentile, ratio } from '../lib/stats.js';
import type { Figure, FigureRow } from '../lib/types.js';

/** The Graph stand-in's default limit, put back after the figure. */
const DEFAULT_RATE = { sends: 600, perMs: 60_000 };

/** Types `text` into the thread's composer, as one input event, and waits for the render. */
function typeText(page: Page, text: string): Promise<void> {
  return page.evaluate(async (text) => {
    const el = document.querySelector('chatomni-thread') as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    const area = el.shadowRoot!.querySelector('textarea')!;
    area.value = text;
    area.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
  }, text);
}

/**
 * In the page: types `text`, clicks "Gửi" and times, from the click, the bubble's first
 * appearance in the thread's shadow DOM and its "Đã gửi" (MutationObserver, page clock).
 */
async function clickAndWatch(page: Page, text: string): Promise<{ shown: number; sent: number }> {
  await typeText(page, text);
  return page.evaluate((text) => {
    const root = document.querySelector('chatomni-thread')!.shadowRoot!;
    const bubble = () =>
      [...root.querySelectorAll('.msg.out')].find(
        (m) => m.querySelector(':scope > .bubble .text')?.textContent === text,
      );
    return new Promise<{ shown: number; sent: number }>((resolve, reject) => {
      let shown: number | undefined;
      const check = () => {
        const m = bubble();
        if (!m) return;
        shown ??= performance.now() - t0;
        const status = m.querySelector(':scope > .meta [part="send-status"]')?.textContent;
        if (status?.trim() === 'Đã gửi') {
          observer.disconnect();
          clearTimeout(timer);
          resolve({ shown, sent: performance.now() - t0 });
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(root, { subtree: true, childList: true, characterData: true });
      const timer = setTimeout(() => reject(new Error(`"${text}" not sent in 10 s`)), 10_000);
      const t0 = performance.now();
      root.querySelector<HTMLButtonElement>('[part="send"]')!.click();
      check();
    });
  }, text);
}

/**
 * Baseline of "bubble shown", in the page: the same click when the page takes `chatomni-send`
 * (cancels it): the element fires the event, clears the composer and renders; no bubble.
 */
async function clickTaken(page: Page, text: string): Promise<number> {
  await typeText(page, text);
  return page.evaluate(async () => {
    const el = document.querySelector('chatomni-thread') as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    const root = el.shadowRoot!;
    const area = root.querySelector('textarea')!;
    const take = (e: Event) => e.preventDefault();
    el.addEventListener('chatomni-send', take);
    const t0 = performance.now();
    root.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    await el.updateComplete;
    const took = performance.now() - t0;
    el.removeEventListener('chatomni-send', take);
    if (area.value !== '') throw new Error('the composer was not cleared');
    return took;
  });
}

/** Baseline of "Đã gửi", in the page: the bare `POST /api/send` round trip with fetch. */
function rawSend(
  page: Page,
  body: { pageId: string; psid: string; text: string },
  bearer: string,
): Promise<number> {
  return page.evaluate(
    async ({ body, bearer }) => {
      const key = crypto.randomUUID();
      const t0 = performance.now();
      const res = await fetch('/api/send', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
      await res.json();
      if (res.status !== 200) throw new Error(`/api/send answered ${res.status}`);
      return performance.now() - t0;
    },
    { body, bearer },
  );
}

/** The number of outgoing bubbles in the thread (0 once every echo took its place). */
function outgoingCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.querySelector('chatomni-thread')!.shadowRoot!.querySelectorAll('[data-outgoing]')
        .length,
  );
}

/** Messenger replies from the open thread: click → bubble, click → "Đã gửi". */
export const sendFigure: Figure = {
  id: 'send',
  method:
    'The demo page is logged in through the proxy (wrangler dev, workerd) with the top ' +
    'conversation open and its customer having just written. One at a time, a unique text is ' +
    'typed and "Gửi" clicked inside the page; a MutationObserver on the thread notes when the ' +
    'bubble is in its shadow DOM and when it says "Đã gửi" (the Send API answered through ' +
    'the proxy: page token lookup, idempotency key in the Durable Object, the Graph ' +
    "stand-in's post and echo). Each send waits for its echo before the next. Baselines, " +
    'interleaved in the same run: the same click when the page takes `chatomni-send` ' +
    '(event, composer cleared, render; no bubble), and a bare `fetch` of `POST /api/send` ' +
    'from the page with the same body.',
  async run(ctx) {
    const stack = await ctx.stack();
    const { demo, openId } = await loggedInDemo(ctx, { openTop: true });
    await simControl(stack.sim, 'graph/rate-limit', { sends: 1_000_000, perMs: 60_000 });
    try {
      const count = ctx.quick ? 20 : 100;
      const target = await demo.page.evaluate((id) => {
        const el = document.querySelector('chatomni-thread') as unknown as {
          chatSession: { conversation(id: string): { pageId: string; psid: string } };
        };
        const c = el.chatSession.conversation(id);
        return { pageId: c.pageId, psid: c.psid };
      }, openId!);
      // The customer writes: the 24-hour window is open.
      await simControl(stack.sim, 'emit', { conversationId: openId, text: 'Shop ơi?' });
      const bearer = stack.sim.login('demo').access_token;
      const shown: number[] = [];
      const sent: number[] = [];
      const taken: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < count + 3; i++) {
        const tag = `${i} ${Math.random().toString(36).slice(2, 8)}`;
        const one = await clickAndWatch(demo.page, `Bench gửi ${tag}`);
        await waitUntil(async () => (await outgoingCount(demo.page)) === 0, 'the echo');
        const base = await clickTaken(demo.page, `Bench nhận ${tag}`);
        const bare = await rawSend(demo.page, { ...target, text: `Bench fetch ${tag}` }, bearer);
        // The first three warm up (JIT, the page-token cache, first renders).
        if (i < 3) continue;
        shown.push(one.shown);
        sent.push(one.sent);
        taken.push(base);
        raw.push(bare);
      }
      const p = (xs: number[], q: number) => percentile(xs, q);
      const rows: FigureRow[] = [
        {
          figure: `send: click → bubble shown ("Đang gửi…"), p50 / p99 (${count} sends)`,
          value: `${ms(p(shown, 50))} / ${ms(p(shown, 99))}`,
          goal: '≤ 16.7 ms / ≤ 50 ms',
          met: p(shown, 50) <= 16.7 && p(shown, 99) <= 50,
          baseline: `page takes chatomni-send: ${ms(p(taken, 50))} / ${ms(p(taken, 99))}`,
          ratio: ratio(p(shown, 50), p(taken, 50)),
          samples: shown.length,
          raw: { p50: p(shown, 50), p99: p(shown, 99), baselineP50: p(taken, 50) },
        },
        {
          figure: `send: click → "Đã gửi" through the proxy, p50 / p99 (${count} sends)`,
          value: `${ms(p(sent, 50))} / ${ms(p(sent, 99))}`,
          goal: '≤ 200 ms / ≤ 500 ms',
          met: p(sent, 50) <= 200 && p(sent, 99) <= 500,
          baseline: `bare fetch POST /api/send: ${ms(p(raw, 50))} / ${ms(p(raw, 99))}`,
          ratio: ratio(p(sent, 50), p(raw, 50)),
          samples: sent.length,
          raw: { p50: p(sent, 50), p99: p(sent, 99), baselineP50: p(raw, 50) },
        },
      ];
      return rows;
    } finally {
      await simControl(stack.sim, 'graph/rate-limit', DEFAULT_RATE).catch(() => {});
      await demo.close();
    }
  },
};
