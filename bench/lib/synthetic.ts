/**
 * Synthetic shop data put straight into the page's session store, as if a REST answer had
 * just arrived: `count` conversations newer than anything loaded, and optionally loaded
 * threads. Generated inside the page (no transfer over CDP), deterministic.
 */
import type { Page } from 'playwright-core';

/** What {@link injectConversations} measured, page clock (ms). */
export interface InjectTiming {
  /** `upsertConversations` and `mergeThread` calls. */
  applyMs: number;
  /** From before the store call until the newest conversation's row is in the inbox DOM. */
  domMs: number;
  /** …until the frame that shows it was rendered (the next task after its paint). */
  paintMs: number;
}

/** Lines customers write, for last messages and threads. */
export const SYNTHETIC_LINES: readonly string[] = [
  'Cho mình xin giá với ạ',
  'Shop ơi còn size M không',
  'Mình lấy 2 cái nhé, gửi về Quận 7',
  'Dạ shop freeship cho đơn từ 500k ạ',
  'Áo này chất liệu gì vậy shop',
  'Đã chuyển khoản rồi nha shop',
];

/**
 * `count` synthetic conversations on `pageId`, newest first, one second apart, the newest at
 * `newest`:
 * Vietnamese names, last messages from `lines`, every third with a phone, every fifth with an
 * address, every seventh unread. Self-contained: it also runs inside pages
 * ({@link inPageSource}).
 */
export function syntheticConversations(
  count: number,
  pageId: string,
  newest: number,
  lines: readonly string[],
): { id: string; name: string }[] {
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
  const given = ['Thu Hà', 'Minh Anh', 'Ngọc Lan', 'Quỳnh', 'Thảo', 'Hương', 'Tuấn', 'Dung'];
  const list = [];
  for (let i = 0; i < count; i++) {
    const text = `${lines[i % lines.length]} (${i})`;
    list.push({
      id: `b${i.toString(16).padStart(23, '0')}`,
      pageId,
      psid: String(9_000_000_000_000_000 + i),
      channelType: 4,
      name: `${family[i % family.length]} ${given[(i * 7) % given.length]} ${i}`,
      hasPhone: i % 3 === 0,
      hasAddress: i % 5 === 0,
      // Newest first: conversation 0 is the newest of all.
      lastActivityAt: newest - i * 1000,
      lastMessage: { text, kind: 'message', isOwner: i % 4 === 0, hasAttachment: false },
      lastKind: 'message',
      kinds: ['message'],
      unreadCount: i % 7 === 0 ? 1 + (i % 3) : 0,
      partnerStatus: 'Bình thường',
      orders: [],
    });
  }
  return list;
}

/**
 * Script that defines `globalThis.__synthetic` (= {@link syntheticConversations}) and
 * `globalThis.__syntheticLines` in a page.
 */
function inPageSource(): string {
  return (
    `globalThis.__syntheticLines = ${JSON.stringify(SYNTHETIC_LINES)};\n` +
    `globalThis.__synthetic = ${syntheticConversations.toString()};`
  );
}

/**
 * Adds `conversations` synthetic conversations (and `threads` × `perThread` messages) to the
 * session behind `<chatomni-inbox>` and measures until the inbox shows the newest.
 */
export async function injectConversations(
  page: Page,
  options: {
    conversations: number;
    threads?: number;
    perThread?: number;
    /**
     * Activity time of the newest, ms after now. Default 60 s: all newer than anything
     * loaded (and than what arrives in the next minute). The newest must become the top row
     * (this waits until the inbox shows it).
     */
    newestIn?: number;
  },
): Promise<InjectTiming> {
  await page.evaluate(inPageSource());
  return page.evaluate(({ conversations, threads = 0, perThread = 0, newestIn = 60_000 }) => {
    type Store = {
      upsertConversations(list: unknown[]): void;
      mergeThread(id: string, messages: unknown[], patch: Record<string, unknown>): unknown;
    };
    const el = document.querySelector('chatomni-inbox') as unknown as {
      chatSession: { store: Store; pages: readonly { id: string }[] };
      shadowRoot: ShadowRoot;
    };
    const store = el.chatSession.store;
    const pageId = el.chatSession.pages[0]?.id ?? '100000000000001';
    const g = globalThis as unknown as {
      __synthetic: (
        count: number,
        pageId: string,
        now: number,
        lines: string[],
      ) => { name: string }[];
      __syntheticLines: string[];
    };
    const lines = g.__syntheticLines;
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const now = Date.now();
    const list = g.__synthetic(conversations, pageId, now + newestIn, lines);
    const newestName = list[0]?.name ?? '';
    const t0 = performance.now();
    store.upsertConversations(list);
    for (let t = 0; t < threads; t++) {
      const id = `b${hex(t, 23)}`;
      const messages = [];
      for (let m = 0; m < perThread; m++) {
        messages.push({
          id: `c${hex(t * perThread + m, 23)}`,
          conversationId: id,
          kind: 'message',
          text: `${lines[(t + m) % lines.length]} — tin ${m}`,
          isOwner: m % 3 === 0,
          createdAt: now - 3_600_000 + m * 1000,
          attachments: [],
        });
      }
      store.mergeThread(id, messages, { loading: false, hasOlder: false });
    }
    const applyMs = performance.now() - t0;
    return new Promise<{ applyMs: number; domMs: number; paintMs: number }>((resolve) => {
      const root = el.shadowRoot;
      let domMs = -1;
      const shown = () =>
        [...root.querySelectorAll('[part~="name"]')].some((n) => n.textContent === newestName);
      // The store renders in an animation frame: a task posted from there runs after that
      // frame's style, layout and paint.
      const afterPaint = () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          resolve({ applyMs, domMs, paintMs: performance.now() - t0 });
        channel.port2.postMessage(0);
      };
      const observer = new MutationObserver(() => {
        if (domMs < 0 && shown()) {
          domMs = performance.now() - t0;
          observer.disconnect();
          afterPaint();
        }
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true });
      if (shown()) {
        domMs = performance.now() - t0;
        observer.disconnect();
        afterPaint();
      }
    });
  }, options);
}
