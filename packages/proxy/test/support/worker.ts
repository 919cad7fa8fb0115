import { join } from 'node:path';
import { unstable_startWorker } from 'wrangler';
import { ensureAssetsDirectory, ROOT } from './site.js';

process.env.WRANGLER_SEND_METRICS = 'false';
// No request.cf download from workers.cloudflare.com: tests run offline.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';

/** The proxy running in workerd. */
export interface RunningProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dispose(): Promise<void>;
}

/**
 * Starts the Worker of the root wrangler.toml (`--env dev`, Durable Objects included) in
 * real workerd on a free port, with `vars` replacing the dev vars. Nothing is persisted.
 */
export async function startProxy(vars: Record<string, string>): Promise<RunningProxy> {
  ensureAssetsDirectory();
  const worker = await unstable_startWorker({
    config: join(ROOT, 'wrangler.toml'),
    env: 'dev',
    bindings: Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }]),
    ),
    sendMetrics: false,
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
      liveReload: false,
      persist: false,
      logLevel: 'log',
    },
  });
  await worker.ready;
  return { url: (await worker.url).origin, dispose: () => worker.dispose() };
}

/**
 * A `POST /api/token` password grant as the TPOS web app sends it (PROTOCOL §2), with `extra`
 * fields (e.g. the proxy's `remember`) and headers (e.g. `origin`).
 */
export function passwordGrant(
  username: string,
  password: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({
      client_id: 'tmtWebApp',
      grant_type: 'password',
      username,
      password,
      scope: 'profile',
      ...extra,
    }).toString(),
  };
}
