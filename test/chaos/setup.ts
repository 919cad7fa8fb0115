/**
 * Phase 1 of the chaos run: the stack (a simulator whose sockets ping every second, the proxy
 * in workerd, Chromium), the demo page logged in, in Realtime and recorded (page-probes.ts),
 * and the conversations as the simulator knows them, the first one open in the thread.
 */
import type { Page } from 'playwright-core';
import {
  login,
  openDemo,
  simControl,
  startStack,
  statusView,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';
import { instrument, selectConversation } from './page-probes.js';

/** The page's request timeout (ms) in the chaos run; the timeout fault holds answers longer. */
export const REQUEST_TIMEOUT = 3000;

/** A conversation as `/__sim/conversations/<id>` shows it (the fields the run reads). */
export interface SimConversation {
  Id: string;
  UnreadCount: number;
  ItemIds: string[];
  CommentIds: string[];
}

/** What the later phases of the run work on. */
export interface ChaosStage {
  stack: E2EStack;
  demo: DemoPage;
  page: Page;
  /** Every conversation of the simulator, in its search order. */
  ids: string[];
  /** The conversations that have comments (they can be sent comments too). */
  withComments: Set<string>;
  /** The conversation that stays open in the thread all along. */
  openId: string;
  /** Closes the page and stops the stack. */
  close(): Promise<void>;
}

/**
 * Starts the stack with `conversations` conversations and gets the page ready. When a step
 * fails, what was started is stopped again.
 */
export async function startChaosStage(conversations: number): Promise<ChaosStage> {
  const stack = await startStack({
    simulator: { conversations, seed: 5, pingInterval: 1000, pingTimeout: 1000 },
    // A reply whose Graph answer never comes is "unconfirmed" after 5 s, not 15 (still longer
    // than the REST answers the timeout fault holds back).
    proxyVars: { UPSTREAM_TIMEOUT_MS: '5000' },
  });
  let demo: DemoPage | undefined;
  const close = async () => {
    await demo?.close().catch(() => {});
    await stack.close();
  };
  try {
    demo = await openDemo(stack.browser, stack.proxy.url, {
      attributes: { 'poll-interval': '2000' },
      config: { reconnectDelay: 100, slowReconnectDelay: 1000, requestTimeout: REQUEST_TIMEOUT },
    });
    const page = demo.page;
    await login(page);
    await waitUntil(async () => (await statusView(page)).mode.includes('Realtime'), 'Realtime', {
      timeout: 20_000,
    });
    await instrument(page);
    const ids = await conversationIds(stack);
    const withComments = new Set<string>();
    for (const id of ids) {
      const c = await simControl<SimConversation>(stack.sim, `conversations/${id}`);
      if (c.CommentIds.length > 0) withComments.add(id);
    }
    const openId = ids[0]!;
    await selectConversation(page, openId);
    return { stack, demo, page, ids, withComments, openId, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The simulator's conversations, as its search lists them to the demo user. */
async function conversationIds(stack: E2EStack): Promise<string[]> {
  const token = stack.sim.login('demo').access_token;
  const search = await fetch(`${stack.sim.restUrl}/api-ms/chatomni/v1/conversations/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Limit: 5000, Type: 'all' }),
  });
  return ((await search.json()) as { Data: { Id: string }[] }).Data.map((c) => c.Id);
}
