/**
 * What the chaos run reads from the demo page (inside Chromium): a recorder of when each
 * message first reached the page's store, the status badges as shown, the inbox previews and
 * unread counts, and each thread's ids in the store and on screen.
 */
import type { Page } from 'playwright-core';
import type { UpSample } from './badges.js';

/** When the page first saw each message id and each preview text (ms since the epoch). */
export interface SeenLog {
  ids: [string, number][];
  texts: [string, number][];
}

/** A thread's message ids, oldest first: in the page's store and as rendered. */
export interface ThreadIds {
  store: string[];
  screen: string[];
}

/**
 * Installs the page-side recorder: when each message id first reached the store (through a
 * socket message, a list preview or a thread load), and the status badges every 25 ms.
 */
export async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Msg = { id: string };
    type Store = {
      applyMessage(m: Msg, ...rest: unknown[]): boolean;
      upsertConversations(list: readonly { lastMessage?: { text?: string } }[]): void;
      mergeThread(id: string, messages: readonly Msg[], ...rest: unknown[]): unknown;
    };
    const session = (
      document.querySelector('chatomni-inbox') as unknown as { chatSession: { store: Store } }
    ).chatSession;
    const store = session.store;
    const seen = new Map<string, number>();
    (window as unknown as { __chaosSeen: Map<string, number> }).__chaosSeen = seen;
    const note = (id: string | undefined) => {
      if (id && !seen.has(id)) seen.set(id, Date.now());
    };
    // A list preview carries no message id: it is recognised by its (unique) text.
    const seenText = new Map<string, number>();
    (window as unknown as { __chaosSeenText: Map<string, number> }).__chaosSeenText = seenText;
    // The badges as shown: 🟢 means up.
    const badges: [number, boolean, boolean][] = [];
    (window as unknown as { __chaosBadges: typeof badges }).__chaosBadges = badges;
    const root = document.querySelector('chatomni-status')!.shadowRoot!;
    const up = (part: string) =>
      root.querySelector(`[part~="${part}"]`)?.textContent?.includes('🟢') ?? false;
    setInterval(() => {
      const sample: [number, boolean, boolean] = [Date.now(), up('chat'), up('rt')];
      const last = badges.at(-1);
      if (!last || last[1] !== sample[1] || last[2] !== sample[2]) badges.push(sample);
    }, 25);
    const apply = store.applyMessage.bind(store);
    store.applyMessage = (m, ...rest) => {
      note(m?.id);
      return apply(m, ...rest);
    };
    const upsert = store.upsertConversations.bind(store);
    store.upsertConversations = (list) => {
      for (const c of list) {
        const text = (c.lastMessage as { text?: string } | undefined)?.text;
        if (text && !seenText.has(text)) seenText.set(text, Date.now());
      }
      return upsert(list);
    };
    const merge = store.mergeThread.bind(store);
    store.mergeThread = (id, messages, ...rest) => {
      for (const m of messages) note(m.id);
      return merge(id, messages, ...rest);
    };
  });
}

/** Opens conversation `id` in the thread, through the session (as a click in the inbox does). */
export async function selectConversation(page: Page, id: string): Promise<void> {
  await page.evaluate((id) => {
    (
      document.querySelector('chatomni-inbox') as unknown as {
        chatSession: { select(id: string): void };
      }
    ).chatSession.select(id);
  }, id);
}

/** What the recorder of {@link instrument} has seen so far. */
export async function seenLog(page: Page): Promise<SeenLog> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __chaosSeen: Map<string, number>;
      __chaosSeenText: Map<string, number>;
    };
    return { ids: [...w.__chaosSeen], texts: [...w.__chaosSeenText] };
  });
}

/** The badge timeline the recorder of {@link instrument} sampled. */
export async function badgeSamples(page: Page): Promise<UpSample[]> {
  return page.evaluate(() => (window as unknown as { __chaosBadges: UpSample[] }).__chaosBadges);
}

/** The inbox preview (last message text) of each of `ids` in the page's store, null if none. */
export async function previews(page: Page, ids: readonly string[]): Promise<(string | null)[]> {
  return page.evaluate(
    (cids) => {
      const s = (
        document.querySelector('chatomni-inbox') as unknown as {
          chatSession: {
            store: {
              getConversation(id: string): { lastMessage?: { text: string } } | undefined;
            };
          };
        }
      ).chatSession;
      return cids.map((cid) => s.store.getConversation(cid)?.lastMessage?.text ?? null);
    },
    [...ids],
  );
}

/** Every conversation's unread count in the page's store. */
export async function pageUnread(page: Page): Promise<Map<string, number>> {
  return new Map(
    await page.evaluate(() =>
      (
        document.querySelector('chatomni-inbox') as unknown as {
          chatSession: {
            store: { sortedConversations(): { id: string; unreadCount: number }[] };
          };
        }
      ).chatSession.store
        .sortedConversations()
        .map((c) => [c.id, c.unreadCount] as const),
    ),
  );
}

/**
 * Selects `id` on the page and returns its thread's ids once loaded (older pages as needed,
 * until every id of `want` is in): in the store and as rendered by `<chatomni-thread>`.
 */
export async function threadIds(
  page: Page,
  id: string,
  want: readonly string[],
): Promise<ThreadIds> {
  return page.evaluate(
    async ({ id, want }) => {
      type Thread = { messages: readonly { id: string }[]; loading: boolean; hasOlder: boolean };
      const s = (
        document.querySelector('chatomni-inbox') as unknown as {
          chatSession: {
            select(id: string): void;
            loadOlder(id: string): Promise<void>;
            store: { getThread(id: string): Thread | undefined };
          };
        }
      ).chatSession;
      s.select(id);
      const deadline = Date.now() + 15_000;
      const thread = () => s.store.getThread(id);
      while (Date.now() < deadline && (!thread() || thread()!.loading)) {
        await new Promise((r) => setTimeout(r, 20));
      }
      for (let i = 0; i < 10; i++) {
        const t = thread();
        if (!t || !t.hasOlder) break;
        const have = new Set(t.messages.map((m) => m.id));
        if (want.every((w) => have.has(w))) break;
        await s.loadOlder(id);
      }
      const view = document.querySelector('chatomni-thread') as HTMLElement & {
        updateComplete: Promise<boolean>;
      };
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await view.updateComplete;
      return {
        store: thread()?.messages.map((m) => m.id) ?? [],
        screen: [
          ...view.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"][data-id]'),
        ].map((el) => el.dataset.id!),
      };
    },
    { id, want: [...want] },
  );
}
