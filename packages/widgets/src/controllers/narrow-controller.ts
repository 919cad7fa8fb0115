import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps the host's `narrow` attribute set while its content box is at most `maxWidth` px
 * wide, for `:host([narrow])` rules: what `@container (max-width: …)` would do, without
 * making the host a size container. Inside a size container, Chromium recalculates the style
 * of new elements during layout: in the burst profile (bench/profile.ts burst) each render
 * that brought rows into the inbox had a Layout of 10–17 ms for 9–20 dirty objects, and
 * 4–7 ms once the inbox was no container.
 */
export class NarrowController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly observer: ResizeObserver;

  /** `maxWidth` in px, as a `max-width` container query would have it. */
  constructor(host: ReactiveControllerHost & HTMLElement, maxWidth: number) {
    this.host = host;
    this.observer = new ResizeObserver(([entry]) =>
      host.toggleAttribute('narrow', entry!.contentRect.width <= maxWidth),
    );
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }
}
