/**
 * In-page watchers, installed with `page.evaluate`: when does a text show up in an element's
 * shadow DOM? Times are epoch milliseconds with fractions (`performance.timeOrigin +
 * performance.now()`), comparable with the simulator's `EmittedAt` (same machine clock).
 */
import type { Page } from 'playwright-core';

/** Starts watching for `text` in the shadow roots of `selectors`; returns a watch id. */
export async function watchText(page: Page, text: string, selectors: string[]): Promise<number> {
  return page.evaluate(
    ({ text, selectors }) => {
      type Registry = { next: number; pending: Map<number, Promise<Record<string, number>>> };
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
      registry.pending.set(
        id,
        new Promise((resolve) => {
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
      );
      return id;
    },
    { text, selectors },
  );
}

/** Waits for a watch to complete; returns the time each selector showed the text. */
export async function watched(
  page: Page,
  id: number,
  timeoutMs = 10_000,
): Promise<Record<string, number>> {
  return page.evaluate(
    ({ id, timeoutMs }) => {
      const w = window as unknown as {
        __watch: { pending: Map<number, Promise<Record<string, number>>> };
      };
      const pending = w.__watch.pending.get(id)!;
      w.__watch.pending.delete(id);
      return Promise.race([
        pending,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`text not shown within ${timeoutMs} ms`)), timeoutMs),
        ),
      ]);
    },
    { id, timeoutMs },
  );
}
