/**
 * Where the time goes in the inbox's hot paths, for the investigations behind the figures:
 * a CPU profile (V8 sampling, mapped through the bundle's source maps to our sources and
 * functions) and a Chromium trace summary (self time per trace event: script, style
 * recalculation, layout, paint …) on the renderer's main thread.
 *
 *   node --import tsx bench/profile.ts scroll [--frames 300]
 *   node --import tsx bench/profile.ts plain
 *   node --import tsx bench/profile.ts burst
 *   node --import tsx bench/profile.ts busy [--bursts 2] [--slowest 8]
 *   node --import tsx bench/profile.ts thread [--messages 300]
 *   … --save /tmp/x   (also writes /tmp/x.trace.json and /tmp/x.cpuprofile for DevTools)
 *
 * `scroll`: 10,000 conversations, scrolled 1,500 px per frame as the big-list figure does.
 * `plain`: the same scrolling of the plain static list (the big-list figure's baseline).
 * `burst`: the burst figure's 1,000 messages in 1 s with the top conversation open;
 *   `--conversations 10000` first loads that many conversations (the newest from now), as busy-latency does.
 * `busy`: the busy-latency figure's bursts (`--bursts N`, default 2) and probes; also prints,
 *   for the `--slowest N` (default 8) probes, the main thread's tasks from the probe's
 *   WebSocket frame until the thread showed it.
 * `thread`: the top conversation open with `--messages N` (default 300) more messages in it,
 *   then 20 single messages into it, 150 ms apart (what a long thread costs per message).
 * Prints the top functions by self time and the trace breakdown; `--top N` (default 40).
 * `TRACE_EXTRA=cat1,cat2` adds trace categories (e.g.
 * `disabled-by-default-devtools.timeline.invalidationTracking`: why each Layout ran).
 * Relative shares are what to read: the machine is shared, absolute times move.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { simControl, startStack } from '../test/stack/index.js';
import { burst, burstTargets, probesUntil } from './lib/busy.js';
import { loggedInDemo, pushBatch, storeHas } from './lib/page.js';
import {
  mainThreadEvents,
  markClock,
  probeBreakdown,
  traceClock,
  type ProbeTimes,
  type TraceEvent,
} from './lib/probe-trace.js';
import { probe } from './lib/watch.js';
import { plainListPage, scrollFrames, type ScrollResult } from './lib/scroll.js';
import { injectConversations } from './lib/synthetic.js';
import { BUNDLE } from '../scripts/build-site.js';
import type { BenchContext } from './lib/types.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
const argv = process.argv.slice(2);
const mode = argv[0] ?? 'scroll';
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const TOP = option('top', 40);
/** `--attr name=value` (repeatable): attributes set on the elements before login. */
const attributes = Object.fromEntries(
  argv.flatMap((a, i) => (argv[i - 1] === '--attr' ? [a.split(/=(.*)/s).slice(0, 2)] : [])),
) as Record<string, string>;

const maps = new Map<string, SourceMap | null>();
/** The source map of a served bundle file, read from beside the built bundle. */
function mapFor(url: string): SourceMap | null {
  const file = /\/widgets\/(.+\.js)$/.exec(new URL(url, 'http://x').pathname)?.[1];
  if (!file) return null;
  if (!maps.has(file)) {
    try {
      const json = JSON.parse(
        readFileSync(join(dirname(BUNDLE), `${file}.map`), 'utf8'),
      ) as ConstructorParameters<typeof SourceMap>[0];
      maps.set(file, new SourceMap(json));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file) ?? null;
}

/** `function (src/…/file.ts:line)` for a frame of our bundle, else the frame as V8 names it. */
function frameName(frame: ProfileNode['callFrame']): string {
  const map = frame.url ? mapFor(frame.url) : null;
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
      name?: string;
    };
    if (entry.originalSource) {
      const source = entry.originalSource.replace(
        /^.*?(packages\/widgets\/src\/|node_modules\/)/,
        '',
      );
      return `${entry.name ?? (frame.functionName || '(anonymous)')} (${source}:${(entry.originalLine ?? 0) + 1})`;
    }
  }
  if (!frame.url) return frame.functionName || '(native)';
  return `${frame.functionName || '(anonymous)'} (${frame.url.split('/').pop()}:${frame.lineNumber + 1})`;
}

