/**
 * The proxy with the demo site in real workerd (wrangler's `unstable_startWorker`, the
 * repository's wrangler.toml with `--env dev`), on a free port of 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSimulator } from '@chatomni/simulator';
import { unstable_startWorker } from 'wrangler';
import { buildSite, BUNDLE, ROOT } from '../../scripts/build-site.js';

/** The proxy running in workerd. */
export interface RunningProxy {
  /** Origin of the proxy, e.g. `http://127.0.0.1:43121`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Upstream settings of {@link startProxy}. */
export interface ProxyUpstream {
  /** Tenant REST origin (`TPOS_API_BASE`). */
  apiBase: string;
  /** `TPOS_RT_WS`, a ws(s) origin. */
  rtWs: string;
  /** `TPOS_CHAT_WS`, a ws(s) origin. */
  chatWs: string;
  /** `GRAPH_API_BASE`: where `/api/send` calls the Send API (the simulator's Graph stand-in). */
  graphBase?: string;
  /** Extra vars (e.g. `UPSTREAM_TIMEOUT_MS`). */
  vars?: Record<string, string>;
  /** Let wrangler print the Worker's console output (to this process's stdout). Default false. */
  logs?: boolean;
  /**
   * Keep wrangler.toml's login limits (10 a minute per user). Default false: tests and the
   * bench sign in as `demo` many times a minute through one proxy, so the limits are raised
   * to {@link TEST_LOGIN_LIMIT}; packages/proxy/test/rate-limit.test.ts checks the real ones.
   */
  loginLimits?: boolean;
}

/** Logins a minute per IP and per user of a test proxy (see {@link ProxyUpstream.loginLimits}). */
export const TEST_LOGIN_LIMIT = 100_000;

/** `http://127.0.0.1:8093/` → `ws://127.0.0.1:8093`. */
export function wsOrigin(url: string): string {
  const u = new URL(url);
  return `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
}

/**
 * The upstream settings that point the proxy at `sim`: its REST origin, both sockets and its
 * Graph stand-in (so replies sent through `/api/send` reach the simulator, never Facebook).
 */
export function simulatorUpstream(sim: RunningSimulator): ProxyUpstream {
  return {
    apiBase: new URL(sim.restUrl).origin,
    rtWs: wsOrigin(sim.rtUrl),
    chatWs: wsOrigin(sim.chatUrl),
    graphBase: sim.graphUrl,
  };
}

/** A new random `SESSION_KEY` for the proxy (32 bytes, base64), as `npm start` makes one. */
export function newSessionKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The Worker's vars for `upstream`: the upstream settings (`GRAPH_API_BASE` when given),
 * `ALLOWED_ORIGINS` empty (the proxy's own origin only: the demo is served by it), a fresh
 * `SESSION_KEY` (the secret of "Ghi nhớ đăng nhập"), then `upstream.vars` over them.
 */
export function proxyVars(upstream: ProxyUpstream): Record<string, string> {
  return {
    TPOS_API_BASE: upstream.apiBase,
    TPOS_RT_WS: upstream.rtWs,
    TPOS_CHAT_WS: upstream.chatWs,
    ...(upstream.graphBase ? { GRAPH_API_BASE: upstream.graphBase } : {}),
    ALLOWED_ORIGINS: '',
    SESSION_KEY: newSessionKey(),
    ...upstream.vars,
  };
}

/**
 * Makes sure `dist/site` holds the current demo and bundle: rebuilds the site (a file copy)
 * from the built widget bundle. The bundle itself is built by `npm run build`.
 * @throws Error when the bundle has not been built.
 */
export function ensureSite(): void {
  if (!existsSync(BUNDLE)) {
    throw new Error('The widget bundle is missing: run `npm run build` first.');
  }
  buildSite();
}

/** wrangler.toml's two login limiters with {@link TEST_LOGIN_LIMIT} a minute each. */
function testLoginLimits() {
  const limiter = (namespace_id: string) => ({
    type: 'ratelimit' as const,
    namespace_id,
    simple: { limit: TEST_LOGIN_LIMIT, period: 60 as const },
  });
  return { TOKEN_LIMIT_IP: limiter('1001'), TOKEN_LIMIT_USER: limiter('1002') };
}

/**
 * Starts the proxy (wrangler.toml, `--env dev`) in workerd on a free port of 127.0.0.1, with
 * the upstream vars overridden, and waits until `/health` answers.
 */
export async function startProxy(upstream: ProxyUpstream): Promise<RunningProxy> {
  // No internet here: skip miniflare's download of the `Request.cf` placeholder.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const plain = (value: string) => ({ type: 'plain_text' as const, value });
  const worker = await unstable_startWorker({
    config: join(ROOT, 'wrangler.toml'),
    env: 'dev',
    bindings: {
      ...Object.fromEntries(Object.entries(proxyVars(upstream)).map(([k, v]) => [k, plain(v)])),
      ...(upstream.loginLimits ? {} : testLoginLimits()),
    },
    sendMetrics: false,
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
      liveReload: false,
      persist: false,
      // workerd reports every WebSocket the tests drop on purpose; failures show as statuses.
      logLevel: upstream.logs ? 'log' : 'none',
    },
  });
  try {
    await worker.ready;
    const url = (await worker.url).origin;
    const res = await fetch(`${url}/health`);
    if (!res.ok) throw new Error(`proxy /health answered ${res.status}`);
    await res.body?.cancel();
    return { url, close: () => worker.dispose() };
  } catch (error) {
    await worker.dispose();
    throw error;
  }
}
