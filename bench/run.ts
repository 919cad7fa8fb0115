/**
 * The benchmark suite: `npm run bench` (full) or `node --import tsx bench/run.ts --quick`
 * (few repetitions and small sizes, for CI; under two minutes).
 *
 * Like `npm start` and `npm test`, it first builds what it measures (`npm run build`: the
 * widget bundle and the demo site); `--no-build` skips that when the build is fresh.
 *
 * Prints a table (each row marked met / NOT MET against its goal), writes
 * `bench/results.json` and `BENCHMARKS.md` (full run) or `bench/results.quick.json`
 * (quick run). Timings never fail the run: the exit code is 0 unless the harness itself
 * broke (a figure threw). `--only <id>[,<id>]` runs some figures.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { startStack, type E2EStack } from '../test/stack/index.js';
import { describeMachine, loadNow } from './lib/machine.js';
import { benchmarksMarkdown, textTable, type FigureResult } from './lib/report.js';
import type { BenchContext, Figure } from './lib/types.js';
import { figures } from './figures/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',')) : null;
const selected: Figure[] = figures.filter((f) => !only || only.has(f.id));

process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

if (!argv.includes('--no-build')) {
  // The build's report goes to stderr with the progress lines; stdout keeps the table.
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: join(here, '..'),
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (build.status !== 0) {
    console.error('The build failed: nothing measured.');
    process.exit(build.status ?? 1);
  }
}

const loadAtStart = loadNow();
let stack: Promise<E2EStack> | undefined;
const ctx: BenchContext = {
  quick,
  log: (line) => process.stderr.write(`[bench] ${line}\n`),
  stack: () => (stack ??= startStack({ simulator: { conversations: 300, seed: 3 } })),
  browser: async () => (await ctx.stack()).browser,
};

const results: FigureResult[] = [];
try {
  for (const figure of selected) {
    ctx.log(`${figure.id}…`);
    const started = performance.now();
    try {
      const rows = await figure.run(ctx);
      results.push({ id: figure.id, method: figure.method, rows, seconds: elapsed(started) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log(
        `${figure.id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`,
      );
      results.push({
        id: figure.id,
        method: figure.method,
        rows: [],
        error: message,
        seconds: elapsed(started),
      });
    }
    ctx.log(`${figure.id} done in ${results.at(-1)?.seconds.toFixed(1)} s`);
  }
} finally {
  const running = await stack?.catch(() => undefined);
  const version = running?.browser.version() ?? 'not started';
  await running?.close();
  const machine = describeMachine(version, loadAtStart);
  console.log(`\nChatOmni benchmarks${quick ? ' (quick)' : ''}, ${machine.date}`);
  console.log(
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, Chromium ${version}\n`,
  );
  console.log(textTable(results));
  const file = join(here, quick ? 'results.quick.json' : 'results.json');
  writeFileSync(file, `${JSON.stringify({ quick, machine, results }, null, 2)}\n`);
  if (!quick && !only) {
    const target = join(here, '..', 'BENCHMARKS.md');
    // Formatted as `npm run lint` (prettier --check) expects.
    const options = (await prettier.resolveConfig(target)) ?? {};
    const markdown = await prettier.format(benchmarksMarkdown(machine, results, figures), {
      ...options,
      filepath: target,
    });
    writeFileSync(target, markdown);
  }
  console.log(`\nwritten: ${file}${!quick && !only ? ', BENCHMARKS.md' : ''}`);
}

function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

process.exit(results.some((r) => r.error) ? 1 : 0);
