/**
 * The one harness of the widgets' browser tests (WTR): real simulators started through the WTR
 * plugin's `sim-start`/`sim-stop` commands, their control API, sessions pointed at them, and
 * the DOM helpers of the element tests. Everything a test starts is destroyed after it (a
 * root `afterEach`). Not part of the bundle.
 */
import { aTimeout, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { getSession, type ChatSession } from '../../src/session/session.js';
import type { SessionConfig } from '../../src/model/index.js';
import type { ChatomniInbox } from '../../src/elements/chatomni-inbox/chatomni-inbox.js';
import type { ChatomniThread } from '../../src/elements/chatomni-thread/chatomni-thread.js';

/** A running simulator. */
export interface Sim {
  id: string;
  restUrl: string;
  rtUrl: string;
  chatUrl: string;
  /**
   * The fields it answers with (docs/tpos-protocol.md §8): `recorded` when the run has
   * `SIM_PROFILE=recorded`, else `rich`. Tests of behaviour that differs branch on it.
   */
  profile: 'rich' | 'recorded';
}

/** Per-socket-server counts of `GET /__sim/counters`. */
export interface SocketCounters {
  connected: number;
  connections: number;
  handshakes: number;
  attempts: number;
  refused: number;
  wrongRoom: number;
  byUser: Record<string, { attempts?: number; refused?: number }>;
}

/** The simulator's `GET /__sim/counters`. */
export interface Counters {
  /** Start of the counting (ISO time or epoch ms). */
  since: string | number;
  rest: { total: number; byRoute: Record<string, number> };
  tokens: { password: number; refresh: number; failed: number; byUser: Record<string, unknown> };
  sockets: Record<'rt' | 'chat', SocketCounters>;
  events: Record<'rt' | 'chat', number>;
}

/** What `POST /__sim/emit` answers: the REST id and the socket envelope's id of the item. */
export interface Emitted {
  Id: string;
  /** `Message.Id` of the envelope: equal to `Id` in `rich`, another id in `recorded`. */
  SocketId: string | null;
  ConversationId: string;
  Envelope: unknown;
}

/** Simulator options of the core's liveness tests: a silent socket shows within 0.6 s. */
export const QUICK_PINGS = { pingInterval: 300, pingTimeout: 300 };

/** Session timers of the core's tests: polls and reconnects in tenths of a second. */
export const QUICK_TIMERS: Partial<SessionConfig> = {
  pollInterval: 300,
  reconnectDelay: 100,
  slowReconnectDelay: 1000,
};

const sims: Sim[] = [];
const sessions: ChatSession[] = [];
let next = 0;

/** Starts a simulator (50 conversations unless told); stopped after the test. */
export async function startSim(options: Record<string, unknown> = {}): Promise<Sim> {
  const sim = (await executeServerCommand('sim-start', { conversations: 50, ...options })) as Sim;
  sims.push(sim);
  return sim;
}

/** A simulator with the proxy (real workerd) in front of it: `/api/send` works there. */
export interface ProxiedSim extends Pick<Sim, 'id' | 'restUrl' | 'profile'> {
  /** The proxy's origin: a session's `baseUrl` (REST, sockets and sending through it). */
  proxyUrl: string;
}

/**
 * Starts a simulator and the proxy in workerd in front of it (a few seconds: share one per
 * `describe` with `before`, and stop it in `after` with {@link stopProxied}).
 */
export async function startProxied(options: Record<string, unknown> = {}): Promise<ProxiedSim> {
  return (await executeServerCommand('proxy-start', {
    conversations: 30,
    ...options,
  })) as ProxiedSim;
}

/** Stops what {@link startProxied} started. */
export async function stopProxied(stack: ProxiedSim | undefined): Promise<void> {
  if (stack) await executeServerCommand('proxy-stop', { id: stack.id });
}

/**
 * A session on the proxy of `stack` (sockets through it too), signed in as `demo`: its first
 * list loaded and both sockets connected (they connect right after that list is shown).
 */
export async function signedInThroughProxy(
  stack: ProxiedSim,
  config: Partial<SessionConfig> = {},
): Promise<ChatSession> {
  const s = session({ restUrl: stack.proxyUrl, rtUrl: '', chatUrl: '' }, config);
  await s.login('demo', 'demo123');
  await ready(s);
  return s;
}

/** Calls the simulator's control API (`/__sim/<path>`); POST when a body is given. */
export async function control<T = Record<string, unknown>>(
  sim: Pick<Sim, 'restUrl'>,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sim.restUrl}/__sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Emits a message, comment or order (see the simulator's `POST /__sim/emit`). */
export function emit(sim: Pick<Sim, 'restUrl'>, body: Record<string, unknown>): Promise<Emitted> {
  return control(sim, 'emit', body);
}

/**
 * The ids a pushed item may be stored under: its socket id until a REST read pairs it with its
 * REST copy, the REST id after (docs/tpos-protocol.md §7.5).
 */
export function idsOf(sent: Pick<Emitted, 'Id' | 'SocketId'>): string[] {
  return sent.SocketId && sent.SocketId !== sent.Id ? [sent.Id, sent.SocketId] : [sent.Id];
}

/** True when the session stores the pushed item (under either of its ids). */
export function stored(s: ChatSession, sent: Pick<Emitted, 'Id' | 'SocketId'>): boolean {
  return idsOf(sent).some((id) => s.store.hasMessage(id));
}

export const counters = (sim: Sim) => control<Counters>(sim, 'counters');
export const resetCounters = (sim: Sim) => control(sim, 'reset-counters', {});

/** An access token for `username` from the simulator's `/token`. */
export async function token(sim: Sim, username = 'demo', password = 'demo123'): Promise<string> {
  const response = await fetch(`${sim.restUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'tmtWebApp',
      grant_type: 'password',
      username,
      password,
      scope: 'profile',
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A new session (unique name unless given) pointed at the simulator; destroyed after the test. */
export function session(
  sim: Pick<Sim, 'restUrl' | 'rtUrl' | 'chatUrl'>,
  config: Partial<SessionConfig> = {},
  name = `test-${Date.now()}-${++next}`,
): ChatSession {
  const s = getSession(name, {
    baseUrl: sim.restUrl,
    rtUrl: sim.rtUrl,
    chatUrl: sim.chatUrl,
    ...config,
  });
  sessions.push(s);
  return s;
}

/** A session signed in as `demo` (password grant) whose first page of conversations has loaded. */
export async function signedIn(
  sim: Sim,
  config: Partial<SessionConfig> = {},
): Promise<ChatSession> {
  const s = session(sim, config);
  await s.login('demo', 'demo123');
  await waitUntil(() => s.listState.loaded && !s.listState.loading, 'list not loaded', {
    timeout: 8000,
  });
  return s;
}

/** Both sockets connected and the first list loaded. */
export async function ready(s: ChatSession): Promise<void> {
  await waitUntil(
    () =>
      s.status.rt.state === 'connected' &&
      s.status.chat.state === 'connected' &&
      s.listState.loaded,
    'session did not become ready',
    { timeout: 5000 },
  );
  await waitUntil(() => !s.listState.loading, 'list still loading', { timeout: 5000 });
  // A socket that connected after the first catch-up ran asks for one more 50 ms later; no
  // state says whether one is pending, so this settle lets it run before the test measures.
  await aTimeout(100);
  await idle(s);
}

/** The list loaded and no order badge read running or queued (e.g. before counting requests). */
export async function idle(s: ChatSession): Promise<void> {
  await waitUntil(() => !s.listState.loading && s.pendingOrderReads === 0, 'reads still running', {
    timeout: 5000,
  });
}

/**
 * A quick-ping simulator and a session on it with {@link QUICK_TIMERS} and a token: both
 * sockets up and the list loaded.
 */
export async function readySession(
  config: Partial<SessionConfig> = {},
  simOptions: Record<string, unknown> = {},
): Promise<{ sim: Sim; s: ChatSession }> {
  const sim = await startSim({ ...QUICK_PINGS, ...simOptions });
  const s = session(sim, { ...QUICK_TIMERS, ...config });
  s.setToken(await token(sim));
  await ready(s);
  return { sim, s };
}

/** Waits until the element rendered the session's latest change (one frame, then its update). */
export async function settled(
  el: HTMLElement & { updateComplete: Promise<unknown> },
): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
}

/**
 * Waits until the session's try of a kept sign-in (which the elements start when they first
 * render) found none, and `el` rendered that: the signed-out state of a new page.
 */
export async function signedOut(
  s: ChatSession,
  el: HTMLElement & { updateComplete: Promise<unknown> },
): Promise<void> {
  await waitUntil(() => s.auth === 'anonymous', `still ${s.auth}`, { timeout: 5000 });
  await settled(el);
}

/** The simulator's last `limit` requests, oldest first (`authorization` redacted). */
export async function requests(
  sim: Sim,
  limit = 50,
): Promise<{ method: string; path: string; headers: Record<string, string> }[]> {
  const body = await control<unknown>(sim, `requests?limit=${limit}`);
  return (Array.isArray(body) ? body : (body as { requests: unknown[] }).requests) as {
    method: string;
    path: string;
    headers: Record<string, string>;
  }[];
}

/** Scrolls `scroller` as a user would and waits until its `scroll` event was handled. */
export async function scrollAsUser(scroller: HTMLElement, top: number): Promise<void> {
  const scrolled = oneEvent(scroller, 'scroll');
  scroller.scrollTop = top;
  await scrolled;
}

/**
 * An inbox and a thread on one session, 400px high each, as a page shows them (the test imports
 * both elements): `lang` on their parent, `theme` and `no-shortcuts` on both. Resolves once the
 * inbox shows rows.
 */
export async function inboxAndThread(
  s: ChatSession,
  attrs: { lang?: string; theme?: string; noShortcuts?: boolean } = {},
): Promise<{ inbox: ChatomniInbox; thread: ChatomniThread }> {
  const wrap = await fixture<HTMLDivElement>(
    html`<div lang=${attrs.lang ?? 'vi'}>
      <chatomni-inbox
        style="height:400px"
        session=${s.name}
        theme=${ifDefined(attrs.theme)}
        ?no-shortcuts=${attrs.noShortcuts}
      ></chatomni-inbox>
      <chatomni-thread
        style="height:400px"
        session=${s.name}
        theme=${ifDefined(attrs.theme)}
        ?no-shortcuts=${attrs.noShortcuts}
      ></chatomni-thread>
    </div>`,
  );
  const inbox = wrap.querySelector<ChatomniInbox>('chatomni-inbox')!;
  const thread = wrap.querySelector<ChatomniThread>('chatomni-thread')!;
  await waitUntil(() => shadow(inbox).querySelector('[role="option"]'), 'no rows', {
    timeout: 8000,
  });
  return { inbox, thread };
}

/** The element's shadow root, typed. */
export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
}

/** The text of an element with whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

afterEach(async () => {
  for (const s of sessions.splice(0)) s.destroy();
  for (const sim of sims.splice(0)) await executeServerCommand('sim-stop', { id: sim.id });
});
