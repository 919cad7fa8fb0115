import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ChatSession } from '../../session/session.js';
import type { Conversation } from '../../model/index.js';
import { initials } from '../shared/avatar.js';
import {
  control,
  emit,
  requests,
  settled,
  shadow,
  signedIn,
  signedOut,
  session,
  startSim,
  text,
  type Sim,
} from '../../../test/support/harness.js';
import { MAX_ROWS, ROW_HEIGHT, type ChatomniInbox } from './chatomni-inbox.js';
import './chatomni-inbox.js';

const rows = (el: ChatomniInbox) => [
  ...shadow(el).querySelectorAll<HTMLElement>('[role="option"]'),
];
const list = (el: ChatomniInbox) => shadow(el).querySelector<HTMLElement>('.list')!;
const indexOf = (s: ChatSession, id: string) =>
  s.visibleConversations().findIndex((c) => c.id === id);
const rowFor = (el: ChatomniInbox, s: ChatSession, id: string) =>
  rows(el).find((r) => r.dataset['index'] === String(indexOf(s, id)));
const button = (el: ChatomniInbox, label: string) =>
  [...shadow(el).querySelectorAll('button')].find((b) => text(b) === label)!;

/** An inbox 600px high (8 visible rows) on the session. */
async function inbox(s: ChatSession, lang = 'vi'): Promise<ChatomniInbox> {
  const el = await fixture<ChatomniInbox>(
    html`<chatomni-inbox lang=${lang} style="height:600px" session=${s.name}></chatomni-inbox>`,
  );
  await waitUntil(() => rows(el).length > 0, 'no rows', { timeout: 8000 });
  return el;
}

/** An inbox on a signed-out session, once its try of a kept sign-in found none: the login form. */
async function signedOutInbox(
  s: ChatSession,
): Promise<{ el: ChatomniInbox; form: HTMLFormElement }> {
  const el = await fixture<ChatomniInbox>(
    html`<chatomni-inbox style="height:600px" session=${s.name}></chatomni-inbox>`,
  );
  await signedOut(s, el);
  return { el, form: shadow(el).querySelector('form')! };
}

async function emitTo(sim: Sim, s: ChatSession, body: Record<string, unknown>) {
  const sent = await emit(sim, body);
  await waitUntil(() => s.visibleConversations()[0]?.id === sent.ConversationId, 'no event', {
    timeout: 8000,
  });
  return sent;
}

