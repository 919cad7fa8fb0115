import { css } from 'lit';

/**
 * Styles every element shares: the design tokens (each `--chatomni-*` custom property with its
 * default, mapped to a private `--_*` name), base controls, badges and the avatar.
 */
export const sharedStyles = css`
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
    --_bg: var(--chatomni-bg, #fff);
    --_fg: var(--chatomni-fg, #111827);
    --_muted: var(--chatomni-muted, #5f6673);
    --_border: var(--chatomni-border, #e5e7eb);
    --_hover: var(--chatomni-hover, #f3f4f6);
    --_accent: var(--chatomni-accent, #2563eb);
    --_selected: var(--chatomni-selected, #e8f0fe);
    --_radius: var(--chatomni-radius, 8px);
    --_order: var(--chatomni-order, #7c3aed);
    --_ok: var(--chatomni-success, #15803d);
    --_danger: var(--chatomni-danger, #c81e1e);
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
    color: #fff;
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
    color: #fff;
  }
  .pstatus {
    background: color-mix(in srgb, var(--c, #6b7280) 14%, #fff);
    color: color-mix(in srgb, var(--c, #6b7280) 55%, #000);
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
    color: #fff;
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
`;
