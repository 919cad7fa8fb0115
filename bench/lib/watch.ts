/**
 * In-page watchers, installed with `page.evaluate`: when does a text show up in an element's
 * shadow DOM? Times are epoch milliseconds with fractions (`performance.timeOrigin +
 * performance.now()`), comparable with the simulator's `EmittedAt` (same machine clock).
 */
import type { RunningSimulator } from '@chatomni/simulator';
import type { Page } from 'playwright-core';
import { simControl } from '../../test/stack/index.js';

/** Starts watching for `text` in the shadow roots of `selectors`; returns a watch id. */
export async function watchText(page: Page, text: string, selectors: string[]): Promise<number> {
  return page.evaluate(
    ({ text, selectors }) => {
      type Registry = {
        next: number;
        pending: Map<number, { text: string; done: Promise<Record<string, number>> }>;
      };
      const w = window as unknown as { __watch?: Registry };
      const registry = (w.__watch ??= { next: 1, pending: new Map() });
      const id = registry.next++;
      const now = () => performance.timeOrigin + performance.now();
      /** Text of a shadow root including nested shadow roots. */
      const deepText = (root: Node): string => {
        let out = root.textContent ?? '';
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const inner = (n as Element).shadowRoot;
          if (inner) out += deepText(inner);
        }
        return out;
      };
      registry.pending.set(id, {
        text,
        done: new Promise((resolve) => {
          const roots = selectors.map((s) => document.querySelector(s)!.shadowRoot!);
          const seen: Record<string, number> = {};
          const observers: MutationObserver[] = [];
          const check = () => {
            roots.forEach((root, i) => {
              if (seen[selectors[i]!] === undefined && deepText(root).includes(text)) {
                seen[selectors[i]!] = now();
              }
            });
            if (Object.keys(seen).length === roots.length) {
              observers.forEach((o) => o.disconnect());
              resolve(seen);
            }
          };
          const observe = (root: Node) => {
            const o = new MutationObserver(check);
            o.observe(root, { subtree: true, childList: true, characterData: true });
            observers.push(o);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const inner = (n as Element).shadowRoot;
              if (inner) observe(inner);
            }
          };
          roots.forEach(observe);
          check();
        }),
      });
      return id;
    },
    { text, selectors },
  );
}

/** What {@link watched} tells of a watch. */
export interface Watched {
  /** When each selector showed the text. */
  at: Record<string, number>;
  /**
   * When the first WebSocket frame carrying the text reached the page: NaN unless the page
   * records probe frames (see {@link recordProbeFrames}) and the text is a probe's.
   */
  frameAt: number;
}

/** Waits for a watch to complete (in the same round trip, the time of its text's frame). */
export async function watched(page: Page, id: number, timeoutMs = 10_000): Promise<Watched> {
  return page.evaluate(
    async ({ id, timeoutMs }) => {
      const w = window as unknown as {
        __watch: {
          pending: Map<number, { text: string; done: Promise<Record<string, number>> }>;
        };
        __probeFrames?: Map<string, number>;
      };
      const { text, done } = w.__watch.pending.get(id)!;
      w.__watch.pending.delete(id);
      const at = await Promise.race([
        done,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`text not shown within ${timeoutMs} ms`)), timeoutMs),
        ),
      ]);
      return { at, frameAt: w.__probeFrames?.get(text) ?? NaN };
    },
    { id, timeoutMs },
  );
}

/** The texts {@link probe} emits: `Bench <10 letters or digits>`. */
const PROBE_TEXT = /Bench [a-z0-9]{10}/;

/**
 * Before the page loads: every WebSocket the page opens notes when a frame carrying a probe's
 * text arrives (epoch ms, first frame only: each event comes on both sockets), in a listener
 * added before the widgets' own, so the time is taken before they handle the frame.
 */
export async function recordProbeFrames(page: Page): Promise<void> {
  await page.addInitScript((source) => {
    const pattern = new RegExp(source);
    const arrived = new Map<string, number>();
    (window as unknown as { __probeFrames: Map<string, number> }).__probeFrames = arrived;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event: MessageEvent) => {
          const at = performance.timeOrigin + performance.now();
          const text = typeof event.data === 'string' ? pattern.exec(event.data)?.[0] : undefined;
          if (text && !arrived.has(text)) arrived.set(text, at);
        });
      }
    };
  }, PROBE_TEXT.source);
}

const INBOX = 'chatomni-inbox';
const THREAD = 'chatomni-thread';

/** How long one pushed message took to show, in ms after the simulator emitted it. */
export interface ProbeLatency {
  /** The probe's text. */
  text: string;
  /** When its first WebSocket frame reached the page (epoch ms; NaN, see `fromFrame`). */
  frameAt: number;
  /** When the later of the two showed it (epoch ms). */
  shownAt: number;
  /** NaN when the inbox was not watched. */
  inbox: number;
  thread: number;
  /** The later of the two. */
  both: number;
  /**
   * From the moment the first WebSocket frame carrying the message reached the page to the
   * later of the two (NaN unless the page records probe frames, see `recordProbeFrames`).
   */
  fromFrame: number;
}

/**
 * Emits one customer message with a unique text into the open conversation `openId`
 * (`POST /__sim/emit`) and measures until the thread and (unless `inbox` is false) the inbox
 * show it.
 */
export async function probe(
  sim: RunningSimulator,
  page: Page,
  openId: string,
  { inbox = true }: { inbox?: boolean } = {},
): Promise<ProbeLatency> {
  const text = `Bench ${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`;
  const id = await watchText(page, text, inbox ? [INBOX, THREAD] : [THREAD]);
  const emitted = await simControl<{ EmittedAt: string }>(sim, 'emit', {
    conversationId: openId,
    kind: 'message',
    text,
  });
  const { at: seen, frameAt } = await watched(page, id);
  const at = Date.parse(emitted.EmittedAt);
  const inboxAt = inbox ? seen[INBOX]! : NaN;
  const shown = Math.max(inbox ? inboxAt : -Infinity, seen[THREAD]!);
  return {
    text,
    frameAt,
    shownAt: shown,
    inbox: inboxAt - at,
    thread: seen[THREAD]! - at,
    both: shown - at,
    fromFrame: shown - frameAt,
  };
}
