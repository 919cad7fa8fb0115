/**
 * The seller's side of the chaos run: while the traffic flows and the faults hit, the seller
 * answers the open conversation from the thread's composer every second or two, and the Graph
 * stand-in now and then fails a send (a slow answer, a temporary error, a rate limit, an
 * answer lost after posting, a send that hangs unposted). Once the faults end, the seller
 * deals with what failed as the thread tells them ("Thử lại", or "Gửi lại" after an
 * unconfirmed send). Then every reply must be posted exactly once (the stand-in's send log)
 * and shown exactly once, in its echo's place (the page's store and the rendered thread).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Prng, RunningSimulator } from '@chatomni/simulator';
import type { Page } from 'playwright-core';
import { simControl } from '../stack/index.js';

/** The Graph faults a reply may meet, each at least once (the first replies). */
const GRAPH_FAULTS = {
  slow: { delayMs: 1500 },
  temporary: { error: { code: 2 } },
  rateLimited: { error: { code: 613 } },
  lostAnswer: { hang: true, afterSend: true },
  hung: { hang: true },
} as const;
type GraphFault = keyof typeof GRAPH_FAULTS;

/** What {@link sendReplies} did. */
export interface RepliesLog {
  /** The texts sent (each unique in the run), in order. */
  texts: string[];
  /** How often each Graph fault was set up for a reply. */
  graphFaults: Record<GraphFault, number>;
}

/** Options of {@link sendReplies}. */
export interface RepliesPlan {
  /** The conversation open in the thread. */
  openId: string;
  /** For about how long, in seconds. */
  seconds: number;
  random: Prng;
}

/** Types `text` into the thread's composer and clicks "Gửi"; true once its bubble shows. */
async function reply(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (text) => {
    const el = document.querySelector('chatomni-thread') as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    const root = el.shadowRoot!;
    const area = root.querySelector('textarea');
    if (!area) return false;
    area.value = text;
    area.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    await el.updateComplete;
    return [...root.querySelectorAll('.msg.out')].some(
      (m) => m.querySelector(':scope > .bubble .text')?.textContent === text,
    );
  }, text);
}

/** Sends replies into the open conversation for `plan.seconds`; resolves when done. */
export async function sendReplies(
  sim: RunningSimulator,
  page: Page,
  plan: RepliesPlan,
): Promise<RepliesLog> {
  const { random } = plan;
  const log: RepliesLog = {
    texts: [],
    graphFaults: { slow: 0, temporary: 0, rateLimited: 0, lostAnswer: 0, hung: 0 },
  };
  // The customer writes first: the 24-hour window is open.
  await simControl(sim, 'emit', { conversationId: plan.openId, text: 'Shop ơi, còn hàng không?' });
  const kinds = Object.keys(GRAPH_FAULTS) as GraphFault[];
  const start = Date.now();
  for (let n = 1; Date.now() - start < plan.seconds * 1000; n++) {
    await sleep(700 + random.next() * 1300);
    const forced = kinds[n - 1];
    const fault = forced ?? (random.next() < 0.35 ? kinds[Math.floor(random.next() * 5)] : null);
    if (fault) {
      await simControl(sim, 'graph/fail', { ...GRAPH_FAULTS[fault], count: 1 });
      log.graphFaults[fault]++;
    }
    const text = `Dạ shop trả lời ${n}${fault ? ` (${fault})` : ''}`;
    if (await reply(page, text)) log.texts.push(text);
    else if (fault) await simControl(sim, 'graph/clear-faults', {});
  }
  return log;
}

/** The outgoing bubbles of the thread: their text, and the retry button's label if failed. */
async function outgoing(page: Page): Promise<{ text: string; retry: string | null }[]> {
  return page.evaluate(() =>
    [
      ...document
        .querySelector('chatomni-thread')!
        .shadowRoot!.querySelectorAll<HTMLElement>('[data-outgoing]'),
    ].map((m) => ({
      text: m.querySelector(':scope > .bubble .text')?.textContent ?? '',
      retry: m.querySelector('[part="send-retry"]')?.textContent?.trim() ?? null,
    })),
  );
}

