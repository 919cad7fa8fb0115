/**
 * `npm run chaos [-- --quick] [-- --seed N]`: the chaos run (see chaos.ts), about two minutes
 * (`--quick`: about 20 s), against the simulator profile `SIM_PROFILE` names (default `rich`).
 * Prints the figures; exits non-zero when a check failed (a message lost, doubled or out of
 * order, a stale preview or unread count, a late badge, a request storm, a page error).
 */
import { runChaos } from './chaos.js';
import { chaosFailures, formatChaos } from './report.js';
import { simProfile } from '../support/profile.js';

process.env.WRANGLER_SEND_METRICS ??= 'false';
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 7;

const started = Date.now();
const result = await runChaos({ quick, seed, log: (line) => console.log(`[chaos] ${line}`) });
console.log(
  `\nChaos run (${quick ? 'quick' : 'full'}, seed ${seed}, ${simProfile()} profile, ${Math.round((Date.now() - started) / 1000)} s)`,
);
console.log(formatChaos(result));
const failures = chaosFailures(result);
console.log(failures.length ? `\nFAILED: ${failures.join('; ')}` : '\nAll checks held.');
process.exit(failures.length ? 1 : 0);
