import { css } from 'lit';

/** The `?` shortcuts dialog of the inbox and the thread. */
export const shortcutsDialogStyles = css`
  dialog.shortcuts {
    width: min(420px, calc(100vw - 32px));
    padding: 16px 20px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 8px 32px var(--_shadow);
    text-align: left;
  }
  dialog.shortcuts::backdrop {
    background: var(--_backdrop);
  }
  .shortcuts kbd {
    display: inline-block;
    min-width: 22px;
    padding: 0 6px;
    border: 1px solid var(--_border);
    border-bottom-width: 2px;
    border-radius: 4px;
    background: var(--_panel);
    font:
      600 12px / 18px ui-monospace,
      monospace;
    text-align: center;
  }
  .shortcuts h2 {
    margin: 0 0 12px;
    font-size: 16px;
  }
  .shortcuts dl {
    display: grid;
    gap: 6px;
    margin: 0;
  }
  .shortcuts dl > div {
    display: grid;
    grid-template-columns: 48px 1fr;
    align-items: center;
    gap: 12px;
  }
  .shortcuts dd {
    margin: 0;
  }
  .shortcuts .hint {
    margin: 12px 0;
    color: var(--_muted);
    font-size: 12px;
  }
  .shortcuts form {
    display: flex;
    justify-content: flex-end;
  }
`;
