import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ChatSession } from '../../session/session.js';
import {
  control,
  emit,
  idsOf,
  settled,
  shadow,
  scrollAsUser,
  signedIn,
  startSim,
  stored,
  text,
  type Emitted,
  type Sim,
} from '../../../test/support/harness.js';
import type { ChatomniThread } from './chatomni-thread.js';
import './chatomni-thread.js';

const $ = <T extends Element = HTMLElement>(el: ChatomniThread, sel: string) =>
  shadow(el).querySelector<T>(sel);
const $$ = (el: ChatomniThread, sel: string) => [...shadow(el).querySelectorAll<HTMLElement>(sel)];
const log = (el: ChatomniThread) => $(el, '[role="log"]')!;
/** A message by its id, or a pushed one by either of its ids (docs/tpos-protocol.md §7.5). */
const sel = (ref: string | Pick<Emitted, 'Id' | 'SocketId'>) =>
  (typeof ref === 'string' ? [ref] : idsOf(ref)).map((id) => `[data-id="${id}"]`).join(', ');
const msg = (el: ChatomniThread, ref: string | Pick<Emitted, 'Id' | 'SocketId'>) => $(el, sel(ref));
const button = (el: ChatomniThread, label: string) =>
  $$(el, 'button').find((b) => text(b) === label)!;

/** A thread 500px high on the session, showing `id` once its messages loaded. */
async function thread(s: ChatSession, id: string, lang = 'vi'): Promise<ChatomniThread> {
  s.select(id);
  const el = await fixture<ChatomniThread>(
    html`<chatomni-thread lang=${lang} style="height:500px" session=${s.name}></chatomni-thread>`,
  );
  await waitUntil(() => (s.thread(id)?.messages.length ?? 0) > 0, 'no thread', {
    timeout: 8000,
  });
  await settled(el);
  return el;
}

/** Emits to `id` and waits until the message is in the element. */
async function emitInto(sim: Sim, el: ChatomniThread, id: string, body: Record<string, unknown>) {
  const sent = await emit(sim, { conversationId: id, ...body });
  await waitUntil(() => msg(el, sent), `message ${sent.Id} not shown`, { timeout: 8000 });
  await settled(el);
  return sent;
}

/**
 * A signed-in thread showing the newest conversation after `count` more messages were made
 * upstream before sign-in (so it scrolls and has older history).
 */
async function longThread(count: number) {
  const sim = await startSim();
  const batch = await control<{ Ids: string[] }>(sim, 'emit-batch', { count, conversations: 1 });
  const s = await signedIn(sim);
  const c = s.visibleConversations()[0]!;
  const el = await thread(s, c.id);
  expect(msg(el, batch.Ids[batch.Ids.length - 1]!)).to.not.equal(null);
  return { sim, s, c, el };
}

const withComments = (s: ChatSession) =>
  s.visibleConversations().find((c) => c.kinds.includes('comment'))!;