/** Self time per function and per source file, in ms. */
function summarizeProfile(profile: Profile): {
  total: number;
  byFunction: [string, number][];
  byFile: [string, number][];
} {
  const self = new Map<number, number>();
  profile.samples.forEach((node, i) => {
    self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const name = frameName(node.callFrame);
    if (name === '(idle)') continue;
    total += t;
    byFunction.set(name, (byFunction.get(name) ?? 0) + t);
    const file = /\(([^:()]+)(?::\d+)?\)$/.exec(name)?.[1] ?? name;
    byFile.set(file, (byFile.get(file) ?? 0) + t);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, byFunction: sorted(byFunction), byFile: sorted(byFile) };
}

/** Self (thread) time per trace event name on the renderer main thread, in ms per frame. */
function summarizeTrace(buffer: Buffer): { perFrame: string; rows: [string, number][] } {
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const events = mainThreadEvents(traceEvents);
  const selfTime = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  let styled = 0;
  let frameCount = 0;
  for (const e of events) {
    while (stack.length && stack.at(-1)!.end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const cpu = (e.tdur ?? e.dur!) / 1000;
    if (parent) selfTime.set(parent.name, (selfTime.get(parent.name) ?? 0) - cpu);
    // Which events are dispatched matters (scroll, error of an image, message …).
    const name = e.name === 'EventDispatch' ? `EventDispatch ${e.args?.data?.type}` : e.name;
    selfTime.set(name, (selfTime.get(name) ?? 0) + cpu);
    if (e.name === 'UpdateLayoutTree') styled += e.args?.elementCount ?? 0;
    if (e.name === 'FireAnimationFrame') frameCount += 1;
    stack.push({ end: e.ts + e.dur!, name });
  }
  // Per animation frame when the work was scrolling, else in all.
  const n = mode === 'burst' || mode === 'busy' || mode === 'thread' ? 1 : Math.max(1, frameCount);
  const rows = [...selfTime]
    .map(([name, t]): [string, number] => [name, t / n])
    .filter(([, t]) => t >= 0.01)
    .sort((a, b) => b[1] - a[1]);
  rows.push([`(elements restyled: ${Math.round(styled / n)})`, 0]);
  return { perFrame: n === 1 ? 'the whole run' : `frame (${n} frames)`, rows };
}

async function profiled<T>(page: Page, work: () => Promise<T>): Promise<[T, Profile, Buffer]> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const browser = page.context().browser()!;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'blink.user_timing',
      ...(process.env.TRACE_EXTRA ? process.env.TRACE_EXTRA.split(',') : []),
    ],
  });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const trace = await browser.stopTracing();
  await cdp.detach();
  return [result, profile, trace];
}

/** As the big-list figure: enough rows for the whole run. */
const PLAIN_ROWS = 10_000;

const frames = option('frames', 300);
const scrolling = { frames, step: 1500 };

function frameSummary(result: ScrollResult): string {
  const times = result.times.slice(5).sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return `${times.length} frames: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, rows ${result.rows}, scrollTop ${result.top}`;
}

/** `busy`: the busy-latency figure's run; returns the slowest probes' breakdown too. */
async function busyRun(page: Page, openId: string): Promise<[string, Profile, Buffer, string[]]> {
  const targets = await burstTargets(page, openId);
  await injectConversations(page, { conversations: 10_000, newestIn: 0 });
  const run = () => probe(stack.sim, page, openId, { inbox: false });
  for (let i = 0; i < 5; i++) await run();
  const bursts = option('bursts', 2);
  const probes: ProbeTimes[] = [];
  const [at, profile, trace] = await profiled(page, async () => {
    for (let b = 0; b < bursts; b++) {
      const ids = await burst(stack, targets);
      await probesUntil(run, Date.now() + 1000, probes);
      await storeHas(page, ids, 20_000);
    }
    return markClock(page);
  });
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const lines = probeBreakdown(
    traceEvents,
    probes,
    traceClock(traceEvents, at),
    option('slowest', 8),
  );
  return [`busy-latency: ${probes.length} probes over ${bursts} bursts`, profile, trace, lines];
}

