/**
 * `npm test`: every test of the repository.
 *
 * 1. Chromium must exist (the widget, end-to-end and benchmark tests drive a real one).
 * 2. The widget bundle and the demo site are built (the proxy serves them).
 * 3. Two tracks at once, since both mostly wait on sockets, timers and browsers:
 *    - node tests: simulator, proxy (in workerd through wrangler), end-to-end (Chromium);
 *    - browser tests of the widgets (Web Test Runner in Chromium, against the simulator),
 *      whose output is printed when the track ends.
 * 4. Alone, the browser tests that race real timeouts (`ALONE_BROWSER_TESTS`).
 * 5. A quick benchmark run, to prove the benchmark still works (it never fails on timings).
 *
 * The simulator plays two profiles (docs/tpos-protocol.md §8): `rich`, and `recorded`, only
 * what was ever recorded of the real TPOS. Everything runs in `rich`; the tests whose outcome
 * depends on the upstream's fields (the widgets' session and element tests, end-to-end and the
 * quick chaos run) run a second time in `recorded` (`SIM_PROFILE=recorded`). With
 * `SIM_PROFILE` set, everything runs once, in that profile.
 *
 * Ends with one line `N passed, N failed` and a non-zero exit code on any failure.
 * `npm test -- --only node|browser|bench` runs one stage (in both profiles); `--serial` runs
 * the two tracks one after the other (slower; for a failure that looks like a timing one).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.ts';

const serial = process.argv.includes('--serial');
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
const PROFILE_NODE_TESTS = ['test/e2e', 'test/chaos'];
const PROFILE_BROWSER_TESTS = 'packages/widgets/src/{session,elements}/**/*.test.ts';
/**
 * Browser tests that race real timeouts through the proxy (a send slower than the page's
 * timeout, a token refused mid-send): run alone after the two tracks, where the other track's
 * load cannot push a send past its deadline.
 */
const ALONE_BROWSER_TESTS =
  'packages/widgets/src/elements/chatomni-thread/chatomni-thread-send.test.ts';

/** Where a stage's output goes: the terminal, or a track's buffer printed when it ends. */
type Echo = (text: string) => void;
const toTerminal: Echo = (text) => void process.stdout.write(text);

function run(
  cmd: string,
  args: string[],
  echo: Echo = toTerminal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      echo(chunk.toString());
    });
    child.stderr.on('data', (chunk: Buffer) => echo(chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function stage(name: string, fn: () => Promise<boolean>, echo: Echo = toTerminal) {
  echo(`\n=== ${name} ===\n`);
  const ok = await fn();
  if (!ok) echo(`=== ${name}: FAILED ===\n`);
  return ok;
}

const node = process.execPath;

/** `*.test.ts` files below a folder (Node 20 has no fs.globSync). */
function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
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
async function nodeTests(files: string[], profile: string, echo: Echo): Promise<boolean> {
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
    echo,
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
async function browserTests(profile: string, echo: Echo, ...files: string[]): Promise<boolean> {
  const { code, out } = await run(
    node,
    [
      '--import',
      'tsx',
      'node_modules/@web/test-runner/dist/bin.js',
      '--config',
      'web-test-runner.config.mjs',
      ...(files.length ? ['--files', ...files] : []),
    ],
    echo,
    { ...process.env, SIM_PROFILE: profile },
  );
  // WTR's summary: "... | 42 passed, 0 failed" (last match wins).
  const counts = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  passed += Number(counts?.[1] ?? 0);
  failed += Number(counts?.[2] ?? (code === 0 ? 0 : 1));
  return code === 0;
}

/** Node tests in every profile (the second one: those that depend on it). */
async function nodeTrack(echo: Echo): Promise<boolean> {
  const [first, ...others] = profiles;
  let good = await stage(
    `node tests (${first} profile)`,
    () =>
      nodeTests(
        [
          ...testFiles('packages/simulator/test'),
          ...testFiles('packages/proxy/test'),
          ...testFiles('test'),
        ].sort(),
        first!,
        echo,
      ),
    echo,
  );
  for (const profile of others) {
    good =
      (await stage(
        `end-to-end and chaos tests (${profile} profile)`,
        () => nodeTests(PROFILE_NODE_TESTS.flatMap(testFiles).sort(), profile, echo),
        echo,
      )) && good;
  }
  return good;
}

/** Browser tests in every profile (the second one: the session and element tests). */
async function browserTrack(echo: Echo): Promise<boolean> {
  const [first, ...others] = profiles;
  const all = ['packages/widgets/{src,test}/**/*.test.ts', `!${ALONE_BROWSER_TESTS}`];
  let good = await stage(
    `browser tests (${first} profile)`,
    () => browserTests(first!, echo, ...all),
    echo,
  );
  for (const profile of others) {
    good =
      (await stage(
        `browser tests of the session and elements (${profile} profile)`,
        () => browserTests(profile, echo, PROFILE_BROWSER_TESTS, `!${ALONE_BROWSER_TESTS}`),
        echo,
      )) && good;
  }
  return good;
}

const tracks: ((echo: Echo) => Promise<boolean>)[] = [];
if (ok && (!only || only === 'node')) tracks.push(nodeTrack);
if (ok && (!only || only === 'browser')) tracks.push(browserTrack);
if (serial || tracks.length < 2) {
  for (const track of tracks) ok = (await track(toTerminal)) && ok;
} else {
  // The node track prints as it goes; the browser track's output follows when both ended.
  let buffered = '';
  const results = await Promise.all([
    tracks[0]!(toTerminal),
    tracks[1]!((text) => void (buffered += text)),
  ]);
  console.log(`\n--- the browser tests, which ran meanwhile ---${buffered}`);
  ok = results.every(Boolean) && ok;
}
if (ok && (!only || only === 'browser')) {
  for (const profile of profiles) {
    ok =
      (await stage(`browser tests that race timeouts, alone (${profile} profile)`, () =>
        browserTests(profile, toTerminal, ALONE_BROWSER_TESTS),
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
