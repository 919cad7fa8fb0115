import type { Browser } from 'playwright-core';
import type { E2EStack } from '../../test/stack/index.js';

/** One row of the results table. */
export interface FigureRow {
  /** What is measured, e.g. `proxy: added median latency`. */
  figure: string;
  /** The measured value, formatted, e.g. `0.41 ms`. */
  value: string;
  /** The goal, formatted, e.g. `≤ 2 ms`. */
  goal: string;
  /** Whether the value meets the goal; `null` when it could not be judged. */
  met: boolean | null;
  /** The baseline measured in the same run, formatted, when there is one. */
  baseline?: string;
  /** Value compared with the baseline, e.g. `0.01×`. */
  ratio?: string;
  /** Number of samples behind the value. */
  samples?: number;
  /** Unformatted numbers for results.json. */
  raw?: Record<string, unknown>;
}

/** What every figure gets from the runner. */
export interface BenchContext {
  /** `--quick`: few repetitions, small sizes (CI). */
  quick: boolean;
  /** Progress output (stderr), not part of the table. */
  log(line: string): void;
  /** One Chromium shared by all figures; each figure opens and closes its own contexts. */
  browser(): Promise<Browser>;
  /**
   * One simulator (300 conversations), the proxy in workerd (wrangler) and the browser,
   * started on first use and shared by the page figures. A figure that changes the
   * simulator's fault state restores it.
   */
  stack(): Promise<E2EStack>;
}

/** One module of the suite. */
export interface Figure {
  /** Short id, used in results.json and `--only <id>`. */
  id: string;
  /** How it is measured, one or two sentences for BENCHMARKS.md. */
  method: string;
  run(ctx: BenchContext): Promise<FigureRow[]>;
}
