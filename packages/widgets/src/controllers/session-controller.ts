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
  /**
   * True (read on each event): `relevant` is also compared on the session's `data` event, at
   * the end of each task that changed its data, and the host updates in that task when it
   * differs: so it shows a socket event without waiting for an animation frame, which a busy
   * socket (a task per frame, two sockets) holds back by tens of ms. While the host's updates
   * took more than their share of the main thread (messages streaming into the open thread:
   * see `EAGER_SHARE`), the frame's `change` shows it instead. Default: false, changes show in
   * the next frame.
   */
  eager?: () => boolean;
}

/**
 * An eager host's updates take at most this share of the main thread over time, with at most
 * {@link EAGER_BURST} ms more at once (a few messages together): beyond, it updates in frames.
 */
const EAGER_SHARE = 0.2;
/** See {@link EAGER_SHARE} (ms): a frame's worth, so that one slow update (a GC) holds none back. */
const EAGER_BURST = 16;

/** The same inputs, item by item. */
const same = (a: readonly unknown[] | null, b?: readonly unknown[]) =>
  !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);

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
  private readonly eager: () => boolean;
  private updatedAt = -Infinity;
  private updateStart = 0;
  /** See `SessionControllerOptions.spacing`. */
  private cost = 0;
  /**
   * The time of the host's updates (their own script, ms) not yet made up for by time without
   * one, at `updatedAt`: see {@link EAGER_SHARE}.
   */
  private debt = 0;
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
      if (same(next, this.shown)) return;
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
  private readonly onData = () => {
    if (!this.eager() || !this.relevant || !this.current || this.held) return;
    if (this.owed(performance.now()) > EAGER_BURST) return;
    const next = this.relevant(this.current);
    if (!next || same(next, this.shown)) return;
    this.shown = next;
    this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost, options: SessionControllerOptions = {}) {
    this.host = host;
    this.name = options.name ?? (() => 'default');
    this.relevant = options.relevant;
    this.spacing = options.spacing ?? (() => 0);
    this.eager = options.eager ?? (() => false);
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
    const start = this.updateStart;
    const now = performance.now();
    this.debt = this.owed(start) + now - start;
    this.updatedAt = now;
    // Session changes arrive in animation frames (the session's frame): the task after this
    // one comes after the frame's rendering.
    afterTask(() => (this.cost = performance.now() - start));
  }

  hostUpdate(): void {
    this.updateStart = performance.now();
    // Re-resolves (and re-subscribes) when the name changed since the last update.
    void this.session;
  }

  /**
   * {@link debt} at `now`: each ms without an update makes up for a quarter ms (updates then
   * take `EAGER_SHARE` of the time).
   */
  private owed(now: number): number {
    return Math.max(0, this.debt - (now - this.updatedAt) * (EAGER_SHARE / (1 - EAGER_SHARE)));
  }

  private subscribe(): void {
    if (this.listening) return;
    const session = this.session;
    for (const type of SESSION_EVENTS) session.addEventListener(type, this.onEvent);
    session.addEventListener('data', this.onData);
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
    this.current.removeEventListener('data', this.onData);
    this.listening = false;
  }
}
