import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ChatSession } from '../../session/session.js';
import type { SessionConfig } from '../../model/index.js';

/** Attribute-backed settings passed to `session.configure` when set. */
const CONFIG_KEYS = ['baseUrl', 'tenant', 'rtUrl', 'chatUrl', 'pollInterval', 'debug'] as const;

/**
 * The base of the three elements: the `session` name, configuration attributes applied to
 * that session through `configure` (only the ones that are set, so elements sharing a session
 * do not undo each other), the language and the session controller.
 */
export class ChatomniElement extends LitElement {
  protected readonly locale = new LocaleController(this);
  protected readonly sessions = new SessionController(this, { name: () => this.session });

  /** Name of the shared session; elements with the same name show the same state. */
  @property({ reflect: true }) session = 'default';
  /** Proxy base URL (`SessionConfig.baseUrl`). Default: the page's origin. */
  @property({ attribute: 'base-url', reflect: true }) baseUrl?: string;
  /** Tenant host, also the realtime room (`SessionConfig.tenant`). Default `tomato.tpos.vn`. */
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

  /** The text for `key` in the element's language. */
  protected t(key: MessageKey, ...args: (string | number)[]): string {
    return this.locale.t(key, ...args);
  }
}
