/**
 * The proxy figure's measurements: `POST conversations/search` on several ways to the
 * simulator (directly, through Workers), latency interleaved request by request, throughput
 * apart, and the CPU each Worker's workerd used meanwhile.
 */
import { searchBody } from '../../packages/widgets/src/api/tpos.js';
import { interleave, permutations, type InterleaveOptions } from './interleave.js';

/** The path every request asks for. */
export const SEARCH = '/api-ms/chatomni/v1/conversations/search';

/** The body the widgets send for a page of the inbox (their own builder). */
const BODY = JSON.stringify(searchBody({ Limit: 50 }));

/** One request, timed until its whole answer is read, in ms. */
async function search(url: string, token: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: BODY,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`conversations/search answered ${res.status}`);
  return performance.now() - started;
}

/** Requests per second for `count` requests with `concurrency` in flight. */
async function throughput(
  url: string,
  token: string,
  count: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await search(url, token);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/** One way to reach the simulator, with what was measured through it. */
export interface Path {
  url: string;
  /** Every measured latency, ms. */
  latencies: number[];
  /** Requests per second, one a throughput round (the same round for every path). */
  rps: number[];
  /** CPU ms of the way's workerd, read before and after the latency blocks. */
  cpuMs?: () => number;
  /** CPU of its workerd per measured request, µs (NaN without one, or without /proc). */
  cpuPerRequestUs: number;
}

/** A way to `url`, with `cpuMs` when it goes through a Worker in workerd. */
export function path(url: string, cpuMs?: () => number): Path {
  return { url, latencies: [], rps: [], cpuMs, cpuPerRequestUs: NaN };
}

/** What {@link measure} does. */
export interface MeasureOptions {
  /** The latency comparison (warm-up turns, blocks, turns a block). */
  size: InterleaveOptions;
  /** Throughput rounds (every path once a round). */
  throughputRounds: number;
  /** Requests of one throughput measurement. */
  count: number;
}

/**
 * Warms `paths` up, then takes their latencies interleaved request by request in blocks (see
 * interleave.ts), so drift and load on this shared machine hit every path alike, noting the
 * CPU each Worker's workerd used for them; then, apart, rounds of each path's throughput (8
 * in flight, the paths in turn, in the next of their orders each round). Returns each block's latencies per path.
 */
export async function measure(
  paths: readonly Path[],
  token: string,
  { size, throughputRounds, count }: MeasureOptions,
): Promise<number[][][]> {
  const ways = paths.map((p) => () => search(p.url, token));
  await interleave(ways, { ...size, blocks: 0 });
  const cpuBefore = paths.map((p) => p.cpuMs?.() ?? NaN);
  const measured = await interleave(ways, { ...size, warmup: 0 });
  const requests = size.blocks * size.turns;
  paths.forEach((p, i) => {
    p.cpuPerRequestUs = (((p.cpuMs?.() ?? NaN) - cpuBefore[i]!) / requests) * 1000;
    p.latencies.push(...measured.all(i));
  });
  // Untimed: opens the 8 connections a way, which one at a time did not need.
  for (const p of paths) await throughput(p.url, token, count, 8);
  const orders = permutations(paths.length);
  for (let round = 0; round < throughputRounds; round++) {
    for (const i of orders[round % orders.length]!) {
      paths[i]!.rps.push(await throughput(paths[i]!.url, token, count, 8));
    }
  }
  return measured.blocks;
}
