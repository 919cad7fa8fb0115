/**
 * The proxy Worker in workerd through Miniflare directly: one workerd hop, as in production.
 * `wrangler dev` (what `npm start` and the end-to-end tests use) puts its own dev proxy
 * Worker in front of the user Worker, which adds a hop that a deployed Worker does not have;
 * the proxy figure measures both, and a bare forwarding Worker as the floor.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { ROOT } from '../../scripts/build-site.js';
import { proxyVars, type ProxyUpstream, type RunningProxy } from '../../test/stack/index.js';

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

/**
 * Bundles packages/proxy (or, with `bare`, a bare forwarding Worker) and serves it from
 * workerd on a free port of 127.0.0.1.
 */
export async function startWorkerdProxy(
  upstream: ProxyUpstream,
  { bare = false }: { bare?: boolean } = {},
): Promise<RunningProxy> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!compatibilityDate) throw new Error('wrangler.toml has no compatibility_date');
  const script = bare ? BARE_WORKER : await bundleProxy();
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate,
    host: '127.0.0.1',
    port: 0,
    // The Worker logs one line per request; a benchmark sends thousands.
    handleRuntimeStdio: (stdout, stderr) => {
      stdout.resume();
      stderr.resume();
    },
    handleStructuredLogs: () => {},
    bindings: proxyVars(upstream),
  });
  const url = await mf.ready;
  return { url: url.origin, close: () => mf.dispose() };
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
