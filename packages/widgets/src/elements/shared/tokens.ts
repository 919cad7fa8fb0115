import { unsafeCSS, type CSSResult } from 'lit';

/** A colour of the theme: its default in the light and in the dark set. */
export interface ColorToken {
  light: string;
  dark: string;
}

/**
 * Every colour the elements use, by name: `--chatomni-<name>` is the public custom property
 * a page sets, `--_<name>` the private one the styles read. These two tables are the only
 * place colours are written (a test scans the elements' styles for any other); each entry is
 * documented as a `@cssprop` of `ChatomniElement`. Text pairs pass WCAG AA in both sets.
 */
export const COLOR_TOKENS = {
  bg: { light: '#fff', dark: '#111827' },
  fg: { light: '#111827', dark: '#e5e7eb' },
  muted: { light: '#5f6673', dark: '#9ca3af' },
  border: { light: '#e5e7eb', dark: '#374151' },
  hover: { light: '#f3f4f6', dark: '#1f2937' },
  selected: { light: '#e8f0fe', dark: '#172a46' },
  accent: { light: '#2563eb', dark: '#60a5fa' },
  'accent-fg': { light: '#fff', dark: '#0b1220' },
  panel: { light: '#f9fafb', dark: '#0d131e' },
  order: { light: '#7c3aed', dark: '#7c3aed' },
  'order-fg': { light: '#fff', dark: '#fff' },
  success: { light: '#15803d', dark: '#15803d' },
  'success-fg': { light: '#fff', dark: '#fff' },
  'success-soft': { light: '#ecfdf3', dark: '#0c2a1a' },
  warning: { light: '#d97706', dark: '#f59e0b' },
  'warning-soft': { light: '#fffbeb', dark: '#33240a' },
  danger: { light: '#c81e1e', dark: '#f87171' },
  'danger-soft': { light: '#fef2f2', dark: '#3a1515' },
  post: { light: '#f5f3ff', dark: '#251c42' },
  'bubble-in': { light: '#f0f2f5', dark: '#263244' },
  'bubble-out': { light: '#2563eb', dark: '#1d4ed8' },
  'bubble-out-fg': { light: '#fff', dark: '#fff' },
  'switch-off': { light: '#6b7280', dark: '#6b7280' },
  shadow: { light: 'rgb(0 0 0 / 0.15)', dark: 'rgb(0 0 0 / 0.5)' },
  backdrop: { light: 'rgb(0 0 0 / 0.6)', dark: 'rgb(0 0 0 / 0.7)' },
  'avatar-fg': { light: '#fff', dark: '#fff' },
  // Initials are white on these in both sets (each passes AA with white).
  'avatar-1': { light: '#1d4ed8', dark: '#1d4ed8' },
  'avatar-2': { light: '#6d28d9', dark: '#6d28d9' },
  'avatar-3': { light: '#be185d', dark: '#be185d' },
  'avatar-4': { light: '#0e7490', dark: '#0e7490' },
  'avatar-5': { light: '#047857', dark: '#047857' },
  'avatar-6': { light: '#b45309', dark: '#b45309' },
  'avatar-7': { light: '#b91c1c', dark: '#b91c1c' },
  'avatar-8': { light: '#4338ca', dark: '#4338ca' },
} as const satisfies Record<string, ColorToken>;

/** The name of a colour token (`bg`, `accent-fg`, …). */
export type ColorTokenName = keyof typeof COLOR_TOKENS;

/** How many `avatar-N` colours there are. */
export const AVATAR_COLORS = 8;

function declarations(set: keyof ColorToken): string {
  return Object.entries(COLOR_TOKENS)
    .map(([name, token]) => `--_${name}: var(--chatomni-${name}, ${token[set]});`)
    .join('\n');
}

/**
 * The colour tokens as CSS: the light set by default, the dark set when the system prefers it
 * unless the element says `theme="light"`, and always with `theme="dark"`. `color-scheme`
 * follows, so form controls and scrollbars match. A page's own `--chatomni-*` values win in
 * both sets (set them under its own dark selector to theme dark separately).
 */
export const tokenStyles: CSSResult = unsafeCSS(`
  :host {
    color-scheme: light;
    ${declarations('light')}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      color-scheme: dark;
      ${declarations('dark')}
    }
  }
  :host([theme='dark']) {
    color-scheme: dark;
    ${declarations('dark')}
  }
`);
