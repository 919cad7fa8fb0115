import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BUNDLE } from '../../scripts/build-site.js';
import { kb } from '../lib/stats.js';
import type { Figure } from '../lib/types.js';

/** Goal for the gzipped bundle, in bytes (35 KB, 1 KB = 1000 bytes). */
const GOAL_BYTES = 35_000;

/** The widget bundle (all three elements, Lit and socket.io-client included), gzipped. */
export const bundleFigure: Figure = {
  id: 'bundle',
  method:
    '`packages/widgets/dist/chatomni-widgets.js` as built by `npm run build` (all three elements, ' +
    'Lit and socket.io-client inside), gzipped at level 9 with Node zlib; 1 KB = 1000 bytes.',
  async run() {
    const source = readFileSync(BUNDLE);
    const gzipped = gzipSync(source, { level: 9 }).length;
    return [
      {
        figure: 'bundle, all three elements, gzip',
        value: `${kb(gzipped)} (${kb(source.length)} raw)`,
        goal: `≤ ${kb(GOAL_BYTES)}`,
        met: gzipped <= GOAL_BYTES,
        raw: { gzipBytes: gzipped, rawBytes: source.length },
      },
    ];
  },
};
