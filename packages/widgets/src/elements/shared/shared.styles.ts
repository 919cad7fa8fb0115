import { css } from 'lit';
import { tokenStyles } from './tokens.js';

/**
 * The font and radius, base controls, badges, the avatar, and no animation for a
 * reader who asked for reduced motion (the skeleton's pulse, the refresh spinner).
 */
const baseStyles = css`
  :host {
    --_font: var(
      --chatomni-font,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_radius: var(--chatomni-radius, 8px);
    display: block;
    box-sizing: border-box;
    font: var(--chatomni-font-size, 14px) / 1.4 var(--_font);
    color: var(--_fg);
    background: var(--_bg);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_bg);
  }
  input,
  select,
  textarea {
    padding: 6px 8px;
    min-width: 0;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 5px 12px;
    cursor: pointer;
    white-space: nowrap;
  }
  button:hover {
    background: var(--_hover);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  .primary:hover {
    background: var(--_accent);
    filter: brightness(0.92);
  }
  .icon {
    width: 14px;
    height: 14px;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0 6px;
    border-radius: 999px;
    font-size: 12px;
    line-height: 18px;
    font-weight: 600;
    white-space: nowrap;
  }
  .order {
    background: var(--_order);
    color: var(--_order-fg);
  }
  /* The status colour comes from the shop's settings: tinted towards the theme's background
     for the badge and towards its text colour for the words, readable in both themes. */
  .pstatus {
    background: color-mix(in srgb, var(--c, var(--_muted)) 14%, var(--_bg));
    color: color-mix(in srgb, var(--c, var(--_muted)) 55%, var(--_fg));
    font-weight: 500;
  }
  .avatar {
    position: relative;
    flex: none;
    display: grid;
    place-items: center;
    width: var(--s, 40px);
    height: var(--s, 40px);
    border-radius: 50%;
    overflow: hidden;
    color: var(--_avatar-fg);
    font-weight: 600;
    font-size: calc(var(--s, 40px) * 0.38);
    letter-spacing: 0.02em;
    user-select: none;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .note {
    padding: 24px 16px;
    color: var(--_muted);
    text-align: center;
  }
  .error {
    color: var(--_danger);
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** Styles every element shares: the colour tokens (tokens.ts) first, then the base styles. */
export const sharedStyles = [tokenStyles, baseStyles];
