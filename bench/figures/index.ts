import type { Figure } from '../lib/types.js';
import { bigListFigure } from './big-list.js';
import { bundleFigure } from './bundle.js';
import { burstFigure } from './burst.js';
import { busyLatencyFigure } from './busy-latency.js';
import { fallbackFigure } from './fallback.js';
import { heapFigure } from './heap.js';
import { latencyFigure } from './latency.js';
import { proxyFigure } from './proxy.js';
import { recoverFigure } from './recover.js';
import { restFigure } from './rest.js';
import { sendFigure } from './send.js';

/** Every figure, in the order of the table. */
export const figures: Figure[] = [
  latencyFigure,
  fallbackFigure,
  restFigure,
  bundleFigure,
  bigListFigure,
  burstFigure,
  busyLatencyFigure,
  heapFigure,
  proxyFigure,
  sendFigure,
  recoverFigure,
];
