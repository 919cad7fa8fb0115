/**
 * The events of a session, typed: `change` (at most once per animation frame), `data`, `select`
 * and `auth-required`. `ChatSession` extends {@link SessionEventTarget}, so `addEventListener`
 * knows each event's type.
 */

/** The events a `ChatSession` dispatches. */
export interface SessionEventMap {
  /** Anything readable changed (store, list, status, selection); at most once per frame. */
  change: Event;
  /**
   * The store's data changed (a socket event, an answer): at the end of the task that changed
   * it, before the frame's `change`. For a view that shows new data at once (the open thread;
   * see `SessionControllerOptions.eager`); most listeners want `change`.
   */
  data: Event;
  /** Another conversation was opened (`select(id)`); `detail.id` is null when none is. */
  select: CustomEvent<{ id: string | null }>;
  /** The token was refused and could not be refreshed: a new login or token is needed. */
  'auth-required': Event;
}

/** The names of {@link SessionEventMap}. */
export type SessionEventName = keyof SessionEventMap;

/** The events a host re-renders on (`data` is followed by a `change`). */
export const SESSION_EVENTS: readonly SessionEventName[] = ['change', 'select', 'auth-required'];

/** `EventTarget` whose `addEventListener` knows the event type of each name. */
export interface SessionEventTarget extends Omit<
  EventTarget,
  'addEventListener' | 'removeEventListener'
> {
  addEventListener<K extends SessionEventName>(
    type: K,
    listener: (event: SessionEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends SessionEventName>(
    type: K,
    listener: (event: SessionEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** The base class of `ChatSession`: the browser's `EventTarget`, typed by {@link SessionEventMap}. */
export const SessionEventTarget = EventTarget as unknown as new () => SessionEventTarget;
