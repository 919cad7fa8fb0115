/**
 * The chaos run: simulator + proxy in workerd + the demo in Chromium, logged in, while the
 * simulator emits customer messages and comments across many conversations at an uneven rate,
 * the seller answers the open conversation from the thread's composer (some sends meeting
 * Graph faults), and a seeded schedule breaks things (socket drops, refused reconnects, silent
 * half-closes, failing and hanging REST requests, one token expiry with a new login through
 * the page). Afterwards every emitted id must be in the page's store and in the rendered
 * thread exactly once and in order, every reply posted exactly once and shown once, the inbox
 * previews and unread counts of closed conversations must match the simulator's, and the
 * status badges must have followed the simulator's sockets.
 *
 * The phases, one file each: setup.ts (stack and page), traffic.ts, replies.ts and faults.ts
 * (run side by side, watched by samplers.ts), collect.ts (catch-up, then read page and
 * simulator), checks.ts and badges.ts (compare), report.ts (figures, printout, failed checks).
 */
import { Prng } from '@chatomni/simulator';
import { checkBadges } from './badges.js';
import { checkThreads, delivery, halfCloseDetectMs, unreadMismatches } from './checks.js';
import { collect } from './collect.js';
import { endFaults, runFaultSchedule } from './faults.js';
import { checkReplies, sendReplies, settleReplies } from './replies.js';
import type { ChaosResult } from './report.js';
import { startSamplers, type Samplers } from './samplers.js';
import { startChaosStage } from './setup.js';
import { emitTraffic } from './traffic.js';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  /** ~20 s and ~150 messages instead of ~2 minutes and 2,000. Default false. */
  quick?: boolean;
  /** Seed of the fault schedule and the emission pattern. Default 7. */
  seed?: number;
  /** Progress lines. Default silent. */
  log?: (line: string) => void;
}

/** Runs the chaos scenario and returns its figures; everything started is stopped. */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosResult> {
  const quick = options.quick ?? false;
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 7;
  const seconds = quick ? 12 : 90;
  const stage = await startChaosStage(quick ? 30 : 300);
  let samplers: Samplers | undefined;
  try {
    const { sim } = stage.stack;
    samplers = await startSamplers(sim, stage.page);
    const running = emitTraffic(sim, {
      ids: stage.ids,
      withComments: stage.withComments,
      total: quick ? 150 : 2000,
      seconds,
      // Its own sequence, so that the emission plan does not depend on fault timing.
      random: new Prng(seed + 1),
    });
    const replying = sendReplies(sim, stage.page, {
      openId: stage.openId,
      seconds,
      random: new Prng(seed + 2),
    });
    const faults = await runFaultSchedule(sim, stage.page, {
      seconds,
      random: new Prng(seed),
      atStart: samplers.atStart,
    });
    const traffic = await running;
    const sent = await replying;
    log(`emitted ${traffic.emitted.length}, replied ${sent.texts.length}; faults stop`);
    const restFailed = await endFaults(sim, faults, samplers.atStart);
    const retries = await settleReplies(stage.page, 45_000);
    const replies = await checkReplies(sim, stage.page, stage.openId, sent, retries);

    // The open conversation's preview is the seller's reply when that came last.
    const lastText = replies.lastIsReply
      ? new Map([[stage.openId, replies.lastIsReply]])
      : undefined;
    const seen = await collect(stage, samplers, traffic, log, lastText);
    const badges = checkBadges(samplers.truth, seen.badges, faults.halfCloses, {
      start: samplers.start,
      end: seen.end,
    });
    await samplers.stop();
    return {
      emitted: traffic.emitted.length,
      conversations: traffic.perConversation.size,
      ...checkThreads(traffic, seen.threads, seen.simConversations, faults.expiredAt),
      replies,
      unreadMismatches: unreadMismatches(seen.unread, seen.simConversations, stage.openId),
      stalePreviews: seen.stalePreviews,
      ...delivery(traffic.emitted, seen.seenBefore, seen.seenAfter),
      faults: faults.faults,
      peakRestPerSecond: samplers.peakRest(),
      restRequests: seen.restRequests,
      restFailed,
      statusChanges: samplers.statusChanges,
      badges,
      halfCloseDetectMs: halfCloseDetectMs(faults.halfCloses, seen.badges),
      pageErrors: [...stage.demo.pageErrors],
    };
  } finally {
    await samplers?.stop().catch(() => {});
    await stage.close();
  }
}
