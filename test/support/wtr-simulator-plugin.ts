import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@chatomni/simulator';

/**
 * Web Test Runner plugin: lets a browser test start and stop real simulators with
 * `executeServerCommand('sim-start', options)` / `executeServerCommand('sim-stop', { id })`
 * from `@web/test-runner-commands`. Every simulator still running when the run ends is
 * closed.
 */
export function simulatorPlugin() {
  const running = new Map<string, RunningSimulator>();
  let next = 1;
  return {
    name: 'chatomni-simulator',
    async executeCommand({ command, payload }: { command: string; payload?: unknown }) {
      if (command === 'sim-start') {
        const sim = await startSimulator({ cors: true, ...(payload as SimulatorOptions) });
        const id = String(next++);
        running.set(id, sim);
        return { id, restUrl: sim.restUrl, rtUrl: sim.rtUrl, chatUrl: sim.chatUrl };
      }
      if (command === 'sim-stop') {
        const { id } = payload as { id: string };
        await running.get(id)?.close();
        running.delete(id);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...running.values()].map((sim) => sim.close()));
      running.clear();
    },
  };
}
