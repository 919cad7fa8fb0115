import { Hono } from 'hono';
import { methodNotAllowed } from '../errors.js';
import type { ProxyEnv } from '../types.js';
import { PROXY_VERSION } from '../version.js';

/** The body of `GET /health`. */
export interface HealthBody {
  ok: true;
  name: '@chatomni/proxy';
  version: string;
  /** Upstream host names (with port when not the default); never credentials. */
  upstream: { api: string; rt: string; chat: string; graph: string };
}

/** `GET /health`: the proxy version and the configured upstream hosts. */
export const healthRoutes = new Hono<ProxyEnv>()
  .get('/', (c) => {
    const { apiBase, wsTargets, graphBase } = c.get('config');
    const body: HealthBody = {
      ok: true,
      name: '@chatomni/proxy',
      version: PROXY_VERSION,
      upstream: {
        api: apiBase.host,
        rt: wsTargets.rt.host,
        chat: wsTargets.chat.host,
        graph: graphBase.host,
      },
    };
    return c.json(body, 200, { 'cache-control': 'no-store' });
  })
  .all('/', () => methodNotAllowed(['GET', 'HEAD']));
