/**
 * Phase 4 of the chaos run, the outcome: its figures, how `npm run chaos` prints them, and
 * which of them fail the run.
 */
import type { BadgeReport } from './badges.js';
import type { Delivery, ThreadCheck } from './checks.js';
import type { ReplyCheck } from './replies.js';

/** What a chaos run measured (`runChaos` in chaos.ts). */
export interface ChaosResult extends ThreadCheck, Delivery {
  emitted: number;
  conversations: number;
  /** The seller's replies: each posted once (Graph stand-in) and shown once (page). */
  replies: ReplyCheck;
  /** Closed conversations whose unread count differs from the simulator's. */
  unreadMismatches: string[];
  /** Conversations whose inbox preview is not their last emitted text. */
  stalePreviews: string[];
  faults: Record<string, number>;
  /** Most REST requests the simulator got in one second, faults and catch-up (not the check). */
  peakRestPerSecond: number;
  /** REST requests during faults and catch-up. */
  restRequests: number;
  /** Of those, the ones a fault rule failed (500, dropped connection, timeout). */
  restFailed: number;
  /** Distinct status-badge states in the order they were sampled (once a second). */
  statusChanges: string[];
  /** The badges against the simulator's sockets. */
  badges: BadgeReport;
  /** Longest time from a half-close to the badge leaving "connected", ms. */
  halfCloseDetectMs: number;
  pageErrors: string[];
}

/** The figures as printed by `npm run chaos`. */
export function formatChaos(r: ChaosResult): string {
  return [
    `messages emitted:      ${r.emitted} across ${r.conversations} conversations`,
    `shown exactly once:    ${r.shown}`,
    `duplicated:            ${r.duplicated}`,
    `lost:                  ${r.lost}${r.lostDetails.length ? ` (${r.lostDetails.slice(0, 5).join('; ')})` : ''}`,
    `threads out of order:  ${r.outOfOrder}`,
    `replies sent:          ${r.replies.sent}, posted and shown exactly once: ${r.replies.once}${r.replies.wrong.length ? ` (${r.replies.wrong.slice(0, 3).join('; ')})` : ''}`,
    `replies' Graph faults: ${Object.entries(r.replies.graphFaults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; seller clicked ${
      Object.entries(r.replies.retries)
        .map(([k, v]) => `"${k}" ${v}×`)
        .join(', ') || 'no retry'
    }`,
    `unread mismatches:     ${r.unreadMismatches.length}${r.unreadMismatches.length ? ` (${r.unreadMismatches.slice(0, 5).join('; ')})` : ''}`,
    `stale previews:        ${r.stalePreviews.length}${r.stalePreviews.length ? ` (${r.stalePreviews.slice(0, 3).join('; ')})` : ''}`,
    `worst delivery delay:  ${r.worstDelayMs} ms (median ${r.medianDelayMs} ms; ${r.seenOnlyAtCheck} superseded during a gap, loaded when their thread opened)`,
    `faults:                ${Object.entries(r.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `REST requests:         ${r.restRequests} during faults and catch-up, ${r.restFailed} of them failed (peak ${r.peakRestPerSecond}/s)`,
    `status badges:         ${r.badges.changes} socket changes, worst lag ${r.badges.worstLagMs} ms, ${r.badges.late.length} late by over 1 s${r.badges.late.length ? ` (${r.badges.late.slice(0, 3).join('; ')})` : ''}`,
    `half-close noticed:    after ${r.halfCloseDetectMs} ms at most (pingInterval + pingTimeout = 2,000 ms)`,
    `status badge states:   ${r.statusChanges.length} changes: ${r.statusChanges.slice(0, 8).join(' → ')}${r.statusChanges.length > 8 ? ' → …' : ''}`,
    `page errors:           ${r.pageErrors.length}${r.pageErrors.length ? ` (${r.pageErrors.slice(0, 3).join('; ')})` : ''}`,
  ].join('\n');
}

/** More REST requests than this in one second would be a request storm (healthy runs peak near 7). */
export const REST_STORM = 25;

/** What went wrong in a run, one line per failed check (empty: the product held). */
export function chaosFailures(r: ChaosResult): string[] {
  const failures: string[] = [];
  if (r.lost) failures.push(`${r.lost} messages lost`);
  if (r.duplicated) failures.push(`${r.duplicated} messages duplicated`);
  if (r.outOfOrder) failures.push(`${r.outOfOrder} threads out of order`);
  if (r.replies.sent === 0) failures.push('no reply was sent');
  if (r.replies.wrong.length) {
    failures.push(`${r.replies.wrong.length} replies not posted or shown exactly once`);
  }
  if (r.unreadMismatches.length) failures.push(`${r.unreadMismatches.length} unread mismatches`);
  if (r.stalePreviews.length) failures.push(`${r.stalePreviews.length} stale previews`);
  if (r.badges.late.length) failures.push(`${r.badges.late.length} badges late by over 1 s`);
  if (r.peakRestPerSecond > REST_STORM) failures.push(`REST peak ${r.peakRestPerSecond}/s`);
  if (r.pageErrors.length) failures.push(`${r.pageErrors.length} page errors`);
  return failures;
}
