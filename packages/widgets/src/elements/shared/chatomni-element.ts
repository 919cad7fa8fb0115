import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import {
  ShortcutsController,
  type ShortcutHandlers,
} from '../../controllers/shortcuts-controller.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ChatSession } from '../../session/session.js';
import type { SessionConfig } from '../../model/index.js';
import { addStyles, LazyPart, LazyParts, renderPartError } from './lazy.js';

/** The `?` dialog, loaded the first time it opens (or when the page is idle). */
const shortcutsDialog = new LazyPart(() => import('./shortcuts-dialog.js'));

/** Attribute-backed settings passed to `session.configure` when set. */
const CONFIG_KEYS = ['baseUrl', 'tenant', 'rtUrl', 'chatUrl', 'pollInterval', 'debug'] as const;

/**
 * The base of the three elements: the `session` name, configuration attributes applied to
 * that session through `configure` (only the ones that are set, so elements sharing a session
 * do not undo each other), the language, the theme, the session controller and the page-wide
 * keyboard shortcuts (the `?` dialog included).
 *
 * Every colour is a custom property; a page's value wins in both themes. Defaults are given
 * as light / dark; the dark set applies with `prefers-color-scheme: dark` unless
 * `theme="light"`, and always with `theme="dark"`.
 *
 * @cssprop [--chatomni-font=system-ui, …] - Font stack.
 * @cssprop [--chatomni-font-size=14px] - Base font size.
 * @cssprop [--chatomni-radius=8px] - Outer corner radius.
 * @cssprop [--chatomni-bg=#fff] - Background (dark #111827).
 * @cssprop [--chatomni-fg=#111827] - Text (dark #e5e7eb).
 * @cssprop [--chatomni-muted=#5f6673] - Secondary text: times, hints, labels (dark #9ca3af).
 * @cssprop [--chatomni-border=#e5e7eb] - Borders and separators (dark #374151).
 * @cssprop [--chatomni-hover=#f3f4f6] - Hovered rows and buttons, the search field, skeletons (dark #1f2937).
 * @cssprop [--chatomni-selected=#e8f0fe] - The selected row and pressed filters (dark #172a46).
 * @cssprop [--chatomni-accent=#2563eb] - Focus ring, links, primary buttons, unread badges (dark #60a5fa).
 * @cssprop [--chatomni-accent-fg=#fff] - Text on the accent colour (dark #0b1220).
 * @cssprop [--chatomni-panel=#f9fafb] - The customer info and templates panel, key caps (dark #0d131e).
 * @cssprop [--chatomni-order=#7c3aed] - The order-number badge (dark #7c3aed).
 * @cssprop [--chatomni-order-fg=#fff] - Text on the order badge (dark #fff).
 * @cssprop [--chatomni-success=#15803d] - "Tạo đơn hàng" and the Auto switch when on (dark #15803d).
 * @cssprop [--chatomni-success-fg=#fff] - Text on the success colour, the switch's knob (dark #fff).
 * @cssprop [--chatomni-success-soft=#ecfdf3] - The "order created" banner (dark #0c2a1a).
 * @cssprop [--chatomni-warning=#d97706] - The border of a reconnecting badge (dark #f59e0b).
 * @cssprop [--chatomni-warning-soft=#fffbeb] - Reconnecting badges and warnings (dark #33240a).
 * @cssprop [--chatomni-danger=#c81e1e] - Errors and the sign-in badge (dark #f87171).
 * @cssprop [--chatomni-danger-soft=#fef2f2] - Error banners (dark #3a1515).
 * @cssprop [--chatomni-post=#f5f3ff] - The post or livestream above comments (dark #251c42).
 * @cssprop [--chatomni-bubble-in=#f0f2f5] - The customer's message bubbles (dark #263244).
 * @cssprop [--chatomni-bubble-out=#2563eb] - The shop's message bubbles (dark #1d4ed8).
 * @cssprop [--chatomni-bubble-out-fg=#fff] - Text in the shop's bubbles (dark #fff).
 * @cssprop [--chatomni-switch-off=#6b7280] - The Auto switch when off (dark #6b7280).
 * @cssprop [--chatomni-shadow=rgb(0 0 0 / 0.15)] - Shadows of pills and dialogs (dark rgb(0 0 0 / 0.5)).
 * @cssprop [--chatomni-backdrop=rgb(0 0 0 / 0.6)] - Behind the image and shortcuts dialogs (dark rgb(0 0 0 / 0.7)).
 * @cssprop [--chatomni-avatar-fg=#fff] - Initials on avatars without a picture (dark #fff).
 * @cssprop [--chatomni-avatar-1=#1d4ed8] - Avatar colour 1 of 8, picked from the customer id (dark #1d4ed8).
 * @cssprop [--chatomni-avatar-2=#6d28d9] - Avatar colour 2 (dark #6d28d9).
 * @cssprop [--chatomni-avatar-3=#be185d] - Avatar colour 3 (dark #be185d).
 * @cssprop [--chatomni-avatar-4=#0e7490] - Avatar colour 4 (dark #0e7490).
 * @cssprop [--chatomni-avatar-5=#047857] - Avatar colour 5 (dark #047857).
 * @cssprop [--chatomni-avatar-6=#b45309] - Avatar colour 6 (dark #b45309).
 * @cssprop [--chatomni-avatar-7=#b91c1c] - Avatar colour 7 (dark #b91c1c).
 * @cssprop [--chatomni-avatar-8=#4338ca] - Avatar colour 8 (dark #4338ca).
 */