describe('<chatomni-thread>', () => {
  describe('rendering', () => {
    it('should ask to choose a conversation when none is selected', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniThread>(
        html`<chatomni-thread session=${s.name}></chatomni-thread>`,
      );
      expect(text($(el, '[part="empty"]'))).to.equal('Chọn một cuộc hội thoại');
      await expect(el).to.be.accessible();
    });

    it('should show the selected conversation in a polite log, shop on the right', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      expect(text($(el, 'header [part="name"]'))).to.equal(c.name);
      expect(log(el).getAttribute('aria-live')).to.equal('polite');
      const messages = s.thread(c.id)!.messages;
      const out = $$(el, '.msg.out').map((m) => m.dataset['id']);
      expect(out).to.deep.equal(messages.filter((m) => m.isOwner).map((m) => m.id));
      const shop = await emitInto(sim, el, c.id, { text: 'Dạ shop chào chị', isOwner: true });
      const node = msg(el, shop)!;
      expect(node.classList.contains('out')).to.equal(true);
      expect(getComputedStyle(node).alignSelf).to.equal('flex-end');
      const staffed = s.thread(c.id)!.messages.find((x) => x.isOwner && x.staffName)!;
      expect(text(msg(el, staffed.id)!.querySelector('.staff'))).to.equal(`· ${staffed.staffName}`);
      expect(text(node.querySelector('time'))).to.match(/^\d\d:\d\d$/);
    });

    it('is accessible', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await thread(s, withComments(s).id);
      await expect(el).to.be.accessible();
    });

    it('should follow the selection of its session', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const [a, b] = s.visibleConversations();
      const el = await thread(s, a!.id);
      s.select(b!.id);
      await waitUntil(() => text($(el, 'header [part="name"]')) === b!.name, 'did not follow');
    });

    it('should select and mark seen the conversation named by conversation-id', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const sent = await emit(sim, { text: 'Chưa đọc' });
      await waitUntil(() => (s.conversation(sent.ConversationId)?.unreadCount ?? 0) > 0);
      const el = await fixture<ChatomniThread>(
        html`<chatomni-thread
          style="height:500px"
          session=${s.name}
          conversation-id=${sent.ConversationId}
        ></chatomni-thread>`,
      );
      expect(s.selectedId).to.equal(sent.ConversationId);
      await waitUntil(() => msg(el, sent), 'thread not shown', { timeout: 8000 });
      await waitUntil(() => s.conversation(sent.ConversationId)!.unreadCount === 0);
      const server = () =>
        control<{ UnreadCount: number }>(sim, `conversations/${sent.ConversationId}`);
      await waitUntil(async () => (await server()).UnreadCount === 0, 'not seen upstream');
    });

    it('should show comments under their post with nested replies', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = withComments(s);
      const el = await thread(s, c.id);
      const top = await emitInto(sim, el, c.id, { kind: 'comment', text: 'Áo này giá sao?' });
      const reply = await emit(sim, {
        conversationId: c.id,
        kind: 'comment',
        text: 'Dạ 250k ạ',
        isOwner: true,
        parentId: top.Id,
      });
      await waitUntil(() => msg(el, top)!.querySelector(`.replies :is(${sel(reply)})`));
      const messages = s.thread(c.id)!.messages;
      const comment = messages.find((m) => idsOf(top).includes(m.id))!;
      const titled = messages.find((m) => m.post?.id === comment.post!.id && m.post.title)?.post;
      const best = titled ?? comment.post!;
      const posts = $$(el, '[part="post"]').map((p) => text(p));
      expect(posts).to.include(`${best.isVideo ? '🎥' : '📝'} ${best.title ?? 'Bài viết'}`);
      expect(msg(el, reply)!.parentElement!.classList.contains('replies')).to.equal(true);
      expect(text(msg(el, reply)!.querySelector('.text'))).to.equal('Dạ 250k ạ');
    });
  });

  describe('attachments and links', () => {
    it('should render images, video, audio and files, and refuse other schemes', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      const base = sim.restUrl;
      const sent = await emitInto(sim, el, c.id, {
        text: 'Ảnh đây',
        attachments: [
          { type: 'image', url: `${base}/a.png` },
          { type: 'video', url: `${base}/v.mp4` },
          { type: 'audio', url: `${base}/s.mp3` },
          { type: 'file', url: `${base}/files/bang%20gia.pdf` },
          { type: 'image', url: 'javascript:alert(1)' },
        ],
      });
      const node = msg(el, sent)!;
      const img = node.querySelector('img')!;
      expect(img.getAttribute('src')).to.equal(`${base}/a.png`);
      expect(img.getAttribute('loading')).to.equal('lazy');
      expect(node.querySelector('video')!.getAttribute('src')).to.equal(`${base}/v.mp4`);
      expect(node.querySelector('video')!.hasAttribute('controls')).to.equal(true);
      expect(node.querySelector('audio')!.getAttribute('src')).to.equal(`${base}/s.mp3`);
      const file = node.querySelector('a[download]')!;
      expect(file.getAttribute('href')).to.equal(`${base}/files/bang%20gia.pdf`);
      expect(file.getAttribute('download')).to.equal('bang gia.pdf');
      expect(file.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(text(node.querySelector('.invalid'))).to.equal('[tệp đính kèm không hợp lệ]');
      expect(node.innerHTML).to.not.include('javascript:');
    });

    it('should enlarge an image in a dialog', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      const sent = await emitInto(sim, el, c.id, {
        attachments: [{ type: 'image', url: `${sim.restUrl}/big.png` }],
      });
      msg(el, sent)!.querySelector<HTMLButtonElement>('.att-image')!.click();
      await settled(el);
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.querySelector('img')!.getAttribute('src')).to.equal(`${sim.restUrl}/big.png`);
      dialog.close();
      await settled(el);
      expect($(el, 'dialog')).to.equal(null);
    });

    it('should turn only http(s) links into safe anchors', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      const body = 'Xem https://shop.example/p?id=1. hoặc javascript:alert(1) nhé';
      const sent = await emitInto(sim, el, c.id, { text: body });
      const node = msg(el, sent)!.querySelector('.text')!;
      expect(text(node)).to.equal(body);
      const links = [...node.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://shop.example/p?id=1',
      ]);
      expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(links[0]!.getAttribute('target')).to.equal('_blank');
    });
  });

  describe('updates', () => {
    it('should not render again for messages into other conversations', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const [open, other] = s.visibleConversations();
      const el = await thread(s, open!.id);
      let renders = 0;
      const render = el.render.bind(el);
      el.render = () => (renders++, render());
      const elsewhere = await emit(sim, { conversationId: other!.id, text: 'Ở chỗ khác' });
      await waitUntil(() => stored(s, elsewhere), 'not stored');
      await settled(el);
      expect(renders).to.equal(0);
      // Its own conversation's message does render it.
      await emitInto(sim, el, open!.id, { text: 'Ở đây' });
      expect(renders).to.be.greaterThan(0);
    });

    it('should show each message anew when its day, language or comment state changes', async () => {
      // Messages render again only when what they show changed (thread-message.ts,
      // messageInputs): these are the changes that come from outside the message itself.
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = withComments(s);
      const el = await thread(s, c.id);
      const first = await emitInto(sim, el, c.id, { kind: 'comment', text: 'Còn size M không?' });
      const second = await emitInto(sim, el, c.id, { kind: 'comment', text: 'Giá bao nhiêu?' });
      const node = () => msg(el, first)!;
      const time = () => text(node().querySelector('time'));
      const actions = () => [...node().querySelectorAll('.meta button')].map((b) => text(b));
      expect(time()).to.match(/^\d\d:\d\d$/);
      expect(actions()).to.include.members(['Trả lời', 'Ẩn']);

      // The next day (Vietnam time): yesterday's messages carry their date.
      const realNow = Date.now;
      Date.now = () => realNow() + 24 * 3600_000;
      try {
        el.requestUpdate();
        await el.updateComplete;
        expect(time()).to.match(/^\d\d\/\d\d \d\d:\d\d$/);
      } finally {
        Date.now = realNow;
      }
      el.requestUpdate();
      await el.updateComplete;
      expect(time()).to.match(/^\d\d:\d\d$/);

      el.setAttribute('lang', 'en');
      await settled(el);
      expect(actions()).to.include.members(['Reply', 'Hide']);

      // Its reply box opens under it, and leaves it for the next comment replied to.
      const reply = (m: HTMLElement) =>
        [...m.querySelectorAll<HTMLElement>('.meta button')]
          .find((b) => text(b) === 'Reply')!
          .click();
      reply(node());
      await el.updateComplete;
      expect(node().querySelector('.reply-box')).to.not.equal(null);
      reply(msg(el, second)!);
      await el.updateComplete;
      expect(node().querySelector('.reply-box')).to.equal(null);
      expect(msg(el, second)!.querySelector('.reply-box')).to.not.equal(null);
    });
  });

  describe('scrolling', () => {
    it('should stick to the bottom for new messages', async () => {
      const { sim, c, el } = await longThread(30);
      const l = log(el);
      expect(l.scrollHeight - l.scrollTop - l.clientHeight).to.be.below(2);
      await emitInto(sim, el, c.id, { text: 'Tin mới nhất' });
      expect(l.scrollHeight - l.scrollTop - l.clientHeight).to.be.below(2);
      expect($(el, '[part="new-messages"]')).to.equal(null);
    });

    it('should show a "Tin nhắn mới" pill when the seller scrolled up', async () => {
      const { sim, c, el } = await longThread(30);
      const l = log(el);
      await scrollAsUser(l, l.scrollHeight - l.clientHeight - 400);
      const top = () => l.getBoundingClientRect().top;
      const inView = $$(el, '.msg').find((m) => m.getBoundingClientRect().top >= top())!;
      const before = inView.getBoundingClientRect().top - top();
      const sent = await emitInto(sim, el, c.id, { text: 'Đọc sau' });
      // What the seller reads stays where it was; the new message is below, out of view.
      expect(inView.getBoundingClientRect().top - top()).to.be.closeTo(before, 1);
      expect(msg(el, sent)!.getBoundingClientRect().top).to.be.above(
        l.getBoundingClientRect().bottom,
      );
      const pill = $(el, '[part="new-messages"]')!;
      expect(text(pill)).to.equal('Tin nhắn mới ↓');
      pill.click();
      await settled(el);
      expect(l.scrollHeight - l.scrollTop - l.clientHeight).to.be.below(2);
      expect($(el, '[part="new-messages"]')).to.equal(null);
    });

    it('should load older messages at the top and keep the view in place', async () => {
      const { s, c, el } = await longThread(45);
      expect(s.thread(c.id)!.hasOlder).to.equal(true);
      const count = s.thread(c.id)!.messages.length;
      const firstId = s.thread(c.id)!.messages[0]!.id;
      const l = log(el);
      l.scrollTop = 0;
      const offset = () =>
        msg(el, firstId)!.getBoundingClientRect().top - l.getBoundingClientRect().top;
      const before = offset();
      await waitUntil(() => s.thread(c.id)!.messages.length > count, 'no older', {
        timeout: 8000,
      });
      await settled(el);
      expect(s.thread(c.id)!.messages[0]!.id).to.not.equal(firstId);
      expect(l.scrollTop).to.be.above(0);
      // Scroll positions are whole pixels; row heights are not.
      expect(Math.abs(offset() - before)).to.be.below(1);
    });
  });

  describe('orders', () => {
    it('should create an order and show its code in a banner and the header', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = withComments(s);
      const el = await thread(s, c.id);
      const created = oneEvent(el, 'chatomni-order-created');
      const asked = oneEvent(el, 'chatomni-create-order');
      button(el, 'Tạo đơn hàng').click();
      const ask = await asked;
      expect(ask.detail.conversationId).to.equal(c.id);
      expect(ask.cancelable).to.equal(true);
      const { detail } = await created;
      await settled(el);
      // A customer who commented on a live post gets the next number of that session.
      expect(detail.order.index).to.be.greaterThan(0);
      const code = `#${detail.order.index}. ${detail.order.code}`;
      expect(text($(el, '[part="banner"] span'))).to.equal(`Đã tạo đơn ${code}`);
      expect(text($(el, 'header [part="order-code"]'))).to.equal(code);
      expect(text($(el, 'header [part="order-badge"]'))).to.equal(String(detail.order.index));
    });

    it('should leave the order to the page when it cancels chatomni-create-order', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      await control(sim, 'reset-counters', {});
      el.addEventListener('chatomni-create-order', (e) => e.preventDefault());
      button(el, 'Tạo đơn hàng').click();
      // Asserts that no order is posted: a short settle gives a request the time to show.
      await aTimeout(200);
      const counters = await control<{ rest: { byRoute: Record<string, number> } }>(
        sim,
        'counters',
      );
      expect(
        Object.keys(counters.rest.byRoute).filter((r) => r.includes('SaleOnline_Order')),
      ).to.deep.equal([]);
      expect($(el, '[part="banner"]')).to.equal(null);
    });
  });

  describe('customer info and templates', () => {
    it('should show the customer info panel and fire chatomni-info', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      const event = oneEvent(el, 'chatomni-info');
      button(el, 'Thông tin').click();
      const { detail } = await event;
      await settled(el);
      expect(detail.conversationId).to.equal(c.id);
      const panel = text($(el, '[part="panel"]'));
      expect(panel).to.include(`Khách hàng ${detail.info.partner!.name}`);
      const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
      expect(panel).to.include(`Doanh số ${vnd.format(detail.info.revenue!)}`.replace(/\s+/g, ' '));
      expect(button(el, 'Thông tin').getAttribute('aria-expanded')).to.equal('true');
    });

    it('should put a chosen template into the composer and fire chatomni-message-template', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      button(el, 'Tin nhắn').click();
      await waitUntil(() => $$(el, '.templates button').length > 0, 'no templates');
      const templates = await s.getTemplates();
      const event = oneEvent(el, 'chatomni-message-template');
      $$(el, '.templates button')[0]!.click();
      const { detail } = await event;
      await settled(el);
      expect(detail.template).to.deep.equal(templates[0]);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal(templates[0]!.body);
      expect($(el, '[part="panel"]')).to.equal(null);
    });

    it('should keep the composer when the page cancels the template', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await thread(s, s.visibleConversations()[0]!.id);
      el.addEventListener('chatomni-message-template', (e) => e.preventDefault());
      button(el, 'Tin nhắn').click();
      await waitUntil(() => $$(el, '.templates button').length > 0, 'no templates');
      $$(el, '.templates button')[0]!.click();
      await settled(el);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
    });
  });

  describe('sending and comments', () => {
    it('should clear the composer and send nothing when the page takes chatomni-send', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      const el = await thread(s, c.id);
      el.addEventListener('chatomni-send', (e) => e.preventDefault());
      const area = $<HTMLTextAreaElement>(el, 'textarea')!;
      area.value = '  Dạ vâng ';
      area.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      const event = oneEvent(el, 'chatomni-send');
      area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      const { detail } = await event;
      await settled(el);
      expect(detail.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
      expect({ ...detail, idempotencyKey: '' }).to.deep.equal({
        conversationId: c.id,
        pageId: c.pageId,
        psid: c.psid,
        kind: 'text',
        text: 'Dạ vâng',
        idempotencyKey: '',
      });
      expect(area.value).to.equal('');
      expect($(el, '[part~="outgoing"]')).to.equal(null);
      expect(s.sending.outgoing(c.id)).to.deep.equal([]);
    });

    it('should reply to a comment and show the reply under it', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = withComments(s);
      const el = await thread(s, c.id);
      const top = await emitInto(sim, el, c.id, { kind: 'comment', text: 'Ship Hà Nội không?' });
      const node = msg(el, top)!;
      [...node.querySelectorAll('button')].find((b) => text(b) === 'Trả lời')!.click();
      await el.updateComplete;
      const input = node.querySelector<HTMLInputElement>('.reply-box input')!;
      input.value = 'Dạ có ạ';
      input.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      node.querySelector<HTMLButtonElement>('.reply-box button')!.click();
      await waitUntil(() => $(el, '.reply-box') === null, 'reply box still open', {
        timeout: 8000,
      });
      await waitUntil(
        () => [...node.querySelectorAll('.replies .text')].some((t) => text(t) === 'Dạ có ạ'),
        'reply not shown',
        { timeout: 8000 },
      );
    });

    it('should hide a comment: dimmed with "Đã ẩn", and show it again', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = withComments(s);
      const el = await thread(s, c.id);
      const top = await emitInto(sim, el, c.id, { kind: 'comment', text: 'Spam' });
      const node = () => msg(el, top)!;
      const action = (label: string) =>
        [...node().querySelectorAll('button')].find((b) => text(b) === label)!;
      action('Ẩn').click();
      await waitUntil(() => node().classList.contains('hidden'), 'not hidden', { timeout: 8000 });
      await settled(el);
      expect(text(node().querySelector('.hidden-label'))).to.equal('Đã ẩn');
      expect(getComputedStyle(node().querySelector('.bubble')!).opacity).to.equal('0.55');
      action('Hiện').click();
      await waitUntil(() => !node().classList.contains('hidden'), 'still hidden', {
        timeout: 8000,
      });
    });
  });

  describe('hostile content', () => {
    it('should show HTML as text and run nothing', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const w = window as unknown as { pwned?: number };
      const name = '<img src=x onerror="window.pwned=1">';
      const body = '<img src=x onerror="window.pwned=2"><script>window.pwned=3</script>';
      const sent = await emit(sim, {
        newConversation: true,
        name,
        text: body,
        attachments: [{ type: 'file', url: 'javascript:window.pwned=4' }],
      });
      await waitUntil(() => s.conversation(sent.ConversationId), 'no conversation', {
        timeout: 8000,
      });
      const el = await thread(s, sent.ConversationId);
      // Asserts that nothing runs: a short settle gives an injected onerror its chance.
      await aTimeout(50);
      expect(text($(el, 'header [part="name"]'))).to.equal(name);
      const node = msg(el, sent)!;
      expect(text(node.querySelector('.text'))).to.equal(body);
      expect(text(node.querySelector('.invalid'))).to.equal('[tệp đính kèm không hợp lệ]');
      expect(shadow(el).querySelector('script, img[src="x"], a[href^="javascript"]')).to.equal(
        null,
      );
      expect(w.pwned).to.equal(undefined);
    });
  });

  describe('languages', () => {
    it('should speak English with lang="en"', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await thread(s, s.visibleConversations()[0]!.id, 'en');
      expect($$(el, 'header button').map((b) => text(b))).to.deep.equal([
        'Create order',
        'Info',
        'Templates',
      ]);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.placeholder).to.equal('Type a message…');
      expect(text($(el, '[part="attach"]'))).to.equal('Attach an image');
      expect(text($(el, '[part="send"]'))).to.equal('Send');
    });
  });
});
