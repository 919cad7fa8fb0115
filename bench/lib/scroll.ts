/** Frame times while a list is scrolled by a fixed distance every animation frame. */
import type { Browser, Page } from 'playwright-core';

/** What {@link scrollFrames} measured (page clock, ms). */
export interface ScrollResult {
  /** Per frame: from its start (rAF timestamp) to the first task after its rendering. */
  times: number[];
  /** Intervals between animation frames. */
  deltas: number[];
  /** Most `[role="option"]` elements in the list's root at any frame. */
  rows: number;
  /** scrollTop at the end. */
  top: number;
}

/**
 * Scrolls `list` (inside the shadow root of `host`, or in the document when `host` is null)
 * by `step` px per frame for `frames` frames.
 */
export async function scrollFrames(
  page: Page,
  options: { host: string | null; list: string; frames: number; step: number },
): Promise<ScrollResult> {
  return page.evaluate(({ host, list: selector, frames, step }) => {
    const root: ParentNode = host ? document.querySelector(host)!.shadowRoot! : document;
    const list = root.querySelector<HTMLElement>(selector)!;
    const times: number[] = [];
    const deltas: number[] = [];
    let rows = 0;
    let last = 0;
    return new Promise<{ times: number[]; deltas: number[]; rows: number; top: number }>(
      (resolve) => {
        const frame = (ts: number) => {
          if (last) deltas.push(ts - last);
          last = ts;
          list.scrollTop += step;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            times.push(performance.now() - ts);
            rows = Math.max(rows, root.querySelectorAll('[role="option"]').length);
            if (times.length < frames) requestAnimationFrame(frame);
            else resolve({ times, deltas, rows, top: list.scrollTop });
          };
          channel.port2.postMessage(0);
        };
        requestAnimationFrame(frame);
      },
    );
  }, options);
}

/**
 * The floor of scrolling on this machine: a plain page with `count` static rows shaped like
 * the inbox's (avatar, name, time, last line, badges; 72 px), in a box of the inbox's size
 * (`#list`). Close the page's context when done.
 */
export async function plainListPage(browser: Browser, count: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles with esbuild's keepNames: functions passed to page.evaluate may call it.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  const page = await context.newPage();
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>
    body { font: 14px system-ui, sans-serif; margin: 0 }
    #list { height: 660px; width: 330px; overflow-y: auto }
    .row { height: 72px; display: flex; gap: 10px; padding: 8px 12px; box-sizing: border-box }
    .avatar { width: 44px; height: 44px; border-radius: 50%; background: #b91c1c; flex: none }
    .main { min-width: 0; flex: 1 } .line { display: flex; justify-content: space-between }
    .last { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: #555 }
    .badge { border-radius: 9px; padding: 0 6px; background: #dcfce7; font-size: 12px }
  </style><div id="list" role="listbox"></div>`);
  await page.evaluate((count) => {
    const list = document.getElementById('list')!;
    const html: string[] = [];
    for (let i = 0; i < count; i++) {
      html.push(
        `<div class="row" role="option"><span class="avatar"></span><div class="main">` +
          `<div class="line"><b>Khách hàng ${i}</b><span>2 giờ trước</span></div>` +
          `<div class="last">Cho mình xin giá với ạ, size M còn không shop (${i})</div>` +
          `<span class="badge">Bình thường</span></div></div>`,
      );
    }
    list.innerHTML = html.join('');
  }, count);
  return page;
}
