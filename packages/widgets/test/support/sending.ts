/**
 * Helpers of the sending tests: a thread on a session that goes through the proxy (workerd)
 * to the simulator and its Graph stand-in, typing and attaching as a seller does, the
 * requests the page made to `POST /api/send`, and what the Graph stand-in received.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { ChatomniThread } from '../../src/elements/chatomni-thread/chatomni-thread.js';
import type { ChatSession } from '../../src/session/session.js';
import { control, emit, settled, shadow, text, type ProxiedSim } from './harness.js';

export const DAY = 86_400_000;

/** One send the Graph stand-in received (`GET /__sim/graph/sends`). */
export interface GraphSend {
  pageId: string;
  recipient: { id?: string; comment_id?: string };
  kind: 'text' | 'image' | 'private-reply';
  text?: string;
  outcome: 'sent' | 'error' | 'hung';
  messageId?: string;
  error?: { code: number; subcode?: number };
  tokenInUrl: boolean;
}

/** What the Graph stand-in received since its last reset. */
export async function graphSends(stack: ProxiedSim): Promise<{
  received: number;
  succeeded: number;
  sends: GraphSend[];
}> {
  return control(stack, 'graph/sends?limit=1000');
}

/** The thread element showing `id` on session `s`, its messages loaded. */
export async function openThread(s: ChatSession, id: string, lang = 'vi'): Promise<ChatomniThread> {
  s.select(id);
  const el = await fixture<ChatomniThread>(
    html`<chatomni-thread lang=${lang} style="height:600px" session=${s.name}></chatomni-thread>`,
  );
  await waitUntil(() => (s.thread(id)?.messages.length ?? 0) > 0, 'no thread', {
    timeout: 8000,
  });
  await settled(el);
  return el;
}

/**
 * A conversation whose customer just wrote on Messenger (so the 24-hour window is open), shown
 * in a thread; `index` picks another one.
 */
export async function openWindow(
  stack: ProxiedSim,
  s: ChatSession,
  index = 0,
): Promise<{ el: ChatomniThread; id: string }> {
  const c = s.visibleConversations().filter((x) => x.kinds.includes('message'))[index]!;
  const sent = await emit(stack, {
    conversationId: c.id,
    text: `Shop ơi ${index} còn hàng không?`,
  });
  // Its socket id (which differs from the REST id in the recorded profile).
  const seen = sent.SocketId ?? sent.Id;
  await waitUntil(() => s.store.hasMessage(seen), 'the customer message', { timeout: 8000 });
  const el = await openThread(s, c.id);
  return { el, id: c.id };
}

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) =>
  shadow(el).querySelector<T>(sel);
export const $$ = (el: Element, sel: string) => [...shadow(el).querySelectorAll<HTMLElement>(sel)];

/** Types into the composer as the seller does (one input event). */
export async function type(el: ChatomniThread, value: string): Promise<void> {
  const area = $<HTMLTextAreaElement>(el, 'textarea')!;
  area.value = value;
  area.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

/** Presses the send button. */
export async function pressSend(el: ChatomniThread): Promise<void> {
  $<HTMLButtonElement>(el, '[part="send"]')!.click();
  await el.updateComplete;
}

/** Picks `file` with the attach button's file input. */
export async function pick(el: ChatomniThread, file: File): Promise<void> {
  const input = $<HTMLInputElement>(el, '[part="attach"] input')!;
  const data = new DataTransfer();
  data.items.add(file);
  input.files = data.files;
  input.dispatchEvent(new Event('change'));
}

/** Pastes `file` into the composer, as Ctrl+V of a copied image does. */
export function paste(el: ChatomniThread, file: File): void {
  const data = new DataTransfer();
  data.items.add(file);
  const event = new ClipboardEvent('paste', {
    clipboardData: data,
    bubbles: true,
    cancelable: true,
  });
  $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(event);
}

/** A small real PNG (drawn on a canvas). */
export async function png(name = 'anh.png'): Promise<File> {
  const canvas = new OffscreenCanvas(8, 8);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#c00';
  g.fillRect(0, 0, 8, 8);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png' });
}

/** Every shop bubble (stored or outgoing) whose text is `value`. */
export function bubblesWithText(el: ChatomniThread, value: string): HTMLElement[] {
  return $$(el, '.msg.out').filter(
    (m) => text(m.querySelector(':scope > .bubble .text')) === value,
  );
}

/** The one bubble with `value`, once its echo took its place and it says "Đã gửi". */
export async function delivered(el: ChatomniThread, value: string): Promise<HTMLElement> {
  let found: HTMLElement | undefined;
  const seen = () =>
    bubblesWithText(el, value)
      .map((m) => `${m.dataset['outgoing'] ? 'outgoing' : 'stored'} "${statusOf(m)}"`)
      .join(', ');
  await waitUntil(
    () => {
      const [m, ...more] = bubblesWithText(el, value);
      const stored = m && !m.dataset['outgoing'] && m.dataset['id'];
      found = stored && more.length === 0 && statusOf(m) === 'Đã gửi' ? m : undefined;
      return found;
    },
    `"${value}" not delivered once`,
    { timeout: 10_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}: ${seen() || 'no bubble'}`);
  });
  return found!;
}

/** The status line of a shop bubble ("Đang gửi…", "Đã gửi", "Chưa gửi được: …"). */
export function statusOf(m: Element | undefined): string {
  return text(m?.querySelector(':scope > .meta [part="send-status"]'));
}

/**
 * Records the `Idempotency-Key` of every `POST /api/send` the page makes (fetch passes
 * through unchanged). `stop()` puts the original fetch back.
 */
export function recordSendKeys(): { keys: string[]; stop(): void } {
  const original = window.fetch;
  const keys: string[] = [];
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/api/send')) {
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
    }
    return original(input, init);
  };
  return { keys, stop: () => (window.fetch = original) };
}

/** Runs `body` while {@link recordSendKeys} records; puts the original fetch back after. */
export async function withSendKeys<T>(body: (rec: { keys: string[] }) => Promise<T>): Promise<T> {
  const rec = recordSendKeys();
  try {
    return await body(rec);
  } finally {
    rec.stop();
  }
}

/**
 * Counts, on every animation frame until `stop()`, how many bubbles show `value`: a flicker
 * or a duplicate shows up as a sample other than 1.
 */
export function sampleEachFrame(el: ChatomniThread, value: string) {
  const samples: number[] = [];
  let on = true;
  const tick = () => {
    if (!on) return;
    samples.push(bubblesWithText(el, value).length);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    samples,
    stop: () => {
      on = false;
    },
  };
}
