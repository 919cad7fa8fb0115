// Browser tests for packages/widgets, in Debian's Chromium against the real simulator.
// Run through `node --import tsx` (see scripts/test.ts) so the TypeScript simulator loads.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { simulatorPlugin } from './test/support/wtr-simulator-plugin.ts';
import { findChromium } from './scripts/chromium.ts';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error('Chromium not found: apt-get install -y chromium (or set CHROME_PATH).');
}

export default {
  files: ['packages/widgets/src/**/*.test.ts', 'packages/widgets/test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/widgets/tsconfig.json' }),
    simulatorPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
};
