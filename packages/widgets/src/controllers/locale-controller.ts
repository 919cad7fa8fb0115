import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, resolveLang, type Lang, type MessageKey } from '../i18n/i18n.js';

const hosts = new Set<LocaleController>();
let documentObserver: MutationObserver | undefined;

/**
 * Gives an element its language: the `lang` attribute on the element or on the closest
 * ancestor (`vi` unless it starts with `en`). Re-renders the host when its own `lang` or one
 * in the document changes.
 */
export class LocaleController implements ReactiveController {
  private readonly host: ReactiveControllerHost & Element;
  private readonly observer = new MutationObserver(() => this.refresh());
  private current: Lang = 'vi';

  constructor(host: ReactiveControllerHost & Element) {
    this.host = host;
    host.addController(this);
  }

  /** The resolved language. */
  get lang(): Lang {
    return this.current;
  }

  /** The text for `key` in the host's language. */
  t(key: MessageKey, ...args: (string | number)[]): string {
    return msg(this.current, key, ...args);
  }

  hostConnected(): void {
    this.current = resolveLang(this.host);
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    hosts.add(this);
    documentObserver ??= new MutationObserver(() => hosts.forEach((h) => h.refresh()));
    documentObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }

  hostDisconnected(): void {
    this.observer.disconnect();
    hosts.delete(this);
    if (!hosts.size) {
      documentObserver?.disconnect();
      documentObserver = undefined;
    }
  }

  private refresh(): void {
    const lang = resolveLang(this.host);
    if (lang !== this.current) {
      this.current = lang;
      this.host.requestUpdate();
    }
  }
}