export class ChatomniElement extends LitElement {
  protected readonly locale = new LocaleController(this);
  protected readonly sessions = new SessionController(this, {
    name: () => this.session,
    relevant: (session) => this.sessionInputs(session),
    spacing: (cost) => this.sessionSpacing(cost),
    eager: () => this.sessionEager(),
  });
  protected readonly shortcuts = new ShortcutsController(this, {
    enabled: () => !this.noShortcuts,
    handlers: () => this.shortcutHandlers(),
  });
  /** The parts loaded on first use that this element shows. */
  protected readonly parts = new LazyParts(this);

  /** Name of the shared session; elements with the same name show the same state. */
  @property({ reflect: true }) session = 'default';
  /** Proxy base URL (`SessionConfig.baseUrl`). Default: the page's origin. */
  @property({ attribute: 'base-url', reflect: true }) baseUrl?: string;
  /** Tenant host, also the realtime room (`SessionConfig.tenant`). Default: the token's `TenantId`. */
  @property({ reflect: true }) tenant?: string;
  /** RT Socket.IO server (`SessionConfig.rtUrl`). Default `<base-url>/ws/rt`. */
  @property({ attribute: 'rt-url', reflect: true }) rtUrl?: string;
  /** Chat Socket.IO server (`SessionConfig.chatUrl`). Default `<base-url>/ws/chat`. */
  @property({ attribute: 'chat-url', reflect: true }) chatUrl?: string;
  /** Poll interval in ms (`SessionConfig.pollInterval`). Default 10000. */
  @property({ attribute: 'poll-interval', type: Number, reflect: true }) pollInterval?: number;
  /** Log in the seed's `[CHAT]`/`[RT]` patterns (`SessionConfig.debug`). Default off. */
  @property({ type: Boolean, reflect: true }) debug?: boolean;
  /** Any other session settings (objects and arrays, e.g. `channels`); applied like attributes. */
  @property({ attribute: false }) config?: Partial<SessionConfig>;
  /** `light` or `dark` whatever the system prefers. Default: unset, the system's choice. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Turn off this element's page-wide keyboard shortcuts (J, K, /, ?, …). Default off. */
  @property({ type: Boolean, attribute: 'no-shortcuts', reflect: true }) noShortcuts = false;

  /** The session this element shows. */
  get chatSession(): ChatSession {
    return this.sessions.session;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const all = changed.has('session');
    const partial: Partial<SessionConfig> = {};
    let any = false;
    for (const key of CONFIG_KEYS) {
      const value = this[key];
      if ((all || changed.has(key)) && value !== undefined && value !== null) {
        if (key === 'pollInterval' && !(Number(value) > 0)) continue;
        Object.assign(partial, { [key]: value });
        any = true;
      }
    }
    if (this.config && (all || changed.has('config'))) {
      Object.assign(partial, this.config);
      any = true;
    }
    if (any) this.chatSession.configure(partial);
    // Before the first render: a kept sign-in shows as loading, not as a login form.
    if (all) this.chatSession.restore();
  }

  /** An English element waits for the English strings before it updates. */
  protected override async scheduleUpdate(): Promise<void> {
    const strings = this.locale.pending;
    if (strings) await strings;
    super.scheduleUpdate();
  }

  /**
   * Also waits for the lazy parts being loaded for this element and for a render that
   * {@link sessionSpacing} held back, and for their update.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    await this.sessions.heldUpdate;
    while (this.parts.loading) {
      await this.parts.settled();
      done = await super.getUpdateComplete();
    }
    return (await super.getUpdateComplete()) && done;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const help = this.renderRoot.querySelector<HTMLDialogElement>('dialog.shortcuts');
    if (help && !help.open) help.showModal();
  }

  /**
   * What this element renders from its session, compared on each `change` event (see
   * `SessionControllerOptions.relevant`). Default null: it renders on every event.
   */
  protected sessionInputs(_session: ChatSession): readonly unknown[] | null {
    return null;
  }

  /**
   * Least time (ms) between two renders that session changes ask for, given what the last
   * render cost the main thread in ms, its frame included (see
   * `SessionControllerOptions.spacing`). Default 0: every frame with a change.
   */
  protected sessionSpacing(_cost: number): number {
    return 0;
  }

  /**
   * Shows a change of {@link sessionInputs} in the task that brought it (a socket event), not
   * in the next frame (see `SessionControllerOptions.eager`). Default false.
   */
  protected sessionEager(): boolean {
    return false;
  }

  /** The shortcuts this element handles while it is shown (none by default). */
  protected shortcutHandlers(): ShortcutHandlers {
    return {};
  }

  /** The `?` dialog while it is open here (nothing while its chunk loads). */
  protected renderShortcutsHelp(): TemplateResult | typeof nothing {
    const list = this.shortcuts.helpActions;
    if (!list) return nothing;
    const t = (k: MessageKey) => this.t(k);
    const close = () => this.shortcuts.closeHelp();
    const dialog = this.parts.use(shortcutsDialog);
    if (dialog) {
      addStyles(this, dialog.shortcutsDialogStyles);
      return dialog.renderShortcutsDialog(list, t, close);
    }
    if (!shortcutsDialog.failed) return nothing;
    return html`<dialog class="shortcuts" part="shortcuts" @close=${close}>
      ${renderPartError(t, () => this.parts.retry(shortcutsDialog))}
      <form method="dialog"><button>${t('close')}</button></form>
    </dialog>`;
  }

  /** The text for `key` in the element's language. */
  protected t(key: MessageKey, ...args: (string | number)[]): string {
    return this.locale.t(key, ...args);
  }
}
