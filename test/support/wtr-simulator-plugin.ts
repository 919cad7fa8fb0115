import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@chatomni/simulator';
import { ensureAssetsDirectory } from '../../packages/proxy/test/support/site.js';
import { simulatorUpstream, startProxy, type RunningProxy } from '../stack/proxy.js';
import { simProfile } from './profile.js';

/**
 * Web Test Runner plugin: lets a browser test start and stop real simulators with
 * `executeServerCommand('sim-start', options)` / `executeServerCommand('sim-stop', { id })`
 * from `@web/test-runner-commands`, and a simulator with the proxy in front of it (real
 * workerd, so `POST /api/send` reaches the simulator's Graph stand-in) with `proxy-start` /
 * `proxy-stop`. The simulators answer in the profile of {@link simProfile} unless the options
 * name one; `sim-start` answers which. Everything still running when the run ends is closed.
 */
export function simulatorPlugin() {
  const running = new Map<string, RunningSimulator>();
  const proxies = new Map<string, RunningProxy>();
  let next = 1;
  const start = async (payload: unknown) => {
    const sim = await startSimulator({
      cors: true,
      profile: simProfile(),
      ...(payload as SimulatorOptions),
    });
    const id = String(next++);
    running.set(id, sim);
    return { id, sim };
  };
  const stop = async (id: string) => {
    await proxies.get(id)?.close();
    proxies.delete(id);
    await running.get(id)?.close();
    running.delete(id);
  };
  return {
    name: 'chatomni-simulator',
    async executeCommand({ command, payload }: { command: string; payload?: unknown }) {
      if (command === 'sim-start') {
        const { id, sim } = await start(payload);
        return {
          id,
          restUrl: sim.restUrl,
          rtUrl: sim.rtUrl,
          chatUrl: sim.chatUrl,
          profile: sim.profile,
        };
      }
      if (command === 'proxy-start') {
        const { id, sim } = await start(payload);
        try {
          ensureAssetsDirectory();
          const proxy = await startProxy({
            ...simulatorUpstream(sim),
            // The test page's origin is the runner's; a short upstream timeout keeps the
            // "Facebook never answered" cases short.
            vars: { ALLOWED_ORIGINS: '*', UPSTREAM_TIMEOUT_MS: '3000' },
          });
          proxies.set(id, proxy);
          return { id, restUrl: sim.restUrl, proxyUrl: proxy.url, profile: sim.profile };
        } catch (error) {
          await stop(id);
          throw error;
        }
      }
      if (command === 'sim-stop' || command === 'proxy-stop') {
        await stop((payload as { id: string }).id);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
      await Promise.all([...running.values()].map((sim) => sim.close()));
      proxies.clear();
      running.clear();
    },
  };
}
