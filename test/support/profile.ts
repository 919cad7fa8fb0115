import type { SimProfile } from '@chatomni/simulator';

/**
 * The simulator profile of a test run (docs/tpos-protocol.md §8): `SIM_PROFILE=recorded`
 * plays only what has been recorded of the real TPOS; anything else, or nothing, is `rich`.
 * The widgets' browser tests (through the WTR plugin), the end-to-end and the chaos tests
 * (through `test/stack`) start their simulators in it unless a test names one.
 */
export function simProfile(): SimProfile {
  return process.env.SIM_PROFILE === 'recorded' ? 'recorded' : 'rich';
}
