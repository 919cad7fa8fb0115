import { html, type TemplateResult } from 'lit';
import type { moreIcons } from './more-icons.js';

/**
 * Small stroke icons (24×24 viewBox), decorative: always `aria-hidden`. Here those of the list;
 * the others (more-icons.ts) are added by the chunks that draw them.
 */
const listIcons = {
  message: 'M4 5h16v11H9l-5 4z',
  comment: 'M3 4h18v12H8l-5 4zM7 9h10M7 12h6',
  phone: 'M6 3h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z',
  pin: 'M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12zM12 11.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  search: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14zM21 21l-5-5',
  cart: 'M3 4h2l2 11h11l2-8H6M9 20h.01M17 20h.01',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4',
  'bell-off': 'M6 16V11a6 6 0 0 1 9-5.2M18 11v5l2 2H4M10 21h4M3 3l18 18',
};

/** One of the icon names. */
export type IconName = keyof typeof listIcons | keyof typeof moreIcons;

const paths: Partial<Record<IconName, string>> = listIcons;

/** Adds the paths of the icons a chunk draws (more-icons.ts). */
export function addIcons(more: Partial<Record<IconName, string>>): void {
  Object.assign(paths, more);
}

/** An inline SVG icon; `cls` adds classes next to `icon`. */
export function icon(name: IconName, cls = ''): TemplateResult {
  return html`<svg class="icon ${cls}" viewBox="0 0 24 24" aria-hidden="true">
    <path d=${paths[name]}></path>
  </svg>`;
}
