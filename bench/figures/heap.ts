import type { Page } from 'playwright-core';
import { loggedInDemo } from '../lib/page.js';
import { mb } from '../lib/stats.js';
import { injectConversations } from '../lib/synthetic.js';
import type { Figure } from '../lib/types.js';

/** Goal: 40 MB (10^6 bytes). */
const GOAL_BYTES = 40e6;

async function usedHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** JS heap with 10,000 conversations and 50,000 messages loaded. */
export const heapFigure: Figure = {
  id: 'heap',
  method:
    'A fresh demo page logs in (the simulator’s first page of conversations), then 10,000 ' +
    'conversations and 1,000 loaded threads of 50 messages (50,000 messages, realistic ' +
    'Vietnamese texts) are put into the session store; after two forced garbage collections ' +
    '(CDP `HeapProfiler.collectGarbage`), `Runtime.getHeapUsage().usedSize` of the page. The ' +
    'baseline is the same page just after login.',
  async run(ctx) {
    const { demo } = await loggedInDemo(ctx);
    try {
      const before = await usedHeap(demo.page);
      await injectConversations(demo.page, { conversations: 10_000, threads: 1000, perThread: 50 });
      const counts = await demo.page.evaluate(() => {
        const el = document.querySelector('chatomni-inbox') as unknown as {
          chatSession: {
            store: {
              size: number;
              sortedConversations(): readonly { id: string }[];
              getThread(id: string): { messages: readonly unknown[] } | undefined;
            };
          };
        };
        const store = el.chatSession.store;
        let messages = 0;
        for (const c of store.sortedConversations()) {
          messages += store.getThread(c.id)?.messages.length ?? 0;
        }
        return { conversations: store.size, messages };
      });
      if (counts.conversations < 10_000 || counts.messages < 50_000) {
        throw new Error(`not all data was loaded: ${JSON.stringify(counts)}`);
      }
      const after = await usedHeap(demo.page);
      return [
        {
          figure: 'JS heap, 10,000 conversations + 50,000 messages loaded',
          value: `${mb(after)} (+${mb(after - before)} for the data)`,
          goal: `≤ ${mb(GOAL_BYTES)}`,
          met: after <= GOAL_BYTES,
          baseline: `after login: ${mb(before)}`,
          raw: { before, after, ...counts },
        },
      ];
    } finally {
      await demo.close();
    }
  },
};
