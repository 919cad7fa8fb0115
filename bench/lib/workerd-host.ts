/**
 * A Worker in workerd (Miniflare), hosted in its own Node process by workerd-proxy.ts, so
 * that the benchmark's client process does nothing but send requests and time them: the
 * Worker's console output (one log line per proxied request) is drained here, as
 * Cloudflare's log pipeline would take it off the request path, instead of being read and
 * parsed on the client's event loop while it waits for the answer.
 *
 * Protocol (IPC): the parent sends one {@link HostStart}; this process answers
 * `{ url }` (or `{ error }`), then disposes of the Worker and exits on `'close'` or when the
 * parent goes away.
 */
import { Miniflare } from 'miniflare';

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
      // Plain output, read and dropped: no per-line parsing.
      structuredWorkerdLogs: false,
      handleRuntimeStdio: (stdout, stderr) => {
        stdout.resume();
        stderr.resume();
      },
      bindings: start.bindings,
    });
    const stop = async () => {
      await mf.dispose().catch(() => {});
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
