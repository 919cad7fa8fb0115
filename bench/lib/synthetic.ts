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

/**
 * Adds `conversations` synthetic conversations (and `threads` × `perThread` messages) to the
 * session behind `<chatomni-inbox>` and measures until the inbox shows the newest.
 */
export async function injectConversations(
  page: Page,
  options: { conversations: number; threads?: number; perThread?: number },
): Promise<InjectTiming> {
  return page.evaluate(({ conversations, threads = 0, perThread = 0 }) => {
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
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
    const given = ['Thu Hà', 'Minh Anh', 'Ngọc Lan', 'Quỳnh', 'Thảo', 'Hương', 'Tuấn', 'Dung'];
    const lines = [
      'Cho mình xin giá với ạ',
      'Shop ơi còn size M không',
      'Mình lấy 2 cái nhé, gửi về Quận 7',
      'Dạ shop freeship cho đơn từ 500k ạ',
      'Áo này chất liệu gì vậy shop',
      'Đã chuyển khoản rồi nha shop',
    ];
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const now = Date.now();
    const list = [];
    for (let i = 0; i < conversations; i++) {
      const text = `${lines[i % lines.length]} (${i})`;
      list.push({
        id: `b${hex(i, 23)}`,
        pageId,
        psid: String(9_000_000_000_000_000 + i),
        channelType: 4,
        name: `${family[i % family.length]} ${given[(i * 7) % given.length]} ${i}`,
        hasPhone: i % 3 === 0,
        hasAddress: i % 5 === 0,
        // Newest first: conversation 0 is the newest of all.
        lastActivityAt: now + 60_000 - i * 1000,
        lastMessage: { text, kind: 'message', isOwner: i % 4 === 0, hasAttachment: false },
        lastKind: 'message',
        kinds: ['message'],
        unreadCount: i % 7 === 0 ? 1 + (i % 3) : 0,
        partnerStatus: 'Bình thường',
        orders: [],
      });
    }
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