/** The `thread` mode: a long open thread, then single messages into it, profiled. */
async function threadRun(
  stack: Awaited<ReturnType<typeof startStack>>,
  page: Page,
  openId: string,
): Promise<[string, Profile, Buffer]> {
  const messages = option('messages', 300);
  const fill = await simControl<{ Ids: string[] }>(stack.sim, 'emit-batch', {
    count: messages,
    conversationId: openId,
  });
  await storeHas(page, fill.Ids, 30_000);
  await page.waitForTimeout(500);
  const [, profile, trace] = await profiled(page, async () => {
    for (let i = 0; i < 20; i++) {
      const { Id } = await simControl<{ Id: string }>(stack.sim, 'emit', {
        conversationId: openId,
        text: `tin thứ ${i}`,
      });
      await storeHas(page, [Id], 5_000);
      await page.waitForTimeout(150);
    }
  });
  return [`thread with ${messages} more messages, then 20 single messages into it`, profile, trace];
}

/** Runs the mode's work under the profiler; returns what to print above the tables. */
async function measure(ctx: BenchContext): Promise<[string, Profile, Buffer, string[]?]> {
  if (mode === 'plain') {
    const page = await plainListPage(await ctx.browser(), PLAIN_ROWS);
    try {
      const [result, profile, trace] = await profiled(page, () =>
        scrollFrames(page, { host: null, list: '#list', ...scrolling }),
      );
      return [`plain list, ${PLAIN_ROWS} rows, ${frameSummary(result)}`, profile, trace];
    } finally {
      await page.context().close();
    }
  }
  const { demo, openId } = await loggedInDemo(ctx, {
    openTop: mode === 'burst' || mode === 'busy' || mode === 'thread',
    probeFrames: mode === 'busy',
    attributes,
  });
  try {
    if (mode === 'scroll') {
      await injectConversations(demo.page, { conversations: 10_000 });
      const [result, profile, trace] = await profiled(demo.page, () =>
        scrollFrames(demo.page, { host: 'chatomni-inbox', list: '[part~="list"]', ...scrolling }),
      );
      return [`inbox, 10,000 conversations, ${frameSummary(result)}`, profile, trace];
    }
    if (mode === 'busy') return await busyRun(demo.page, openId!);
    if (mode === 'thread') return await threadRun(stack, demo.page, openId!);
    const loaded = option('conversations', 0);
    if (loaded) await injectConversations(demo.page, { conversations: loaded, newestIn: 0 });
    const [, profile, trace] = await profiled(demo.page, async () => {
      await pushBatch(stack, demo.page, { count: 1000, spreadMs: 1000, timeout: 30_000 });
      await demo.page.waitForTimeout(300);
    });
    return [`burst of 1000 messages in 1 s, ${loaded} more conversations loaded`, profile, trace];
  } finally {
    await demo.close();
  }
}

const stack = await startStack({ simulator: { conversations: 300, seed: 3 } });
try {
  const [summary, profile, trace, probeLines] = await measure({
    quick: false,
    log: (line) => process.stderr.write(`[profile] ${line}\n`),
    stack: async () => stack,
    browser: async () => stack.browser,
  });
  const save = argv.indexOf('--save');
  if (save >= 0) {
    writeFileSync(`${argv[save + 1]}.trace.json`, trace);
    writeFileSync(`${argv[save + 1]}.cpuprofile`, JSON.stringify(profile));
  }
  const { total, byFunction, byFile } = summarizeProfile(profile);
  const pct = (t: number) =>
    `${t.toFixed(1).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %`;
  console.log(`\n${summary}\nCPU profile, self time (not idle): ${total.toFixed(0)} ms\n`);
  console.log('by file:');
  for (const [name, t] of byFile.slice(0, 25)) console.log(`${pct(t)}  ${name}`);
  console.log('\nby function:');
  for (const [name, t] of byFunction.slice(0, TOP)) console.log(`${pct(t)}  ${name}`);
  if (probeLines) console.log(`\n${probeLines.join('\n')}`);
  const { perFrame, rows } = summarizeTrace(trace);
  console.log(`\ntrace, main thread self time (thread time) by event, per ${perFrame}:`);
  for (const [name, t] of rows.slice(0, 25)) console.log(`${t.toFixed(2).padStart(8)} ms  ${name}`);
} finally {
  await stack.close();
}
