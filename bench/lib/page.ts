/** The demo page, logged in, for the page figures. */
import {
  bothSocketsUp,
  login,
  openDemo,
  sessionView,
  simControl,
  statusView,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../../test/stack/index.js';
import type { Page } from 'playwright-core';
import type { BenchContext } from './types.js';
import { recordProbeFrames } from './watch.js';

/** Options of {@link loggedInDemo}. */
export interface LoggedInOptions {
  /** Open the top conversation in `<chatomni-thread>`. Default false. */
  openTop?: boolean;
  /** Session settings set on the elements before login. */
  config?: Record<string, unknown>;
  /** Attributes set on the elements before login. */
  attributes?: Record<string, string>;
  /** Note when each probe's WebSocket frame reaches the page (see `recordProbeFrames`). */
  probeFrames?: boolean;
}

/** A demo page after login, both sockets connected (and the top conversation open). */
export async function loggedInDemo(
  ctx: BenchContext,
  options: LoggedInOptions = {},
): Promise<{ demo: DemoPage; openId: string | null }> {
  const stack = await ctx.stack();
  const demo = await openDemo(stack.browser, stack.proxy.url, {
    attributes: options.attributes,
    config: options.config,
    beforeLoad: options.probeFrames ? (page) => void recordProbeFrames(page) : undefined,
  });
  try {
    await login(demo.page);
    await waitUntil(
      async () => bothSocketsUp(await statusView(demo.page)),
      'both sockets connected',
    );
    let openId: string | null = null;
    if (options.openTop) {
      // Through the session, as the inbox does on a click (the benchmarks do not measure
      // pointer handling).
      openId = await demo.page.evaluate(() => {
        const el = document.querySelector('chatomni-inbox') as unknown as {
          chatSession: {
            store: { sortedConversations(): readonly { id: string }[] };
            select(id: string): void;
          };
        };
        const id = el.chatSession.store.sortedConversations()[0]!.id;
        el.chatSession.select(id);
        return id;
      });
      await waitUntil(
        async () => (await sessionView(demo.page)).threadIds.length > 0,
        'the thread loaded',
      );
    }
    return { demo, openId };
  } catch (error) {
    await demo.close();
    throw error;
  }
}

/**
 * Has the simulator push `count` customer messages over `spreadMs` (`emit-batch`) and waits
 * until every one is in the page's store; returns their ids.
 */
export async function pushBatch(
  stack: E2EStack,
  page: Page,
  { count, spreadMs, timeout }: { count: number; spreadMs: number; timeout: number },
): Promise<string[]> {
  const { Ids } = await simControl<{ Ids: string[] }>(stack.sim, 'emit-batch', {
    count,
    spreadMs,
    kind: 'message',
  });
  await storeHas(page, Ids, timeout);
  return Ids;
}

/** Waits until every message id of `ids` is in the page's session store. */
export async function storeHas(page: Page, ids: string[], timeout: number): Promise<void> {
  await waitUntil(
    () =>
      page.evaluate((ids) => {
        const el = document.querySelector('chatomni-inbox') as unknown as {
          chatSession: { store: { hasMessage(id: string): boolean } };
        };
        return ids.every((id) => el.chatSession.store.hasMessage(id));
      }, ids),
    `all ${ids.length} pushed messages in the store`,
    { timeout },
  );
}
