import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The page-wide shortcuts: the key (`KeyboardEvent.key`, letters in lower case) → what it
 * does, in the order the `?` dialog lists them (shortcuts-dialog.ts, which shows each key and
 * its text). Plain keys as in Gmail and Chatwoot's list; letters match in either case (Caps
 * Lock), and Shift is allowed because `?` needs it on most layouts.
 */
export const SHORTCUT_KEYS = {
  j: 'next',
  k: 'previous',
  u: 'next-unread',
  '/': 'search',
  t: 'templates',
  i: 'info',
  r: 'compose',
  Escape: 'close',
  '?': 'help',
} as const;

/** What a page-wide shortcut does. */
export type ShortcutAction = (typeof SHORTCUT_KEYS)[keyof typeof SHORTCUT_KEYS];

/** A handler per action; it returns false when it had nothing to do (the key goes on). */
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => boolean>>;

/** Options of {@link ShortcutsController}. */
export interface ShortcutsOptions {
  /** Whether the host takes shortcuts now (off with its `no-shortcuts` attribute). */
  enabled: () => boolean;
  /** The host's handlers, read on every key. `help` is handled by the controller. */
  handlers: () => ShortcutHandlers;
}

const TEXT_INPUT = /^(input|textarea|select)$/;

/** The key was typed into a text field or an open dialog, including inside shadow roots. */
function typing(e: KeyboardEvent): boolean {
  return e
    .composedPath()
    .some(
      (target) =>
        target instanceof HTMLElement &&
        (TEXT_INPUT.test(target.localName) ||
          target.isContentEditable ||
          target.localName === 'dialog'),
    );
}

/** The action of a key press, or undefined when it is not a shortcut. */
function actionOf(e: KeyboardEvent): ShortcutAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return Object.hasOwn(SHORTCUT_KEYS, key)
    ? SHORTCUT_KEYS[key as keyof typeof SHORTCUT_KEYS]
    : undefined;
}

/**
 * Page-wide keyboard shortcuts (the list is {@link SHORTCUT_KEYS}): one `keydown` listener per
 * document however many elements use it, added with the first connected host and removed
 * with the last. A key is ignored while the focus is in a text field or a dialog (looked up
 * through shadow roots with `composedPath`), with Ctrl, Alt or Meta, during an IME
 * composition, and when something else already handled it (`defaultPrevented`). Each
 * action goes to the enabled hosts in connection order until one handles it; `?` opens the
 * shortcuts dialog on the first host that has handlers, listing what the page's hosts can do.
 */
export class ShortcutsController implements ReactiveController {
  /** The controllers of the connected hosts, per document, in connection order. */
  private static readonly registries = new Map<Document, Set<ShortcutsController>>();

  /** The one listener of a document. */
  private static readonly handleKeydown = (e: KeyboardEvent): void => {
    const action = actionOf(e);
    if (!action || typing(e)) return;
    const registry = ShortcutsController.registries.get(e.currentTarget as Document);
    const hosts = [...(registry ?? [])].filter((c) => c.options.enabled());
    for (const c of hosts) {
      const handled = action === 'help' ? c.openHelp(hosts) : c.run(action);
      if (handled) {
        e.preventDefault();
        return;
      }
    }
  };

  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: ShortcutsOptions;
  private help: ReadonlySet<ShortcutAction> | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ShortcutsOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The actions the open dialog lists, or null while it is closed. */
  get helpActions(): ReadonlySet<ShortcutAction> | null {
    return this.help;
  }

  hostConnected(): void {
    const doc = this.host.ownerDocument;
    const registries = ShortcutsController.registries;
    let registry = registries.get(doc);
    if (!registry) {
      registry = new Set();
      registries.set(doc, registry);
      doc.addEventListener('keydown', ShortcutsController.handleKeydown);
    }
    registry.add(this);
  }

  hostDisconnected(): void {
    const doc = this.host.ownerDocument;
    const registry = ShortcutsController.registries.get(doc);
    registry?.delete(this);
    if (registry && !registry.size) {
      ShortcutsController.registries.delete(doc);
      doc.removeEventListener('keydown', ShortcutsController.handleKeydown);
    }
    this.help = null;
  }

  /** Runs this host's handler for `action`; true when it did something. */
  private run(action: ShortcutAction): boolean {
    return this.options.handlers()[action]?.() ?? false;
  }

  /**
   * Opens the dialog here, listing the actions the enabled hosts of the page handle; false
   * when this host has no handlers (another host shows it).
   */
  private openHelp(hosts: readonly ShortcutsController[]): boolean {
    if (!Object.keys(this.options.handlers()).length) return false;
    const actions = new Set<ShortcutAction>(['help']);
    for (const c of hosts)
      for (const a of Object.keys(c.options.handlers())) actions.add(a as ShortcutAction);
    this.returnFocus = deepActiveElement(this.host.ownerDocument);
    this.help = actions;
    this.host.requestUpdate();
    return true;
  }

  /** The dialog closed: forget it and give the focus back to where it was. */
  closeHelp(): void {
    if (!this.help) return;
    this.help = null;
    this.host.requestUpdate();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(doc: Document = document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== doc.body ? active : null;
}
