import type { Machine } from './machine.js';
import type { Figure, FigureRow } from './types.js';

/** Results of one figure: its rows, or the error that stopped it. */
export interface FigureResult {
  id: string;
  method: string;
  rows: FigureRow[];
  error?: string;
  /** Wall-clock seconds the figure took. */
  seconds: number;
}

function verdict(row: FigureRow): string {
  if (row.met === null) return '—';
  return row.met ? 'met' : 'NOT MET';
}

const COLUMNS = ['figure', 'value', 'goal', 'met', 'baseline', 'ratio'] as const;

function cells(row: FigureRow): string[] {
  return [row.figure, row.value, row.goal, verdict(row), row.baseline ?? '', row.ratio ?? ''];
}

/** Rows of all results, failed figures as one `error` row each. */
function allRows(results: readonly FigureResult[]): FigureRow[] {
  return results.flatMap((result) =>
    result.error
      ? [{ figure: result.id, value: `error: ${result.error}`, goal: '', met: null }]
      : result.rows,
  );
}

/** A plain-text table for the terminal. */
export function textTable(results: readonly FigureResult[]): string {
  const rows = allRows(results).map(cells);
  const header = [...COLUMNS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown table. */
export function markdownTable(results: readonly FigureResult[]): string {
  const rows = allRows(results).map((row) => cells(row).map(escapeCell));
  return [
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The whole BENCHMARKS.md. */
export function benchmarksMarkdown(
  machine: Machine,
  results: readonly FigureResult[],
  figures: readonly Figure[],
): string {
  const methods = figures.map((f) => `- **${f.id}**: ${f.method}`).join('\n');
  return `# Benchmarks

Measured by \`npm run bench\` (\`node --import tsx bench/run.ts\`), which rewrites this file
and \`bench/results.json\`. Every figure runs against the real parts: the simulator, the
proxy in workerd (wrangler) and the demo page in headless Chromium, all on this machine.
\`npm test\` runs \`--quick\` (few repetitions, small sizes), which never fails on a timing.

## Machine

| | |
| --- | --- |
| date | ${machine.date} |
| CPU | ${escapeCell(machine.cpu)} |
| cores | ${machine.cores} |
| memory | ${machine.memory} |
| OS | ${machine.os} |
| Node.js | ${machine.node} |
| Chromium | ${machine.chromium} (headless, \`--disable-gpu\`) |
| load average (1 min), start → end | ${machine.load} |

Timings are this machine's, with whatever else ran on it (see the load average; a load above
the number of cores means the benchmark shared the CPU). Each figure is measured together
with its baseline in the same run, so ratios are fairer than absolute values.

## Results

${markdownTable(results)}

## How each figure is measured

${methods}
`;
}
