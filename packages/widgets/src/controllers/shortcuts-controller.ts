import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../i18n/i18n.js';

/** What a page-wide shortcut does. */
export const ShortcutAction = {
  Next: 'next',
  Previous: 'previous',
  NextUnread: 'next-unread',
  Search: 'search',
  Templates: 'templates',
  Info: 'info',
  Compose: 'compose',
  Close: 'close',
  Help: 'help',
} as const;
export type ShortcutAction = (typeof ShortcutAction)[keyof typeof ShortcutAction];

/** A shortcut: the `KeyboardEvent.key` values it answers, how the dialog shows it, its text. */
export interface Shortcut {
  action: ShortcutAction;
  keys: readonly string[];
  label: string;
  text: MessageKey;
}

/**
 * The page-wide shortcuts, in the order the `?` dialog lists them. Plain keys as in Gmail and
 * Chatwoot's list; letters match in either case (Caps Lock), and Shift is allowed because `?`
 * needs it on most layouts.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: ShortcutAction.Next, keys: ['j'], label: 'J', text: 'shortcut.next' },
  { action: ShortcutAction.Previous, keys: ['k'], label: 'K', text: 'shortcut.previous' },
  { action: ShortcutAction.NextUnread, keys: ['u'], label: 'U', text: 'shortcut.next-unread' },
  { action: ShortcutAction.Search, keys: ['/'], label: '/', text: 'shortcut.search' },
  { action: ShortcutAction.Templates, keys: ['t'], label: 'T', text: 'shortcut.templates' },
  { action: ShortcutAction.Info, keys: ['i'], label: 'I', text: 'shortcut.info' },
  { action: ShortcutAction.Compose, keys: ['r'], label: 'R', text: 'shortcut.compose' },
  { action: ShortcutAction.Close, keys: ['Escape'], label: 'Esc', text: 'shortcut.close' },
  { action: ShortcutAction.Help, keys: ['?'], label: '?', text: 'shortcut.help' },
];

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
  return SHORTCUTS.find((s) => s.keys.includes(key))?.action;
}

/**
 * Page-wide keyboard shortcuts (the list is {@link SHORTCUTS}): one `keydown` listener per
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
      const handled = action === ShortcutAction.Help ? c.openHelp(hosts) : c.run(action);
      if (handled) {
        e.preventDefault();
        return;
      }
    }
  };

  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: ShortcutsOptions;
  private help: readonly Shortcut[] | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ShortcutsOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The shortcuts the open dialog lists, or null while it is closed. */
  get helpShortcuts(): readonly Shortcut[] | null {
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
    const actions = new Set<ShortcutAction>([ShortcutAction.Help]);
    for (const c of hosts)
      for (const a of Object.keys(c.options.handlers())) actions.add(a as ShortcutAction);
    this.returnFocus = deepActiveElement(this.host.ownerDocument);
    this.help = SHORTCUTS.filter((s) => actions.has(s.action));
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
