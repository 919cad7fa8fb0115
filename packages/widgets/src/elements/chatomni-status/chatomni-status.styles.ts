import { css } from 'lit';

/** The badges and buttons (the host's own layout is in chatomni-status.ts). */
export const statusStyles = css`
  [role='status'] {
    display: inline-flex;
    gap: 4px;
    flex-wrap: wrap;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    font-size: 12px;
    white-space: nowrap;
  }
  .warn {
    border-color: var(--_warning);
    background: var(--_warning-soft);
  }
  .auth {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button {
    padding: 3px 8px;
    font-size: 12px;
  }
  .spin .icon {
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .track {
    position: relative;
    width: 26px;
    height: 14px;
    border-radius: 7px;
    background: var(--_switch-off);
    transition: background 0.15s;
  }
  .track::after {
    content: '';
    position: absolute;
    top: 2px;
    left: 2px;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_success-fg);
    transition: transform 0.15s;
  }
  [aria-checked='true'] .track {
    background: var(--_success);
  }
  [aria-checked='true'] .track::after {
    transform: translateX(12px);
  }
`;
