/**
 * Phase 3 of the chaos run, once the faults have ended: waits for the page to catch up, then
 * reads what the page and the simulator hold for the checks (checks.ts). Reading a thread
 * opens it, so everything read from closed conversations comes first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { simControl, statusView, waitUntil } from '../stack/index.js';
import type { UpSample } from './badges.js';
import {
  badgeSamples,
  pageUnread,
  previews,
  seenLog,
  threadIds,
  type SeenLog,
  type ThreadIds,
} from './page-probes.js';
import type { Counters, Samplers } from './samplers.js';
import type { ChaosStage, SimConversation } from './setup.js';
import type { Traffic } from './traffic.js';

/**
 * The quiet time after the page is back in Realtime before the check begins. It ends the badge
 * check's window: over it the badges must stay in step with the sockets, which no condition
 * can signal (what is checked is that nothing goes wrong).
 */
const SETTLE_MS = 2500;

/** What the page and the simulator hold after the run. */
export interface Observations {
  /** Conversations whose inbox preview is not their last emitted text, after the catch-up. */
  stalePreviews: string[];
  /** The end of the badge check (ms since the epoch). */
  end: number;
  /** REST requests from the start of the run to the end of the badge check. */
  restRequests: number;
  /** The page's first sightings before the check opened any thread. */
  seenBefore: SeenLog;
  /** The same after the check opened every thread. */
  seenAfter: SeenLog;
  badges: UpSample[];
  /** Every conversation's unread count on the page, before the check opens them. */
  unread: Map<string, number>;
  /** Each conversation that was sent something, as the simulator has it. */
  simConversations: Map<string, SimConversation>;
  /** Each conversation that was sent something, as the page shows its thread. */
  threads: Map<string, ThreadIds>;
}

/** Waits for the catch-up and Realtime, then reads everything; `log` names a stale catch-up. */
export async function collect(
  stage: ChaosStage,
  samplers: Samplers,
  traffic: Traffic,
  log: (line: string) => void,
  lastText?: ReadonlyMap<string, string>,
): Promise<Observations> {
  const { page, stack } = stage;
  const stalePreviews = await catchUp(stage, traffic, lastText);
  if (stalePreviews.length) log(`catch-up incomplete: ${stalePreviews.slice(0, 3).join('; ')}`);
  await waitUntil(async () => (await statusView(page)).mode.includes('Realtime'), 'Realtime', {
    timeout: 30_000,
  });
  await sleep(SETTLE_MS);
  const end = Date.now();
  samplers.endRestPeak();
  const restRequests =
    (await simControl<Counters>(stack.sim, 'counters')).rest.total - samplers.atStart.rest.total;
  const seenBefore = await seenLog(page);
  const badges = await badgeSamples(page);
  const unread = await pageUnread(page);
  const simConversations = new Map<string, SimConversation>();
  for (const cid of traffic.perConversation.keys()) {
    simConversations.set(cid, await simControl<SimConversation>(stack.sim, `conversations/${cid}`));
  }
  const threads = new Map<string, ThreadIds>();
  for (const [cid, list] of traffic.perConversation) {
    threads.set(cid, await threadIds(page, cid, list));
  }
  const seenAfter = await seenLog(page);
  return {
    stalePreviews,
    end,
    restRequests,
    seenBefore,
    seenAfter,
    badges,
    unread,
    simConversations,
    threads,
  };
}

/**
 * Waits (up to 45 s) until every conversation's inbox preview is its last emitted text (or
 * the text `overrides` names, e.g. a reply that came after); returns the ones that are not,
 * as `<id> should show "<text>"`.
 */
async function catchUp(
  { page }: ChaosStage,
  { emitted }: Traffic,
  overrides?: ReadonlyMap<string, string>,
): Promise<string[]> {
  const lastText = new Map<string, string>();
  for (const e of emitted) lastText.set(e.conversationId, e.text);
  for (const [cid, text] of overrides ?? []) if (lastText.has(cid)) lastText.set(cid, text);
  const stale = async () => {
    const shown = await previews(page, [...lastText.keys()]);
    return [...lastText].filter(([, text], i) => shown[i] !== text);
  };
  await waitUntil(async () => (await stale()).length === 0, 'catch-up', {
    timeout: 45_000,
    interval: 250,
  }).catch(() => {});
  return (await stale()).map(([cid, text]) => `${cid} should show "${text}"`);
}
