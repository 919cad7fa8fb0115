/**
 * Phase 2 of the chaos run, side by side with faults.ts: the traffic, customer messages and
 * comments emitted through the simulator at an uneven rate (bursts and pauses), weighted
 * towards some conversations.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Prng, RunningSimulator } from '@chatomni/simulator';
import { simControl } from '../stack/index.js';

/** One emitted message or comment. */
export interface Emission {
  /** The REST id. */
  id: string;
  /**
   * The id of its socket envelope: the REST id in the rich profile, another one in the
   * recorded profile (docs/tpos-protocol.md §7.5), until a REST read pairs the two.
   */
  socketId: string;
  conversationId: string;
  /** The simulator's `EmittedAt`, ms since the epoch. */
  at: number;
  /** Unique in the run: how a list preview (which has no message id) is recognised. */
  text: string;
}

/** What {@link emitTraffic} emitted. */
export interface Traffic {
  emitted: Emission[];
  /** The emitted ids of each conversation, in emission order. */
  perConversation: Map<string, string[]>;
}

/** Options of {@link emitTraffic}. */
export interface TrafficPlan {
  /** The conversations, in the simulator's order: the first fifth gets 60 % of the traffic. */
  ids: readonly string[];
  /** Conversations that may be sent a comment (three times in ten) instead of a message. */
  withComments: ReadonlySet<string>;
  /** How many to emit. */
  total: number;
  /** Over about how long, in seconds. */
  seconds: number;
  /** The emission pattern's own sequence, so that it does not depend on fault timing. */
  random: Prng;
}

/** Emits the plan's messages and comments; resolves when all are emitted. */
export async function emitTraffic(sim: RunningSimulator, plan: TrafficPlan): Promise<Traffic> {
  const { ids, withComments, total, seconds, random } = plan;
  const emitted: Emission[] = [];
  const perConversation = new Map<string, string[]>();
  const start = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.ceil(((Date.now() - start) / (seconds * 1000)) * total));
    // Bursts: sometimes send everything due plus some ahead, sometimes nothing.
    const burst =
      random.next() < 0.2 ? Math.min(total - sent, 5 + Math.floor(random.next() * 25)) : 0;
    const batch = Math.max(due - sent, 0) + burst;
    for (let i = 0; i < batch && sent < total; i++) {
      const skew = random.next() < 0.5 ? random.next() * 0.2 : random.next();
      const conversationId = ids[Math.floor(skew * ids.length)]!;
      const kind = withComments.has(conversationId) && random.next() < 0.3 ? 'comment' : 'message';
      const text = `Chaos ${sent + 1} ${kind === 'comment' ? 'bình luận' : 'tin nhắn'}`;
      const r = await simControl<{ Id: string; SocketId: string; EmittedAt: string }>(sim, 'emit', {
        conversationId,
        kind,
        text,
      });
      emitted.push({
        id: r.Id,
        socketId: r.SocketId,
        conversationId,
        at: Date.parse(r.EmittedAt),
        text,
      });
      perConversation.set(conversationId, [...(perConversation.get(conversationId) ?? []), r.Id]);
      sent++;
    }
    await sleep(50 + random.next() * 250);
  }
  return { emitted, perConversation };
}
