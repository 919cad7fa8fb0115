import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether a media query matches, kept current: the host re-renders when it starts or stops
 * matching. For what an element cannot learn from its own size (a content-sized element in a
 * page's top bar cannot be a size container).
 */
export class MediaQueryController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly query: MediaQueryList;
  private readonly onChange = () => this.host.requestUpdate();

  /** `query` is a media query, e.g. `(max-width: 599.98px)`. */
  constructor(host: ReactiveControllerHost, query: string) {
    this.host = host;
    this.query = window.matchMedia(query);
    host.addController(this);
  }

  /** The query matches now. */
  get matches(): boolean {
    return this.query.matches;
  }

  hostConnected(): void {
    this.query.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.query.removeEventListener('change', this.onChange);
  }
}
