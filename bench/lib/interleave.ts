/**
 * Latencies of several ways to the same answer, taken so that what this shared machine does
 * meanwhile (other processes, the load moving from second to second) hits every way alike:
 * one request on each way in turn, the turn's order cycling through every permutation (so
 * no way is always first after the client's own pause, or always last), in blocks, each
 * block a comparison of its own.
 */

/** Options of {@link interleave}. */
export interface InterleaveOptions {
  /** Turns before measuring (JIT, keep-alive connections, Worker isolates). */
  warmup: number;
  /** Comparisons. */
  blocks: number;
  /** Turns in a comparison (each turn: one request on every way). */
  turns: number;
}

/** What {@link interleave} measured: `blocks[b][w]` are the latencies of way `w` in block `b`. */
export interface Interleaved {
  blocks: number[][][];
  /** Every latency of way `w`, all blocks together. */
  all(way: number): number[];
}

/** Every order of `0 … n-1`, in lexicographic order. */
export function permutations(n: number): number[][] {
  if (n <= 1) return [[0].slice(0, n)];
  return permutations(n - 1).flatMap((rest) =>
    Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
  );
}

/**
 * Runs `ways` (each a request that resolves to its latency in ms) one at a time: `warmup`
 * turns, then `blocks` blocks of `turns` turns; each turn runs every way once, in the next
 * of all their orders.
 */
export async function interleave(
  ways: readonly (() => Promise<number>)[],
  { warmup, blocks, turns }: InterleaveOptions,
): Promise<Interleaved> {
  const orders = permutations(ways.length);
  let turn = 0;
  const runTurn = async (into?: number[][]) => {
    for (const way of orders[turn++ % orders.length]!) {
      const latency = await ways[way]!();
      into?.[way]!.push(latency);
    }
  };
  for (let i = 0; i < warmup; i++) await runTurn();
  const measured: number[][][] = [];
  for (let b = 0; b < blocks; b++) {
    const block = ways.map((): number[] => []);
    for (let i = 0; i < turns; i++) await runTurn(block);
    measured.push(block);
  }
  return { blocks: measured, all: (way) => measured.flatMap((block) => block[way]!) };
}
