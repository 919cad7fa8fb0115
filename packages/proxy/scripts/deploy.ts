/**
 * `npm run deploy [-- <wrangler deploy args>]` at the repository root, e.g.
 * `npm run deploy -- --env tomato`:
 *
 * 1. Checks the environment being deployed (deploy-check.ts). On any problem it prints
 *    them and exits 1: nothing is built or uploaded.
 * 2. Builds the demo site and widget bundle (`npm run build`).
 * 3. Runs `wrangler deploy` with the same arguments.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deployProblems, deployTarget } from './deploy-check.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const target = deployTarget(args, `${root}wrangler.toml`);
const label = target.env ? `environment "${target.env}"` : 'the top level (production)';
const problems = deployProblems(target);
if (problems.length > 0) {
  console.error(`Refusing to deploy ${label} of wrangler.toml:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('Nothing was built or uploaded. See packages/proxy/README.md, "Deploying".');
  process.exit(1);
}
console.log(`Deploy check passed for ${label}.`);

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build', '--silent']);
run(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, 'deploy', ...args]);