describe('<chatomni-inbox>', () => {
  describe('rendering', () => {
    it('should render one row per visible conversation, newest first', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const first = s.visibleConversations()[0]!;
      expect(list(el).getAttribute('role')).to.equal('listbox');
      expect(rows(el)[0]!.getAttribute('aria-posinset')).to.equal('1');
      expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal(
        String(s.visibleConversations().length),
      );
      expect(text(rows(el)[0]!.querySelector('.name'))).to.equal(first.name);
      expect(rows(el).length).to.be.within(9, MAX_ROWS);
    });

    it('is accessible', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      await expect(el).to.be.accessible();
    });

    it('should show the last message, its kind, the time and the unread count', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const sent = await emitTo(sim, s, { kind: 'message', text: 'Còn size M không shop?' });
      await settled(el);
      const row = rowFor(el, s, sent.ConversationId)!;
      const c = s.conversation(sent.ConversationId)!;
      expect(text(row.querySelector('.last'))).to.equal('Còn size M không shop?');
      expect(row.querySelector('.kind')!.getAttribute('title')).to.equal('Tin nhắn');
      expect(text(row.querySelector('.time'))).to.equal('Vừa xong');
      expect(text(row.querySelector('[part="unread"]'))).to.equal(`${c.unreadCount} Chưa đọc`);
      expect(c.unreadCount).to.be.greaterThan(0);
      expect(row.classList.contains('unread')).to.equal(true);
      const comment = await emitTo(sim, s, { kind: 'comment', text: 'Chốt đơn' });
      await settled(el);
      const crow = rowFor(el, s, comment.ConversationId)!;
      expect(crow.querySelector('.kind')!.getAttribute('title')).to.equal('Bình luận');
      expect(text(crow.querySelector('.last'))).to.equal('Chốt đơn');
    });

    it('should show "Bạn:" before the shop\'s own last message', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const sent = await emitTo(sim, s, { text: 'Dạ còn ạ', isOwner: true });
      await settled(el);
      expect(text(rowFor(el, s, sent.ConversationId)!.querySelector('.last'))).to.equal(
        'Bạn: Dạ còn ạ',
      );
    });

    it('should show phone and address icons, the order badge and code, and the status', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const target = s
        .visibleConversations()
        .find((c) => c.hasPhone && c.partnerStatus && c.kinds.includes('comment'))!;
      await emit(sim, { kind: 'order', conversationId: target.id });
      await emitTo(sim, s, { conversationId: target.id, text: 'ok' });
      await waitUntil(() => s.conversation(target.id)!.orders.length > 0, 'no order');
      await settled(el);
      const c = s.conversation(target.id)!;
      const order = c.orders[0]!;
      expect(order.index).to.be.greaterThan(0);
      const row = rowFor(el, s, target.id)!;
      expect(row.querySelector('[title="Có SĐT"] svg')).to.not.equal(null);
      expect(row.querySelector('[title="Có địa chỉ"]') !== null).to.equal(c.hasAddress);
      expect(text(row.querySelector('[part="order-badge"]'))).to.equal(String(order.index));
      expect(text(row.querySelector('[part="order-code"]'))).to.equal(
        `#${order.index}. ${order.code}`,
      );
      const status = row.querySelector<HTMLElement>('[part="status"]')!;
      expect(text(status)).to.equal(c.partnerStatus);
      expect(status.style.getPropertyValue('--c')).to.equal(s.partnerStatusColor(c.partnerStatus!));
      expect(getComputedStyle(row.querySelector('[part="order-badge"]')!).backgroundColor).to.equal(
        'rgb(124, 58, 237)',
      );
    });

    it('should fall back to initials on a colour when the avatar fails to load', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox
          style="height:600px"
          session=${s.name}
          avatar-url-template=${`${sim.restUrl}/no-such-avatar/{psid}.png`}
        ></chatomni-inbox>`,
      );
      await waitUntil(() => rows(el).length > 0);
      const first = s.visibleConversations()[0]!;
      const img = rows(el)[0]!.querySelector('img')!;
      expect(img.getAttribute('src')).to.equal(`${sim.restUrl}/no-such-avatar/${first.psid}.png`);
      await waitUntil(() => img.hidden, 'avatar not hidden after failing');
      const avatar = rows(el)[0]!.querySelector<HTMLElement>('.avatar')!;
      expect(text(avatar)).to.equal(initials(first.name));
      expect(avatar.style.background).to.match(/^var\(--_avatar-[1-8]\)$/);
      expect(getComputedStyle(avatar).backgroundColor).to.match(/^rgb\(/);
    });

    it('should use the Facebook profile picture by default', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const first = s.visibleConversations()[0]!;
      expect(rows(el)[0]!.querySelector('img')!.getAttribute('src')).to.equal(
        `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${first.psid}&height=200&width=200`,
      );
    });
  });

  describe('filters and search', () => {
    it('should search by keyword after a pause and show only matches', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const name = s.visibleConversations()[3]!.name;
      const input = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
      input.value = name;
      input.dispatchEvent(new InputEvent('input'));
      expect(s.filter.keyword).to.equal(undefined);
      await waitUntil(() => s.filter.keyword === name, 'keyword not applied');
      await waitUntil(() => !s.listState.loading && rows(el).length > 0);
      await settled(el);
      const names = rows(el).map((r) => text(r.querySelector('.name')));
      expect(names).to.include(name);
      expect(rows(el).length).to.equal(s.visibleConversations().length);
    });

    it('should show an empty state when nothing matches', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      s.setFilter({ keyword: 'zzqqxx không có ai' });
      await waitUntil(
        () => text(shadow(el).querySelector('.note')) === 'Không có cuộc hội thoại nào',
      );
      expect(list(el).hasAttribute('role')).to.equal(false);
    });

    it('should toggle unread, phone and order filters', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const unread = button(el, 'Chưa đọc');
      unread.click();
      expect(s.filter.unread).to.equal(true);
      await settled(el);
      expect(unread.getAttribute('aria-pressed')).to.equal('true');
      await waitUntil(() => !s.listState.loading);
      expect(s.visibleConversations().every((c) => c.unreadCount > 0)).to.equal(true);
      button(el, 'Có SĐT').click();
      expect(s.filter).to.include({ unread: true, hasPhone: true });
      button(el, 'Có đơn').click();
      expect(s.filter).to.include({ unread: true, hasPhone: true, hasOrder: true });
      button(el, 'Chưa đọc').click();
      expect(s.filter.unread).to.equal(false);
    });

    it('should ask the server for unreplied conversations with "Chưa trả lời"', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const bodies: Record<string, unknown>[] = [];
      const realFetch = window.fetch;
      window.fetch = (input, init) => {
        if (String(input).includes('conversations/search') && typeof init?.body === 'string') {
          bodies.push(JSON.parse(init.body) as Record<string, unknown>);
        }
        return realFetch(input, init);
      };
      try {
        const chip = button(el, 'Chưa trả lời');
        chip.click();
        expect(s.filter.unreplied).to.equal(true);
        await settled(el);
        expect(chip.getAttribute('aria-pressed')).to.equal('true');
        await waitUntil(() => bodies.length > 0 && !s.listState.loading, 'no search');
        expect(bodies[0]).to.include({ IsUnreplied: true, IsUnread: null });
      } finally {
        window.fetch = realFetch;
      }
      const shown = s.visibleConversations();
      expect(shown.length).to.be.greaterThan(0);
      // rich tells whose the last message is; the recorded list does not (docs/tpos-protocol.md
      // §7.2): the rows are the server's answer, and none claims a side.
      const sides: (boolean | undefined)[] = sim.profile === 'rich' ? [false] : [undefined];
      expect(shown.every((c) => sides.includes(c.lastMessage?.isOwner))).to.equal(true);
      // The shop answers one: it leaves the list.
      const answered = shown[0]!;
      await emit(sim, { conversationId: answered.id, text: 'Dạ shop trả lời ạ', isOwner: true });
      await waitUntil(() => !s.visibleConversations().some((c) => c.id === answered.id), 'kept');
      button(el, 'Chưa trả lời').click();
      expect(s.filter.unreplied).to.equal(false);
    });

    it('should filter messages, comments or all', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      expect(button(el, 'Tất cả').getAttribute('aria-pressed')).to.equal('true');
      button(el, 'Bình luận').click();
      expect(s.filter.type).to.equal('comment');
      await settled(el);
      expect(button(el, 'Bình luận').getAttribute('aria-pressed')).to.equal('true');
      expect(button(el, 'Tất cả').getAttribute('aria-pressed')).to.equal('false');
      button(el, 'Tin nhắn').click();
      expect(s.filter.type).to.equal('message');
    });

    it("should filter by page from the session's pages", async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      await waitUntil(() => s.pages.length > 1, 'pages not loaded');
      await settled(el);
      const select = shadow(el).querySelector<HTMLSelectElement>('select')!;
      const options = [...select.options].map((o) => o.text);
      expect(options).to.deep.equal(['Tất cả trang', ...s.pages.map((p) => p.name)]);
      select.value = s.pages[1]!.id;
      select.dispatchEvent(new Event('change'));
      expect(s.filter.pageIds).to.deep.equal([s.pages[1]!.id]);
      await waitUntil(() => !s.listState.loading);
      await settled(el);
      expect(s.visibleConversations().every((c) => c.pageId === s.pages[1]!.id)).to.equal(true);
    });

    it('should keep the search and the page select inside a narrow inbox', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox style="width:340px;height:600px" session=${s.name}></chatomni-inbox>`,
      );
      await waitUntil(() => s.pages.length > 1, 'pages not loaded');
      await settled(el);
      const select = shadow(el).querySelector('select')!.getBoundingClientRect();
      expect(select.right).to.be.at.most(el.getBoundingClientRect().right);
    });
  });

  describe('keyboard and selection', () => {
    it('should move with the arrows and open with Enter', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const lb = list(el);
      lb.focus();
      const key = (k: string) => lb.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
      key('ArrowDown');
      await el.updateComplete;
      expect(lb.getAttribute('aria-activedescendant')).to.equal('row-0');
      key('ArrowDown');
      await el.updateComplete;
      expect(lb.getAttribute('aria-activedescendant')).to.equal('row-1');
      key('ArrowUp');
      key('ArrowDown');
      await el.updateComplete;
      const second = s.visibleConversations()[1]!;
      const event = oneEvent(el, 'chatomni-select');
      key('Enter');
      const { detail } = await event;
      expect(detail.conversationId).to.equal(second.id);
      expect(detail.conversation.name).to.equal(second.name);
      expect(s.selectedId).to.equal(second.id);
      await settled(el);
      expect(shadow(el).querySelector('#row-1')!.getAttribute('aria-selected')).to.equal('true');
      expect(shadow(el).querySelector('#row-0')!.getAttribute('aria-selected')).to.equal('false');
    });

    it('should go to the end and back with End and Home', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const lb = list(el);
      const n = s.visibleConversations().length;
      lb.dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }));
      await settled(el);
      expect(lb.getAttribute('aria-activedescendant')).to.equal(`row-${n - 1}`);
      expect(lb.scrollTop).to.equal(n * ROW_HEIGHT - lb.clientHeight);
      lb.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
      await settled(el);
      expect(lb.getAttribute('aria-activedescendant')).to.equal('row-0');
      expect(lb.scrollTop).to.equal(0);
    });

    it('should select on click and fire chatomni-select', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const third = s.visibleConversations()[2]!;
      const event = oneEvent(el, 'chatomni-select');
      rows(el)[2]!.querySelector<HTMLElement>('.name')!.click();
      const e = await event;
      expect(e.detail.conversationId).to.equal(third.id);
      expect(e.bubbles && e.composed).to.equal(true);
      expect(s.selectedId).to.equal(third.id);
    });
  });

  describe('realtime order', () => {
    it('should move a conversation with new activity to the top', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const fifth = s.visibleConversations()[5]!;
      await emitTo(sim, s, { conversationId: fifth.id, text: 'Lên đầu' });
      await settled(el);
      expect(rows(el).find((r) => r.id === 'row-0')!.dataset['index']).to.equal('0');
      expect(text(shadow(el).querySelector('#row-0 .name'))).to.equal(fifth.name);
    });

    it('should keep the rows in view when the seller has scrolled down', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const lb = list(el);
      lb.scrollTop = 10 * ROW_HEIGHT;
      await settled(el);
      const before = s.visibleConversations();
      const firstVisible = before[10]!;
      const mover = before[20]!;
      await emitTo(sim, s, { conversationId: mover.id, text: 'Mới' });
      await settled(el);
      expect(lb.scrollTop).to.equal(11 * ROW_HEIGHT);
      expect(indexOf(s, firstVisible.id)).to.equal(11);
      expect(text(shadow(el).querySelector('#row-11 .name'))).to.equal(firstVisible.name);
    });
  });

  describe('states', () => {
    it('should show a skeleton while the first page loads', async () => {
      const sim = await startSim();
      await control(sim, 'fail', {
        route: 'conversations/search',
        status: 200,
        body: 'json',
        delayMs: 1500,
        count: 1,
      }).catch(() => undefined);
      const s = session(sim);
      void s.login('demo', 'demo123').catch(() => undefined);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox style="height:600px" session=${s.name}></chatomni-inbox>`,
      );
      await waitUntil(() => shadow(el).querySelectorAll('.skeleton').length === 8, 'no skeleton');
      expect(text(shadow(el).querySelector('.list .sr'))).to.equal('Đang tải…');
    });

    it('should show an error with a retry button that reloads', async () => {
      const sim = await startSim();
      const s = session(sim);
      await control(sim, 'fail', { route: 'conversations/search', status: 500, count: 10 });
      await s.login('demo', 'demo123');
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox style="height:600px" session=${s.name}></chatomni-inbox>`,
      );
      await waitUntil(
        () =>
          text(shadow(el).querySelector('[role="alert"] .error')) === 'Không tải được danh sách',
        'no error',
        { timeout: 8000 },
      );
      // The session keeps a code; the element says why in the page's language.
      expect(s.listState.error).to.equal('server');
      expect(text(shadow(el).querySelector('[role="alert"] .reason'))).to.equal(
        'Máy chủ đang lỗi, vui lòng thử lại sau.',
      );
      await control(sim, 'clear-faults', {});
      button(el, 'Thử lại').click();
      await waitUntil(() => rows(el).length > 0, 'no rows after retry', { timeout: 8000 });
    });
  });

  describe('login', () => {
    it('should show a login form without a token and sign in', async () => {
      const sim = await startSim();
      const s = session(sim);
      const { el, form } = await signedOutInbox(s);
      expect(form.getAttribute('part')).to.equal('login');
      const remember = form.querySelector<HTMLInputElement>('[name="remember"]')!;
      expect([remember.type, remember.checked]).to.deep.equal(['checkbox', false]);
      expect(text(remember.closest('label'))).to.equal('Ghi nhớ đăng nhập');
      await expect(el).to.be.accessible();
      const field = (n: string) => form.querySelector<HTMLInputElement>(`[name="${n}"]`)!;
      field('username').value = 'demo';
      field('password').value = 'wrong';
      form.requestSubmit();
      await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no error');
      expect(text(shadow(el).querySelector('[role="alert"]'))).to.equal(
        'Sai tên đăng nhập hoặc mật khẩu',
      );
      expect(field('password').value).to.equal('');
      field('password').value = 'demo123';
      shadow(el).querySelector('form')!.requestSubmit();
      await waitUntil(() => rows(el).length > 0, 'no rows after login', { timeout: 8000 });
      expect(s.auth).to.equal('authenticated');
    });

    it('should show a loading state, not the login form, while a kept sign-in is tried', async () => {
      const sim = await startSim();
      // The proxy's refresh route, slow and without a kept sign-in.
      await control(sim, 'fail', { route: 'token/refresh', status: 401, delayMs: 800, count: 1 });
      const s = session(sim);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox style="height:600px" session=${s.name}></chatomni-inbox>`,
      );
      expect(s.auth).to.equal('authenticating');
      expect(shadow(el).querySelector('form')).to.equal(null);
      expect(shadow(el).querySelectorAll('.skeleton').length).to.equal(8);
      expect(text(shadow(el).querySelector('.list .sr'))).to.equal('Đang tải…');
      await signedOut(s, el);
      expect(shadow(el).querySelector('form')?.getAttribute('part')).to.equal('login');
      const tries = (await requests(sim, 20)).filter((r) => r.path === '/api/token/refresh');
      expect(tries.map((r) => [r.method, r.headers['authorization']])).to.deep.equal([
        ['POST', undefined],
      ]);
    });

    it('should sign in with Ghi nhớ đăng nhập ticked', async () => {
      const sim = await startSim();
      const s = session(sim);
      const { el, form } = await signedOutInbox(s);
      form.querySelector<HTMLInputElement>('[name="username"]')!.value = 'demo';
      form.querySelector<HTMLInputElement>('[name="password"]')!.value = 'demo123';
      form.querySelector<HTMLInputElement>('[name="remember"]')!.click();
      form.requestSubmit();
      await waitUntil(() => rows(el).length > 0, 'no rows after login', { timeout: 8000 });
      expect(s.auth).to.equal('authenticated');
    });

    it('should show "Cần đăng nhập" instead of the form with no-login', async () => {
      const sim = await startSim();
      const s = session(sim);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox no-login session=${s.name}></chatomni-inbox>`,
      );
      await signedOut(s, el);
      expect(shadow(el).querySelector('form')).to.equal(null);
      expect(text(shadow(el).querySelector('[part="login-required"]'))).to.equal('Cần đăng nhập');
    });
  });

  describe('notifications', () => {
    it('should put the unread total in the title and restore it', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      document.title = 'Shop';
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox notify style="height:600px" session=${s.name}></chatomni-inbox>`,
      );
      await emitTo(sim, s, { text: 'Alo shop' });
      await settled(el);
      const total = s.visibleConversations().reduce((n, c) => n + c.unreadCount, 0);
      expect(total).to.be.greaterThan(0);
      await waitUntil(() => document.title === `(${total}) Shop`, `title: ${document.title}`);
      el.remove();
      expect(document.title).to.equal('Shop');
    });

    it('should raise a desktop notification for a customer message while hidden', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      // The browser's side is faked: a hidden page and a granted Notification permission.
      const shown: { title: string; body: string }[] = [];
      const real = { Notification: window.Notification };
      class FakeNotification {
        static permission = 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body: string }) {
          shown.push({ title, body: options.body });
        }
        close() {}
      }
      Object.assign(window, { Notification: FakeNotification });
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      try {
        const el = await fixture<ChatomniInbox>(
          html`<chatomni-inbox notify style="height:600px" session=${s.name}></chatomni-inbox>`,
        );
        await settled(el);
        const sent = await emitTo(sim, s, { text: 'Shop ơi <b>còn</b> hàng không?' });
        await waitUntil(() => shown.length > 0, 'no notification');
        const name = s.conversation(sent.ConversationId)!.name;
        expect(shown).to.deep.equal([
          { title: `Tin nhắn mới từ ${name}`, body: 'Shop ơi <b>còn</b> hàng không?' },
        ]);
        await emitTo(sim, s, { text: 'Dạ còn ạ', isOwner: true });
        await settled(el);
        expect(shown.length).to.equal(1);
      } finally {
        delete (document as { visibilityState?: unknown }).visibilityState;
        Object.assign(window, real);
      }
    });

    it('should leave the title alone without notify', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      document.title = 'Shop';
      const el = await inbox(s);
      await emitTo(sim, s, { text: 'Alo shop' });
      await settled(el);
      expect(document.title).to.equal('Shop');
    });
  });

  describe('10,000 conversations', () => {
    it('should keep the DOM bounded and load more near the end', async () => {
      const sim = await startSim({ conversations: 10_000 });
      const s = await signedIn(sim);
      const el = await inbox(s);
      const lb = list(el);
      const loaded = s.visibleConversations().length;
      expect(s.hasMoreConversations).to.equal(true);
      for (const at of [0.25, 0.5, 1]) {
        lb.scrollTop = at * (lb.scrollHeight - lb.clientHeight);
        await settled(el);
        expect(rows(el).length).to.be.within(1, MAX_ROWS);
      }
      await waitUntil(() => s.visibleConversations().length > loaded, 'no more loaded', {
        timeout: 8000,
      });
      await settled(el);
      expect(
        list(el).getAttribute('aria-setsize') ?? rows(el)[0]!.getAttribute('aria-setsize'),
      ).to.equal(String(s.visibleConversations().length));
      expect(shadow(el).querySelectorAll('[role="option"]').length).to.be.at.most(MAX_ROWS);
    });
  });

  describe('hostile content', () => {
    it('should show HTML in names and messages as text and run nothing', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const w = window as unknown as { pwned?: number };
      const name = '<img src=x onerror="window.pwned=1">';
      const body = '<script>window.pwned=2</script><b>đậm</b>';
      const sent = await emitTo(sim, s, { newConversation: true, name, text: body });
      await settled(el);
      // Asserts that nothing runs: a short settle gives an injected onerror its chance.
      await aTimeout(50);
      const row = rowFor(el, s, sent.ConversationId)!;
      expect(text(row.querySelector('.name'))).to.equal(name);
      expect(text(row.querySelector('.last'))).to.equal(body);
      expect(row.querySelector('script, b, img[src="x"]')).to.equal(null);
      expect(w.pwned).to.equal(undefined);
    });
  });

  describe('languages', () => {
    it('should speak English with lang="en"', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s, 'en');
      const sent = await emitTo(sim, s, { text: 'Hello' });
      await settled(el);
      const input = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
      expect(input.placeholder).to.equal('Search name, phone, message');
      expect(text(shadow(el).querySelector('.chips'))).to.equal(
        'All Messages Comments Unread Unreplied Phone Order',
      );
      expect(text(rowFor(el, s, sent.ConversationId)!.querySelector('.time'))).to.equal('Just now');
      expect(list(el).getAttribute('aria-label')).to.equal('Conversations');
    });

    it('should show relative times in Vietnamese', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await inbox(s);
      const times = rows(el).map((r) => text(r.querySelector('.time')));
      for (const t of times) {
        expect(t).to.match(/^(Vừa xong|\d+ phút trước|\d+ giờ trước|\d\d\/\d\d(\/\d{4})?)$/);
      }
      const c: Conversation = s.visibleConversations()[0]!;
      expect(c.lastActivityAt).to.be.a('number');
    });
  });
});
