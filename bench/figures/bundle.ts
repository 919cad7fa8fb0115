import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BUNDLE } from '../../scripts/build-site.js';
import { kib } from '../lib/stats.js';
import type { Figure } from '../lib/types.js';

/** Goal for the gzipped bundle: 35 KB of 1024 bytes, as scripts/build-widgets.mjs checks. */
const GOAL_BYTES = 35 * 1024;

/** The widget bundle (all three elements, Lit and socket.io-client included), gzipped. */
export const bundleFigure: Figure = {
  id: 'bundle',
  method:
    '`packages/widgets/cdn/chatomni-widgets.js` as built by `npm run build` (all three elements, ' +
    'Lit and socket.io-client inside), gzipped at level 9 with Node zlib; 1 KB = 1024 bytes.',
  async run() {
    const source = readFileSync(BUNDLE);
    const gzipped = gzipSync(source, { level: 9 }).length;
    return [
      {
        figure: 'bundle, all three elements, gzip',
        value: `${kib(gzipped)} (${kib(source.length)} raw)`,
        goal: `≤ ${kib(GOAL_BYTES)}`,
        met: gzipped <= GOAL_BYTES,
        raw: { gzipBytes: gzipped, rawBytes: source.length },
      },
    ];
  },
};
