/**
 * `npm test`: every test of the repository, in the order that fails fastest.
 *
 * 1. Chromium must exist (the widget, end-to-end and benchmark tests drive a real one).
 * 2. The widget bundle and the demo site are built (the proxy serves them).
 * 3. Node tests: simulator, proxy (in workerd through wrangler), end-to-end (Chromium).
 * 4. Browser tests of the widgets (Web Test Runner in Chromium, against the simulator).
 * 5. A quick benchmark run, to prove the benchmark still works (it never fails on timings).
 *
 * The simulator plays two profiles (docs/tpos-protocol.md §8): `rich`, and `recorded`, only
 * what was ever recorded of the real TPOS. Everything runs in `rich`; the tests whose outcome
 * depends on the upstream's fields (the widgets' session and element tests that read
 * conversations, threads and orders, the demo and sending end-to-end tests and the quick chaos
 * run) run a second time in `recorded` (`SIM_PROFILE=recorded`). Tests of sign-in, tab
 * sharing, lazy loading, layout, keyboard, theme and reconnection timing meet the same token
 * and socket behaviour in both profiles and run once. With `SIM_PROFILE` set, everything
 * runs once, in that profile.
 *
 * Ends with one line `N passed, N failed` and a non-zero exit code on any failure.
 * `npm test -- --only node|browser|bench` runs one stage (in both profiles).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.ts';

const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : '';
const chromium = findChromium();
if (!chromium) {
  console.error(
    'Chromium not found: install it with `sudo apt-get install -y chromium` (or set CHROME_PATH).',
  );
  process.exit(1);
}
process.env.CHROME_PATH = chromium;
process.env.WRANGLER_SEND_METRICS = 'false';

let passed = 0;
let failed = 0;

/** The profiles to run: the one `SIM_PROFILE` names, else `rich` then `recorded`. */
const profiles = process.env.SIM_PROFILE ? [process.env.SIM_PROFILE] : ['rich', 'recorded'];
/** Test files whose outcome depends on the profile, run again in the second one. */
const PROFILE_NODE_TESTS = ['test/e2e/demo.test.ts', 'test/e2e/send.test.ts', 'test/chaos'];
const PROFILE_BROWSER_TESTS =
  'packages/widgets/src/{' +
  'session/{catch-up,reconcile,rest,room,session,upstream},' +
  'elements/chatomni-inbox/{chatomni-inbox,inbox-upstream},' +
  'elements/chatomni-thread/*,elements/chatomni-status/*' +
  '}.test.ts';

function run(
  cmd: string,
  args: string[],
  capture = false,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      env,
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function stage(name: string, fn: () => Promise<boolean>) {
  console.log(`\n=== ${name} ===`);
  const ok = await fn();
  if (!ok) console.log(`=== ${name}: FAILED ===`);
  return ok;
}

const node = process.execPath;

/** `*.test.ts` files below a folder, or the file itself (Node 20 has no fs.globSync). */
function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (dir.endsWith('.test.ts')) return [dir];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules'))
    .map((file) => join(dir, file));
}
let ok = true;

if (!only || only === 'node' || only === 'browser' || only === 'bench') {
  ok =
    (await stage(
      'build',
      async () => (await run('npm', ['run', 'build', '--silent'])).code === 0,
    )) && ok;
}

/** Node's test runner on `files` in `profile`; adds its counts to the totals. */
async function nodeTests(files: string[], profile: string): Promise<boolean> {
  const tap = join(mkdtempSync(join(tmpdir(), 'chatomni-test-')), 'node.tap');
  const { code } = await run(
    node,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    false,
    { ...process.env, SIM_PROFILE: profile },
  );
  let failures = 0;
  if (existsSync(tap)) {
    const text = readFileSync(tap, 'utf8');
    passed += Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
    failures = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  }
  failed += code !== 0 && failures === 0 ? 1 : failures;
  return code === 0;
}

/** Web Test Runner (all widget tests, or `files`) in `profile`; adds its counts. */
async function browserTests(profile: string, files?: string): Promise<boolean> {
  const { code, out } = await run(
    node,
    [
      '--import',
      'tsx',
      'node_modules/@web/test-runner/dist/bin.js',
      '--config',
      'web-test-runner.config.mjs',
      ...(files ? ['--files', files] : []),
    ],
    true,
    { ...process.env, SIM_PROFILE: profile },
  );
  // WTR's summary: "... | 42 passed, 0 failed" (last match wins).
  const counts = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  passed += Number(counts?.[1] ?? 0);
  failed += Number(counts?.[2] ?? (code === 0 ? 0 : 1));
  return code === 0;
}

if (ok && (!only || only === 'node')) {
  const [first, ...others] = profiles;
  ok =
    (await stage(`node tests (${first} profile)`, () =>
      nodeTests(
        [
          ...testFiles('packages/simulator/test'),
          ...testFiles('packages/proxy/test'),
          ...testFiles('test'),
        ].sort(),
        first!,
      ),
    )) && ok;
  for (const profile of others) {
    ok =
      (await stage(`end-to-end and chaos tests (${profile} profile)`, () =>
        nodeTests(PROFILE_NODE_TESTS.flatMap(testFiles).sort(), profile),
      )) && ok;
  }
}

if (!only || only === 'browser') {
  const [first, ...others] = profiles;
  ok = (await stage(`browser tests (${first} profile)`, () => browserTests(first!))) && ok;
  for (const profile of others) {
    ok =
      (await stage(`browser tests of the session and elements (${profile} profile)`, () =>
        browserTests(profile, PROFILE_BROWSER_TESTS),
      )) && ok;
  }
}

if (!only || only === 'bench') {
  ok =
    (await stage('benchmark (quick)', async () => {
      // Built by the first stage.
      const { code } = await run(node, [
        '--import',
        'tsx',
        'bench/run.ts',
        '--quick',
        '--no-build',
      ]);
      if (code === 0) passed += 1;
      else failed += 1;
      return code === 0;
    })) && ok;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
