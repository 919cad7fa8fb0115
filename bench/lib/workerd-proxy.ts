/**
 * The proxy Worker in workerd through Miniflare directly: one workerd hop, as in production.
 * `wrangler dev` (what `npm start` and the end-to-end tests use) puts its own dev proxy
 * Worker in front of the user Worker, which adds a hop that a deployed Worker does not have;
 * the proxy figure measures both, and a bare forwarding Worker as the floor. Each Worker runs
 * in its own host process (workerd-host.ts), away from the process that times the requests.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ROOT } from '../../scripts/build-site.js';
import { proxyVars, type ProxyUpstream, type RunningProxy } from '../../test/stack/index.js';
import type { HostStart } from './workerd-host.js';

const HOST = fileURLToPath(new URL('./workerd-host.ts', import.meta.url));

/**
 * A Worker that only forwards `/api/<path>` to `TPOS_API_BASE/<path>`: no checks, no header
 * work, no logging. Measured next to the proxy, it shows what workerd and the extra hop cost
 * by themselves, and so which share of the added latency is the proxy's own code.
 */
const BARE_WORKER = `export default {
  async fetch(request, env) {
    const incoming = new URL(request.url);
    const url = new URL(env.TPOS_API_BASE);
    url.pathname = incoming.pathname.replace(/^\\/api/, '');
    url.search = incoming.search;
    return fetch(url, { method: request.method, headers: request.headers, body: request.body });
  },
};`;

/** A Worker in workerd, in its host process. */
export interface WorkerdWorker extends RunningProxy {
  /**
   * CPU time the Worker's workerd process has used so far, in ms (all its threads; from
   * Linux's /proc, NaN where there is none). Less moved by the machine's load than latency.
   */
  cpuMs(): number;
}

/** CPU ms of the processes `pid` started (Linux), NaN when /proc cannot tell. */
function childrenCpuMs(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ');
    let ns = 0;
    for (const child of children) {
      for (const task of readdirSync(`/proc/${child}/task`)) {
        ns += Number(readFileSync(`/proc/${child}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      }
    }
    return children[0] ? ns / 1e6 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Bundles packages/proxy (or, with `bare`, a bare forwarding Worker) and serves it from
 * workerd on a free port of 127.0.0.1, in a host process of its own.
 */
export async function startWorkerdProxy(
  upstream: ProxyUpstream,
  { bare = false }: { bare?: boolean } = {},
): Promise<WorkerdWorker> {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!compatibilityDate) throw new Error('wrangler.toml has no compatibility_date');
  const start: HostStart = {
    script: bare ? BARE_WORKER : await bundleProxy(),
    compatibilityDate,
    bindings: proxyVars(upstream),
  };
  const host = fork(HOST, {
    execArgv: ['--import', 'tsx'],
    // No request.cf download from workers.cloudflare.com: the machine is offline.
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  const answer = await new Promise<{ url?: string; error?: string }>((resolve) => {
    host.once('message', (message) => resolve(message as { url?: string; error?: string }));
    host.once('exit', (code) => resolve({ error: `the workerd host exited (${code})` }));
    host.send(start);
  });
  if (!answer.url) {
    host.kill();
    throw new Error(answer.error ?? 'the workerd host gave no URL');
  }
  return {
    url: answer.url,
    cpuMs: () => childrenCpuMs(host.pid!),
    close: async () => {
      if (host.connected) host.send('close');
      await exited;
    },
  };
}

async function bundleProxy(): Promise<string> {
  const bundle = await build({
    entryPoints: [join(ROOT, 'packages', 'proxy', 'src', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]!.text;
}
