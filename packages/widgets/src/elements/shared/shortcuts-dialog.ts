import { html, type TemplateResult } from 'lit';
import { SHORTCUT_KEYS, type ShortcutAction } from '../../controllers/shortcuts-controller.js';
import { addMessages, type MessageKey } from '../../i18n/i18n.js';
import { shortcutsEn, shortcutsVi } from '../../i18n/shortcut-messages.js';

export { shortcutsDialogStyles } from './shortcuts-dialog.styles.js';

addMessages({ vi: shortcutsVi, en: shortcutsEn });

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside a modal dialog (a `keydown` listener on the dialog): from the
 * last control to the first and back. A modal dialog makes the page behind it inert, but Tab
 * past its last control would otherwise leave for the browser's own toolbar.
 */
export function trapFocus(e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const dialog = e.currentTarget as HTMLDialogElement;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (c) => !c.matches(':disabled'),
  );
  if (!controls.length) return;
  const first = controls[0]!;
  const last = controls[controls.length - 1]!;
  const active = (dialog.getRootNode() as ShadowRoot | Document).activeElement;
  if (e.shiftKey ? active === first || active === dialog : active === last) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
}

/** A key as the dialog shows it: "J", "/", "Esc". */
const label = (key: string) => (key === 'Escape' ? 'Esc' : key.toUpperCase());

/**
 * The `?` dialog: a modal `<dialog>` (the rest of the page is inert while it is open, Tab
 * stays inside, Esc closes it) titled "Phím tắt", one line per shortcut of `actions`, in the
 * order of `SHORTCUT_KEYS`. The host opens it with `showModal()` after rendering and `onClose`
 * runs when it closes, however that happens.
 */
export function renderShortcutsDialog(
  actions: ReadonlySet<ShortcutAction>,
  t: (key: MessageKey) => string,
  onClose: () => void,
): TemplateResult {
  return html`<dialog
    class="shortcuts"
    part="shortcuts"
    aria-labelledby="shortcuts-title"
    @keydown=${trapFocus}
    @close=${onClose}
  >
    <h2 id="shortcuts-title">${t('shortcuts')}</h2>
    <dl>
      ${Object.entries(SHORTCUT_KEYS)
        .filter(([, action]) => actions.has(action))
        .map(
          ([key, action]) =>
            html`<div>
              <dt><kbd>${label(key)}</kbd></dt>
              <dd>${t(`shortcut.${action}`)}</dd>
            </div>`,
        )}
    </dl>
    <p class="hint">${t('shortcutsHint')}</p>
    <form method="dialog"><button class="primary" autofocus>${t('close')}</button></form>
  </dialog>`;
}
