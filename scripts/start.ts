/**
 * `npm start`: the demo admin page on http://127.0.0.1:$PORT (default 8080).
 *
 * 1. Builds the widget bundle and the site (`npm run build`; `--no-build` skips it).
 * 2. Starts the simulator in live mode on free ports, unless `TPOS_API_BASE` points at a
 *    real tenant (then `TPOS_RT_WS` / `TPOS_CHAT_WS` default to TPOS's own servers and
 *    `GRAPH_API_BASE` to Facebook's Graph API).
 * 3. Runs the proxy with the demo under `wrangler dev --env dev`, its upstream vars set to
 *    the simulator (or the tenant), replies going to the simulator's Graph stand-in. The
 *    secret of "Ghi nhớ đăng nhập" (`SESSION_KEY`) comes from `.dev.vars` (git-ignored),
 *    generated there the first time.
 * 4. Prints the URL and the demo login; Ctrl-C (SIGINT) or SIGTERM stops everything.
 *
 * `--verbose` also prints the simulator's log lines.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { ROOT } from './build-site.js';

/** TPOS's own realtime servers, used with a real tenant unless overridden. */
const TPOS_RT_WS = 'wss://rt-2.tpos.app';
const TPOS_CHAT_WS = 'wss://ws.chatomni.tpos.app';
/** Facebook's Graph API, where replies are sent with a real tenant unless overridden. */
const GRAPH_API_BASE = 'https://graph.facebook.com';

const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

/** `http://127.0.0.1:8093` → `ws://127.0.0.1:8093` (the proxy wants a bare ws(s) origin). */
function wsOrigin(url: string): string {
  const u = new URL(url);
  return `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
}

let sim: RunningSimulator | undefined;
/** The `wrangler dev` child, once started. */
const child: { wrangler?: ChildProcess } = {};
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const { wrangler } = child;
    if (wrangler && wrangler.exitCode === null && wrangler.signalCode === null) {
      const exited = new Promise((resolve) => wrangler.once('exit', resolve));
      wrangler.kill('SIGTERM');
      // wrangler stops workerd on SIGTERM; insist if it hangs.
      const forced = delay(5000).then(() => wrangler.kill('SIGKILL'));
      await Promise.race([exited, forced]);
    }
    await sim?.close().catch(() => {});
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));

if (!args.has('--no-build')) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Build failed.');
    process.exit(build.status ?? 1);
  }
}

/**
 * Makes sure the file `wrangler dev --env dev` reads secrets from (`.dev.vars.dev`, else
 * `.dev.vars`; both git-ignored) has a `SESSION_KEY`: 32 random bytes, made once and kept, so
 * a restart keeps the sellers who ticked "Ghi nhớ đăng nhập" signed in. Never printed.
 */
function ensureDevSessionKey(): void {
  const envFile = join(ROOT, '.dev.vars.dev');
  const file = existsSync(envFile) ? envFile : join(ROOT, '.dev.vars');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (/^\s*SESSION_KEY\s*=/m.test(text)) return;
  const line = `SESSION_KEY="${randomBytes(32).toString('base64')}"\n`;
  const before = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  writeFileSync(file, before + line, { mode: 0o600 });
  console.log(`Made a SESSION_KEY for "Ghi nhớ đăng nhập" in ${file} (git-ignored).`);
}

ensureDevSessionKey();

const realTenant = process.env.TPOS_API_BASE?.trim();
let vars: Record<string, string>;
if (realTenant) {
  vars = {
    TPOS_API_BASE: realTenant,
    TPOS_RT_WS: process.env.TPOS_RT_WS?.trim() || TPOS_RT_WS,
    TPOS_CHAT_WS: process.env.TPOS_CHAT_WS?.trim() || TPOS_CHAT_WS,
    GRAPH_API_BASE: process.env.GRAPH_API_BASE?.trim() || GRAPH_API_BASE,
  };
} else {
  sim = await startSimulator({
    live: true,
    log: args.has('--verbose') ? (line) => console.log(`[simulator] ${line}`) : undefined,
  });
  vars = {
    TPOS_API_BASE: new URL(sim.restUrl).origin,
    TPOS_RT_WS: wsOrigin(sim.rtUrl),
    TPOS_CHAT_WS: wsOrigin(sim.chatUrl),
    // Replies go to the simulator's Send API stand-in, which echoes them into the inbox.
    GRAPH_API_BASE: sim.graphUrl,
  };
}
// The demo's own origin, and Vite's dev and preview servers, where examples/ run.
vars.ALLOWED_ORIGINS = [port, 5173, 4173]
  .flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`])
  .join(',');

const wranglerBin = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const wranglerArgs = [
  wranglerBin,
  'dev',
  '--env',
  'dev',
  '--port',
  String(port),
  '--ip',
  '127.0.0.1',
  '--inspector-port',
  '0',
  '--show-interactive-dev-session=false',
  ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
];
const wrangler = spawn(process.execPath, wranglerArgs, {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    // No telemetry; no download of the `Request.cf` placeholder (the Worker does not use it).
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
  },
});
child.wrangler = wrangler;
wrangler.once('exit', (code) => {
  if (!stopping) {
    console.error(`wrangler dev exited (${code ?? 'signal'}).`);
    void stop(code ?? 1);
  }
});

// Ready when the Worker answers its health check.
const url = `http://127.0.0.1:${port}`;
for (let i = 0; !stopping; i++) {
  try {
    const res = await fetch(`${url}/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (i === 600) {
    console.error('The proxy did not start within 60 s.');
    await stop(1);
  }
  await delay(100);
}

console.log(
  [
    '',
    `  ChatOmni demo: ${url}/`,
    realTenant
      ? `  Upstream: ${vars.TPOS_API_BASE} (log in with your TPOS account)`
      : `  Simulator (live traffic): REST ${vars.TPOS_API_BASE}. Log in as demo / demo123`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);