/**
 * After the faults: the seller retries every failed reply as the thread offers ("Thử lại",
 * or "Gửi lại" after an unconfirmed send that has no echo), until every reply's echo took its
 * place or `timeoutMs` passed. Returns the retries clicked, by label.
 */
export async function settleReplies(
  page: Page,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const clicked: Record<string, number> = {};
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pending = await outgoing(page);
    if (pending.length === 0) break;
    for (const { text, retry } of pending) {
      if (!retry) continue;
      await page.evaluate((text) => {
        const root = document.querySelector('chatomni-thread')!.shadowRoot!;
        const m = [...root.querySelectorAll<HTMLElement>('[data-outgoing]')].find(
          (x) => x.querySelector(':scope > .bubble .text')?.textContent === text,
        );
        m?.querySelector<HTMLButtonElement>('[part="send-retry"]')?.click();
      }, text);
      clicked[retry] = (clicked[retry] ?? 0) + 1;
    }
    await sleep(500);
  }
  return clicked;
}

/** Every reply against the stand-in's send log and the page. */
export interface ReplyCheck {
  sent: number;
  /** Replies posted exactly once and shown exactly once (store and screen). */
  once: number;
  /** `<text>: posted <n>, in the store <n>, on screen <n>, still outgoing <n> ("<status>")`. */
  wrong: string[];
  /** Retries the seller clicked, by label. */
  retries: Record<string, number>;
  graphFaults: Record<string, number>;
  /** The newest reply that is the open conversation's last item upstream, if one is. */
  lastIsReply: string | null;
}

/** Checks each reply: posted once (Graph), shown once (the open thread's store and screen). */
export async function checkReplies(
  sim: RunningSimulator,
  page: Page,
  openId: string,
  log: RepliesLog,
  retries: Record<string, number>,
): Promise<ReplyCheck> {
  const graph = await simControl<{ sends: { text?: string; messageId?: string }[] }>(
    sim,
    'graph/sends?limit=5000',
  );
  const shown = await page.evaluate((openId) => {
    const session = (
      document.querySelector('chatomni-inbox') as unknown as {
        chatSession: {
          thread(id: string): { messages: readonly { text: string; isOwner: boolean }[] };
        };
      }
    ).chatSession;
    const root = document.querySelector('chatomni-thread')!.shadowRoot!;
    const bubbles = [...root.querySelectorAll<HTMLElement>('.msg.out')];
    const text = (m: Element) => m.querySelector(':scope > .bubble .text')?.textContent ?? '';
    const status = (m: Element) =>
      m.querySelector('[part="send-status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const pending = bubbles.filter((m) => m.dataset.outgoing);
    return {
      store: session
        .thread(openId)
        .messages.filter((m) => m.isOwner)
        .map((m) => m.text),
      screen: bubbles.filter((m) => m.dataset.id).map(text),
      outgoing: pending.map(text),
      statuses: Object.fromEntries(pending.map((m) => [text(m), status(m)])),
    };
  }, openId);
  const count = (list: readonly (string | undefined)[], text: string) =>
    list.filter((x) => x === text).length;
  const posted = graph.sends.filter((s) => s.messageId).map((s) => s.text);
  const wrong: string[] = [];
  for (const text of log.texts) {
    const n = [count(posted, text), count(shown.store, text), count(shown.screen, text)];
    const still = count(shown.outgoing, text);
    if (n.some((x) => x !== 1) || still) {
      wrong.push(
        `${text}: posted ${n[0]}, in the store ${n[1]}, on screen ${n[2]}, still outgoing ${still}` +
          (still ? ` ("${shown.statuses[text]}")` : ''),
      );
    }
  }
  const conversation = await simControl<{ Items: { FacebookId?: string }[] }>(
    sim,
    `conversations/${openId}`,
  );
  const last = conversation.Items.at(-1)?.FacebookId;
  const lastSend = graph.sends.find((s) => s.messageId && s.messageId === last);
  return {
    sent: log.texts.length,
    once: log.texts.length - wrong.length,
    wrong,
    retries,
    graphFaults: log.graphFaults,
    lastIsReply: lastSend?.text ?? null,
  };
}
