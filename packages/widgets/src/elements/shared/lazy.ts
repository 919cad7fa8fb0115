import {
  adoptStyles,
  html,
  type CSSResultOrNative,
  type LitElement,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { MessageKey } from '../../i18n/i18n.js';
import { Chunk } from '../../util/chunk.js';

const prefetchable: LazyPart<unknown>[] = [];
let prefetchStarted = false;

/**
 * A part of the elements that a seller does not need on first paint (the open conversation,
 * the `?` dialog, notifications, the status badges), loaded with a dynamic `import()` on first use: its own chunk
 * in the CDN build and in an app's bundle. Once loaded it is used synchronously, so a feature
 * whose chunk is in memory opens in the same update as anything else.
 */
export class LazyPart<T> extends Chunk<T> {
  private error = false;

  /** @param prefetch load it when the page is idle after the inbox's first rows. */
  constructor(loader: () => Promise<T>, { prefetch = true }: { prefetch?: boolean } = {}) {
    super(loader);
    if (prefetch) prefetchable.push(this);
  }

  /** Loading it for an element failed; cleared by {@link retry}. */
  get failed(): boolean {
    return this.error;
  }

  /** After a failure shown to the seller: loads it again. */
  retry(): Promise<T> {
    this.error = false;
    return this.load();
  }

  /** Marks the part failed (an element could not show it). */
  fail(error: unknown): void {
    this.error = true;
    console.warn('[ChatOmni] a part of the widgets could not be loaded:', error);
  }
}

/**
 * Loads every prefetchable part once the page is idle (after the inbox showed its first rows,
 * so they never compete with the first load), so that opening any of them later waits for
 * nothing. A failure here is silent: the first real use tries again and shows it.
 */
export function prefetchParts(): void {
  if (prefetchStarted) return;
  prefetchStarted = true;
  whenIdle(() => prefetchable.forEach((part) => void part.load().catch(() => undefined)));
}

/** Runs `run` when the page is idle (at the latest in 2 s), after what it is rendering now. */
function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}

/**
 * The lazy parts an element renders: {@link use} gives the module when it is loaded, and
 * otherwise starts loading it and updates the element when it arrives (or fails).
 * {@link settled} lets `updateComplete` include them.
 */
export class LazyParts implements ReactiveController {
  private readonly pending = new Set<Promise<unknown>>();
  /** The parts asked for with {@link later}. */
  private readonly deferred = new Set<LazyPart<unknown>>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The part's module if loaded; undefined while it loads or after it failed. */
  use<T>(part: LazyPart<T>): T | undefined {
    if (part.value === undefined && !part.failed) this.wait(part.load(), part);
    return part.value;
  }

  /**
   * The part's module if loaded; otherwise loads it once the page is idle, as
   * {@link prefetchParts} does (after what the page renders now, so never before a list being
   * shown in this frame), and updates the element when it arrives (or fails).
   */
  later<T>(part: LazyPart<T>): T | undefined {
    if (part.value === undefined && !part.failed && !this.deferred.has(part)) {
      this.deferred.add(part);
      this.wait(
        new Promise<void>((resolve) => whenIdle(resolve)).then(() => part.load()),
        part,
      );
    }
    return part.value;
  }

  /** Loads a part that failed again (the seller pressed "Thử lại"). */
  retry(part: LazyPart<unknown>): void {
    this.wait(part.retry(), part);
    this.host.requestUpdate();
  }

  /** A part this element asked for is still loading. */
  get loading(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves when no part this element asked for is still loading. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private wait(promise: Promise<unknown>, part: LazyPart<unknown>): void {
    if (this.pending.has(promise)) return;
    this.pending.add(promise);
    promise
      .catch((error: unknown) => part.failed || part.fail(error))
      .finally(() => {
        this.pending.delete(promise);
        this.host.requestUpdate();
      });
  }
}

/** What shows where a part could not be loaded: why, and "Thử lại". */
export function renderPartError(
  t: (key: MessageKey) => string,
  onRetry: () => void,
): TemplateResult {
  return html`<div class="note" role="alert" part="load-error">
    <p class="error">${t('partError')}</p>
    <button @click=${onRetry}>${t('retry')}</button>
  </div>`;
}

/** An element that a lazy part renders into (its styles come with the part). */
export type StyledHost = LitElement;

const addedStyles = new WeakMap<LitElement, CSSResultOrNative[]>();

/**
 * Adds a lazy part's styles to an element's shadow root, after the element's own (once per
 * element and sheet).
 */
export function addStyles(host: LitElement, ...styles: CSSResultOrNative[]): void {
  const list = addedStyles.get(host) ?? [];
  const fresh = styles.filter((s) => !list.includes(s));
  if (!fresh.length) return;
  list.push(...fresh);
  addedStyles.set(host, list);
  const own = (host.constructor as typeof LitElement).elementStyles;
  adoptStyles(host.renderRoot as ShadowRoot, [...own, ...list]);
}
