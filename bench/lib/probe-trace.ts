/**
 * Chromium trace helpers of `bench/profile.ts`: the renderer's main-thread events, and for the
 * `busy` mode where each slow probe's time went between its WebSocket frame and the moment the
 * thread showed it.
 */
import type { Page } from 'playwright-core';
import type { ProbeLatency } from './watch.js';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the thread spent, without the time others had the core. */
  tdur?: number;
  args?: { name?: string; data?: { type?: string }; elementCount?: number };
}

/** The complete events of the renderer's main thread, by start (the outer one first). */
export function mainThreadEvents(traceEvents: readonly TraceEvent[]): TraceEvent[] {
  const main = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return traceEvents
    .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
}

/** Marks the page's clock now; with {@link traceClock}, page times become trace times. */
export async function markClock(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin + performance.mark('bench-clock').startTime);
}

/** Epoch ms (the page's clock) → trace µs, from the mark {@link markClock} made at `at`. */
export function traceClock(
  traceEvents: readonly TraceEvent[],
  at: number,
): (epochMs: number) => number {
  const mark = traceEvents.find((e) => e.name === 'bench-clock');
  if (!mark) throw new Error('no bench-clock mark in the trace (category blink.user_timing)');
  return (epochMs) => mark.ts + (epochMs - at) * 1000;
}

/** One probe: epoch ms of its first WebSocket frame and of its text shown. */
export type ProbeTimes = Pick<ProbeLatency, 'text' | 'frameAt' | 'shownAt'>;

/** What a task did: its inner events (no self time: overlaps count twice) by name. */
const SHOWN =
  /^(FunctionCall|EventDispatch|FireAnimationFrame|Layout|Paint|PrePaint|UpdateLayoutTree|TimerFire|Layerize|Commit|.*GC.*)$/;

/**
 * For each of the `slowest` probes: the main thread's tasks from its frame until the thread
 * showed it, a line for each task of 1 ms or more, the shorter ones (one per socket frame)
 * summed. Returns the lines.
 */
export function probeBreakdown(
  traceEvents: readonly TraceEvent[],
  probes: readonly ProbeTimes[],
  toTrace: (epochMs: number) => number,
  slowest: number,
): string[] {
  const events = mainThreadEvents(traceEvents);
  const tasks = events.filter((e) => /^(ThreadControllerImpl::)?RunTask$/.test(e.name));
  const sorted = probes
    .map((p) => ({ ...p, ms: p.shownAt - p.frameAt }))
    .sort((a, b) => b.ms - a.ms);
  const all = sorted.map((p) => p.ms).reverse();
  const pct = (q: number) => all[Math.min(all.length - 1, Math.ceil(q * all.length) - 1)]!;
  const lines = [
    `probes: ${all.length}, p50 ${pct(0.5).toFixed(1)} ms, p90 ${pct(0.9).toFixed(1)} ms, ` +
      `p99 ${pct(0.99).toFixed(1)} ms`,
  ];
  for (const p of sorted.slice(0, slowest)) {
    const from = toTrace(p.frameAt);
    const to = toTrace(p.shownAt);
    lines.push(`probe ${p.text}: ${p.ms.toFixed(1)} ms (task start after its frame, duration)`);
    let short = 0;
    let shortMs = 0;
    for (const t of tasks) {
      if (t.ts + t.dur! < from || t.ts > to) continue;
      if (t.dur! < 1000) {
        short++;
        shortMs += t.dur! / 1000;
        continue;
      }
      const names = new Map<string, number>();
      for (const e of events) {
        if (e.ts < t.ts || e.ts + e.dur! > t.ts + t.dur! || e === t || !SHOWN.test(e.name))
          continue;
        const name = e.name === 'EventDispatch' ? `EventDispatch ${e.args?.data?.type}` : e.name;
        names.set(name, (names.get(name) ?? 0) + e.dur! / 1000);
      }
      const what = [...names]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([n, d]) => `${n} ${d.toFixed(1)}`)
        .join(', ');
      const start = ((t.ts - from) / 1000).toFixed(1).padStart(7);
      lines.push(`  ${start} ms +${(t.dur! / 1000).toFixed(1).padStart(5)} ms  ${what}`);
    }
    lines.push(`  and ${short} tasks under 1 ms (socket frames): ${shortMs.toFixed(1)} ms`);
  }
  return lines;
}
