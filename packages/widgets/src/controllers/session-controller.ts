import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SESSION_EVENTS } from '../session/events.js';
import { getSession, type ChatSession } from '../session/session.js';
import { afterTask, frameScheduler } from '../util/frame.js';

/** Options of {@link SessionController}. */
export interface SessionControllerOptions {
  /**
   * Returns the name of the session to use; read on every host update, so a changed
   * `session` attribute switches sessions. Default: `'default'`.
   */
  name?: () => string;
  /**
   * What the host renders from the session, compared item by item (`===`) on each `change`
   * event: the host updates only when one differs. Null (or no option): on every event.
   */
  relevant?: (session: ChatSession) => readonly unknown[] | null;
  /**
   * Least time (ms) between two updates that `change` events ask for: a change within it of
   * the host's last update is rendered in the first frame after it (with everything that
   * changed meanwhile). Other events and the host's own updates are not held back.
   * `cost` is what the host's last update cost the main thread, in ms: from the start of its
   * update to the end of the frame that showed it (style, layout and paint included).
   * Default: 0, every frame with a change.
   */
  spacing?: (cost: number) => number;
}

/**
 * Connects an element to the shared {@link ChatSession} of its name: resolves it (again when
 * the name changes), listens to its events while the host is connected and asks the host to
 * re-render on each. It never renders and never changes the session.
 */
export class SessionController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly name: () => string;
  private current?: ChatSession;
  private currentName = '';
  private listening = false;
  private readonly relevant?: (session: ChatSession) => readonly unknown[] | null;
  /** What `relevant` returned at the last update it asked for. */
  private shown?: readonly unknown[];
  private readonly spacing: (cost: number) => number;
  private updatedAt = -Infinity;
  private updateStart = 0;
  /** See `SessionControllerOptions.spacing`. */
  private cost = 0;
  private held?: { timer: ReturnType<typeof setTimeout>; done: Promise<void>; release(): void };
  /** A held update is asked for in an animation frame, so that its `cost` covers the frame. */
  private readonly frame = frameScheduler(() => {
    const held = this.held;
    this.held = undefined;
    this.host.requestUpdate();
    held?.release();
  });
  private readonly onEvent = (event: Event) => {
    if (event.type === 'change' && this.relevant && this.current) {
      const next = this.relevant(this.current);
      const shown = this.shown;
      if (next && shown && next.length === shown.length && next.every((x, i) => x === shown[i])) {
        return;
      }
      this.shown = next ?? undefined;
    }
    const wait = this.updatedAt + this.spacing(this.cost) - performance.now();
    if (event.type !== 'change' || wait <= 0) return this.host.requestUpdate();
    if (this.held) return;
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => this.frame.schedule(), wait);
    this.held = { timer, done, release };
  };

  constructor(host: ReactiveControllerHost, options: SessionControllerOptions = {}) {
    this.host = host;
    this.name = options.name ?? (() => 'default');
    this.relevant = options.relevant;
    this.spacing = options.spacing ?? (() => 0);
    host.addController(this);
  }

  /** The session of the current name (created on first use by `getSession`). */
  get session(): ChatSession {
    const name = this.name() || 'default';
    if (!this.current || name !== this.currentName) {
      const wasListening = this.listening;
      this.unsubscribe();
      this.current = getSession(name);
      this.currentName = name;
      if (wasListening) this.subscribe();
    }
    return this.current;
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe();
  }

  /** Resolves when an update held back by `spacing` was asked for (at once when none is). */
  get heldUpdate(): Promise<void> {
    return this.held?.done ?? Promise.resolve();
  }

  hostUpdated(): void {
    this.updatedAt = performance.now();
    const start = this.updateStart;
    // Session changes arrive in animation frames (the session's frame): the task after this
    // one comes after the frame's rendering.
    afterTask(() => (this.cost = performance.now() - start));
  }

  hostUpdate(): void {
    this.updateStart = performance.now();
    // Re-resolves (and re-subscribes) when the name changed since the last update.
    void this.session;
  }

  private subscribe(): void {
    if (this.listening) return;
    const session = this.session;
    for (const type of SESSION_EVENTS) session.addEventListener(type, this.onEvent);
    this.listening = true;
  }

  private unsubscribe(): void {
    this.shown = undefined;
    if (this.held) {
      clearTimeout(this.held.timer);
      this.frame.cancel();
      this.held.release();
      this.held = undefined;
    }
    if (!this.listening || !this.current) return;
    for (const type of SESSION_EVENTS) this.current.removeEventListener(type, this.onEvent);
    this.listening = false;
  }
}
