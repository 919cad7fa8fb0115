import type { Figure } from '../lib/types.js';
import { bundleFigure } from './bundle.js';
import { proxyFigure } from './proxy.js';

/** Every figure, in the order they run (cheapest first). */
export const figures: Figure[] = [bundleFigure, proxyFigure];
