import { html, type TemplateResult } from 'lit';

/** Small stroke icons (24×24 viewBox), decorative: always `aria-hidden`. */
const paths = {
  message: 'M4 5h16v11H9l-5 4z',
  comment: 'M3 4h18v12H8l-5 4zM7 9h10M7 12h6',
  phone: 'M6 3h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z',
  pin: 'M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12zM12 11.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  search: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14zM21 21l-5-5',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  cart: 'M3 4h2l2 11h11l2-8H6M9 20h.01M17 20h.01',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  chevron: 'M6 9l6 6 6-6',
  file: 'M14 3H6v18h12V7zM14 3v4h4',
  send: 'M4 12l16-8-6 16-3-7z',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4',
  'bell-off': 'M6 16V11a6 6 0 0 1 9-5.2M18 11v5l2 2H4M10 21h4M3 3l18 18',
  attach: 'M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
};

/** One of the icon names. */
export type IconName = keyof typeof paths;

/** An inline SVG icon; `cls` adds classes next to `icon`. */
export function icon(name: IconName, cls = ''): TemplateResult {
  return html`<svg class="icon ${cls}" viewBox="0 0 24 24" aria-hidden="true">
    <path d=${paths[name]}></path>
  </svg>`;
}
