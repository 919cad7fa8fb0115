import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadLanguage, msg, resolveLang, type Lang, type MessageKey } from '../i18n/i18n.js';

const hosts = new Set<LocaleController>();
let documentObserver: MutationObserver | undefined;

/**
 * Gives an element its language: the `lang` attribute on the element or on the closest
 * ancestor (`vi` unless it starts with `en`). Re-renders the host when its own `lang` or one
 * in the document changes. English strings are a chunk of their own: while they load,
 * {@link pending} holds the host's update, so an English page never shows Vietnamese first.
 */
export class LocaleController implements ReactiveController {
  private readonly host: ReactiveControllerHost & Element;
  private readonly observer = new MutationObserver(() => this.refresh());
  private current: Lang = 'vi';
  private loading: Promise<void> | undefined;

  constructor(host: ReactiveControllerHost & Element) {
    this.host = host;
    host.addController(this);
  }

  /** The resolved language. */
  get lang(): Lang {
    return this.current;
  }

  /** While the strings of the language load: the host waits for it before updating. */
  get pending(): Promise<void> | undefined {
    return this.loading;
  }

  /** The text for `key` in the host's language. */
  t(key: MessageKey, ...args: (string | number)[]): string {
    return msg(this.current, key, ...args);
  }

  hostConnected(): void {
    this.setLang(resolveLang(this.host));
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
      this.setLang(lang);
      this.host.requestUpdate();
    }
  }

  private setLang(lang: Lang): void {
    this.current = lang;
    const loading = loadLanguage(lang);
    if (!loading || this.loading) return;
    // A failure leaves the Vietnamese strings in place (msg falls back to them).
    this.loading = loading
      .catch((error: unknown) =>
        console.warn('[ChatOmni] the English texts could not be loaded:', error),
      )
      .finally(() => (this.loading = undefined));
  }
}
