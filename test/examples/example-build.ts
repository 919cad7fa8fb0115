/**
 * Installs and builds an example of examples/ the way its developers would: `npm ci` from the
 * example's own lock (the widgets come from packages/widgets as a packed copy, `install-links`)
 * and `npm run build`. Nothing is cached outside the repository: npm's cache is
 * examples/.npm-cache (ignored by git).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/build-site.js';

/** The examples folder. */
export const EXAMPLES_DIR = join(ROOT, 'examples');
const CACHE = join(EXAMPLES_DIR, '.npm-cache');

/**
 * The environment of the example's npm: the test's own, without the `npm_*` variables of an
 * outer `npm test` (its workspace and prefix settings would point npm at the root project).
 */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_/i.test(key) || /^npm_config_(registry|userconfig)$/i.test(key),
    ),
  );
  return {
    ...env,
    npm_config_cache: CACHE,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

function npm(args: string[], cwd: string, env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('npm', args, { cwd, env: npmEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Date.now() - started);
      else
        reject(
          new Error(`npm ${args.join(' ')} in ${cwd} exited ${code}:\n${output.slice(-4000)}`),
        );
    });
  });
}

/** What building an example took. */
export interface ExampleBuild {
  /** The built site (the example's dist/). */
  dir: string;
  installMs: number;
  buildMs: number;
}

/**
 * `npm ci` then `npm run build` in examples/<name>, with `VITE_CHATOMNI_PROXY` set to the
 * proxy the built page talks to. `swap` installs other versions over the lock's before the
 * build (`['react@18', …]`), without saving them.
 * @throws Error with npm's output when either fails.
 */
export async function buildExample(
  name: string,
  proxyUrl: string,
  swap: string[] = [],
): Promise<ExampleBuild> {
  const cwd = join(EXAMPLES_DIR, name);
  let installMs = await npm(['ci', '--prefer-offline', '--no-update-notifier'], cwd);
  if (swap.length)
    installMs += await npm(['install', '--no-save', '--prefer-offline', ...swap], cwd);
  const buildMs = await npm(['run', 'build'], cwd, { VITE_CHATOMNI_PROXY: proxyUrl });
  return { dir: join(cwd, 'dist'), installMs, buildMs };
}
