/**
 * A Worker in workerd (Miniflare), hosted in its own Node process by workerd-proxy.ts, so
 * that the benchmark's client process does nothing but send requests and time them.
 *
 * The Worker's console output (one log line per proxied request) goes to a file: workerd
 * runs through workerd-to-file.sh, which sends its stdout there. Miniflare would pipe it
 * into this process, which then wakes up, reads and drops every line: on this 2-core
 * machine that cost about 0.2 ms of CPU per line (workerd's write waking this process, and
 * this process's read), more than the rest of the proxy's own work. Workers Logs collects
 * the lines inside the runtime, with nothing woken per line. `console.log` and workerd's
 * write of each line stay on the request's path. Its stderr (warnings, errors) still comes
 * here, and is drained.
 *
 * Protocol (IPC): the parent sends one {@link HostStart}; this process answers
 * `{ url }` (or `{ error }`), then disposes of the Worker and exits on `'close'` or when the
 * parent goes away.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

/** Where workerd's stdout goes (removed when the host stops). */
const STDOUT_FILE = join(tmpdir(), `chatomni-bench-workerd-${process.pid}.log`);
// Read by Miniflare when it starts workerd, and by the wrapper; this process hosts one Worker.
process.env.CHATOMNI_WORKERD_BIN =
  process.env.MINIFLARE_WORKERD_PATH ??
  (createRequire(import.meta.url)('workerd') as { default: string }).default;
process.env.MINIFLARE_WORKERD_PATH = fileURLToPath(
  new URL('./workerd-to-file.sh', import.meta.url),
);
process.env.CHATOMNI_WORKERD_STDOUT = STDOUT_FILE;

/** What the parent asks for. */
export interface HostStart {
  script: string;
  compatibilityDate: string;
  bindings: Record<string, string>;
}

process.once('message', (start: HostStart) => {
  void (async () => {
    const mf = new Miniflare({
      modules: true,
      script: start.script,
      compatibilityDate: start.compatibilityDate,
      host: '127.0.0.1',
      port: 0,
      // Plain output, no per-line parsing; stdout is a file (above), stderr drained here.
      structuredWorkerdLogs: false,
      handleRuntimeStdio: (stdout, stderr) => {
        stdout.resume();
        stderr.resume();
      },
      bindings: start.bindings,
    });
    const stop = async () => {
      await mf.dispose().catch(() => {});
      rmSync(STDOUT_FILE, { force: true });
      process.exit(0);
    };
    process.on('message', (message) => {
      if (message === 'close') void stop();
    });
    process.once('disconnect', () => void stop());
    try {
      process.send?.({ url: (await mf.ready).origin });
    } catch (error) {
      process.send?.({ error: error instanceof Error ? error.message : String(error) });
      await stop();
    }
  })();
});
