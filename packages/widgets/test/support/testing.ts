/**
 * Helpers for the element tests (browser, WTR): real simulators through the WTR plugin's
 * `sim-start`/`sim-stop` commands, signed-in sessions with unique names, and the simulator's
 * control API. Not part of the bundle.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { getSession, type ChatSession } from '../../src/session/session.js';
import type { SessionConfig } from '../../src/model/index.js';

/** A running simulator. */
export interface Sim {
  id: string;
  restUrl: string;
  rtUrl: string;
  chatUrl: string;
}

const sims: Sim[] = [];
const sessions: ChatSession[] = [];
let next = 0;

/** Starts a simulator (50 conversations unless told); stopped by {@link cleanup}. */
export async function startSim(options: Record<string, unknown> = {}): Promise<Sim> {
  const sim = (await executeServerCommand('sim-start', { conversations: 50, ...options })) as Sim;
  sims.push(sim);
  return sim;
}

/** Calls the simulator's control API (`/__sim/<path>`); POST when a body is given. */
export async function control<T = Record<string, unknown>>(
  sim: Sim,
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
export function emit(
  sim: Sim,
  body: Record<string, unknown>,
): Promise<{ Id: string; ConversationId: string }> {
  return control(sim, 'emit', body);
}

/** A new session (unique name) pointed at the simulator; destroyed by {@link cleanup}. */
export function simSession(sim: Sim, config: Partial<SessionConfig> = {}): ChatSession {
  const s = getSession(`el-${Date.now()}-${++next}`, {
    baseUrl: sim.restUrl,
    rtUrl: sim.rtUrl,
    chatUrl: sim.chatUrl,
    ...config,
  });
  sessions.push(s);
  return s;
}

/** A session signed in as `demo` whose first page of conversations has loaded. */
export async function signedIn(
  sim: Sim,
  config: Partial<SessionConfig> = {},
): Promise<ChatSession> {
  const s = simSession(sim, config);
  await s.login('demo', 'demo123');
  await waitUntil(() => s.listState.loaded && !s.listState.loading, 'list not loaded', {
    timeout: 8000,
  });
  return s;
}

/** Waits until the element rendered the session's latest change. */
export async function settled(
  el: HTMLElement & { updateComplete: Promise<unknown> },
): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await el.updateComplete;
}

/** Destroys the sessions and stops the simulators of the test. */
export async function cleanup(): Promise<void> {
  for (const s of sessions.splice(0)) s.destroy();
  for (const sim of sims.splice(0)) await executeServerCommand('sim-stop', { id: sim.id });
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
