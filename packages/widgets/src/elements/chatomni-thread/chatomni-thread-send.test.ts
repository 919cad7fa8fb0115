import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { msg } from '../../i18n/i18n.js';
import { SEND_ERROR_CODES, type SendErrorCode } from '../../model/index.js';
import type { ChatSession } from '../../session/session.js';
import {
  control,
  emit,
  idsOf,
  settled,
  signedInThroughProxy,
  startProxied,
  stopProxied,
  text,
  type ProxiedSim,
} from '../../../test/support/harness.js';
import {
  $,
  $$,
  DAY,
  bubblesWithText,
  delivered,
  graphSends,
  openThread,
  openWindow,
  paste,
  pick,
  png,
  pressSend,
  sampleEachFrame,
  statusOf,
  type,
  withSendKeys,
} from '../../../test/support/sending.js';
import type { ChatomniThread } from './chatomni-thread.js';
import { sendReason } from './thread-outbox.js';
import './chatomni-thread.js';

/** Sends `body` and waits until its bubble failed; returns its status line. */
/** Waits until the bubble of `body` says it was not sent; returns its status line. */
async function failureOf(el: ChatomniThread, body: string, timeout = 10_000): Promise<string> {
  await waitUntil(
    () => statusOf(bubblesWithText(el, body)[0]).startsWith('Chưa gửi được'),
    `"${body}" did not fail`,
    { timeout },
  );
  return statusOf(bubblesWithText(el, body)[0]);
}

async function failedWith(el: ChatomniThread, body: string): Promise<string> {
  await type(el, body);
  await pressSend(el);
  return failureOf(el, body);
}

const button = (node: Element, label: string) =>
  [...node.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);

describe('<chatomni-thread> sending (through the proxy in workerd)', () => {
  let stack: ProxiedSim;
  before(async () => {
    // The simulated history ended ten days ago: every window is closed and every generated
    // comment too old for a private reply, until a test has the customer write.
    stack = await startProxied({ now: Date.now() - 10 * DAY });
  });
  after(() => stopProxied(stack));
  beforeEach(async () => {
    await control(stack, 'graph/reset', {});
    await control(stack, 'graph/clear-faults', {});
  });

  describe('a Messenger text', () => {
    it('should show "Đang gửi…" at once, then "Đã gửi", then the echo in its place, once', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, id } = await openWindow(stack, s);
      // A slow Facebook, so that "Đang gửi…" stays long enough to be seen.
      await control(stack, 'graph/fail', { delayMs: 600 });
      const body = `Dạ còn ạ ${Date.now()}`;
      await type(el, body);
      const frames = sampleEachFrame(el, body);
      await pressSend(el);
      const [pending] = bubblesWithText(el, body);
      expect(pending!.dataset['outgoing']).to.match(/^out-/);
      expect(statusOf(pending)).to.equal('Đang gửi…');
      expect(pending!.getAttribute('aria-busy')).to.equal('true');
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
      const shown = await delivered(el, body);
      frames.stop();
      expect(frames.samples.length).to.be.greaterThan(5);
      expect([...new Set(frames.samples)]).to.deep.equal([1]);
      const graph = await graphSends(stack);
      expect(graph.succeeded).to.equal(1);
      expect(graph.sends[0]!.text).to.equal(body);
      const stored = s.thread(id)!.messages.find((m) => m.id === shown.dataset['id'])!;
      expect(stored.externalId).to.equal(graph.sends[0]!.messageId);
      expect(s.sending.outgoing(id)).to.deep.equal([]);
      expect(s.conversation(id)!.lastMessage).to.deep.include({ text: body, isOwner: true });
    });

    it('should reconcile with an echo that only a poll brings (sockets down)', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, id } = await openWindow(stack, s, 1);
      s.disconnect();
      await waitUntil(() => s.status.polling, 'polling');
      const body = `Dạ shop gửi giá ${Date.now()}`;
      await type(el, body);
      await pressSend(el);
      const shown = await delivered(el, body);
      const ids = s.thread(id)!.messages.map((m) => m.id);
      expect(ids.filter((x) => x === shown.dataset['id'])).to.have.length(1);
      expect((await graphSends(stack)).succeeded).to.equal(1);
    });

    it('should fire a cancelable chatomni-send with everything a page needs first', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, id } = await openWindow(stack, s);
      const c = s.conversation(id)!;
      await withSendKeys(async (keys) => {
        await type(el, '  Dạ vâng ạ  ');
        const event = oneEvent(el, 'chatomni-send');
        await pressSend(el);
        const { detail } = await event;
        expect(detail).to.deep.include({
          conversationId: id,
          kind: 'text',
          pageId: c.pageId,
          psid: c.psid,
          text: 'Dạ vâng ạ',
        });
        await delivered(el, 'Dạ vâng ạ');
        expect(keys.keys).to.deep.equal([detail.idempotencyKey]);
      });
    });

    it('should count characters near the limit and refuse more than 2,000 before sending', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      await type(el, 'a'.repeat(1799));
      expect($(el, '[part="counter"]')).to.equal(null);
      // An emoji is one character for Facebook (two UTF-16 units).
      await type(el, `${'a'.repeat(1799)}👍`);
      expect(text($(el, '[part="counter"]'))).to.equal('1.800/2.000 ký tự');
      await type(el, `${'a'.repeat(1999)}👍`);
      expect($<HTMLButtonElement>(el, '[part="send"]')!.disabled).to.equal(false);
      await type(el, `${'a'.repeat(2000)}👍`);
      expect(text($(el, '[part="counter"]'))).to.equal('2.001/2.000 ký tự');
      expect($(el, '[part="counter"]')!.classList.contains('error')).to.equal(true);
      expect($<HTMLButtonElement>(el, '[part="send"]')!.disabled).to.equal(true);
      $<HTMLTextAreaElement>(el, 'textarea')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter' }),
      );
      await el.updateComplete;
      expect(text($(el, '[part="composer-error"]'))).to.equal('Tin nhắn dài quá 2.000 ký tự.');
      expect($$(el, '[part~="outgoing"]')).to.have.length(0);
      expect((await graphSends(stack)).received).to.equal(0);
    });
  });

  describe('failures and "Thử lại"', () => {
    it('should show the translated reason and retry with the same idempotency key', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      await control(stack, 'graph/fail', { error: { code: 613 } });
      await withSendKeys(async (keys) => {
        const body = `Thử lại nhé ${Date.now()}`;
        expect(await failedWith(el, body)).to.equal(
          'Chưa gửi được: Facebook đang giới hạn số tin nhắn trang được gửi. Thử lại sau 1 phút.',
        );
        const node = bubblesWithText(el, body)[0]!;
        button(node, 'Thử lại')!.click();
        await delivered(el, body);
        expect(keys.keys).to.have.length(2);
        expect(keys.keys[1]).to.equal(keys.keys[0]);
        const graph = await graphSends(stack);
        expect([graph.received, graph.succeeded]).to.deep.equal([2, 1]);
      });
    });

    it('should retry a timed-out send with the same key and post it once', async () => {
      const s = await signedInThroughProxy(stack, { sendTimeout: 1000 });
      const { el } = await openWindow(stack, s);
      // Facebook answers after the browser gave up: the retry gets the first answer.
      await control(stack, 'graph/fail', { delayMs: 1800 });
      await withSendKeys(async (keys) => {
        const body = `Chậm mà chắc ${Date.now()}`;
        await type(el, body);
        await pressSend(el);
        await delivered(el, body);
        expect(keys.keys.length).to.be.greaterThan(1);
        expect(new Set(keys.keys).size).to.equal(1);
        expect((await graphSends(stack)).received).to.equal(1);
      });
    });

    it('should not leave a send cut by a refused token pending, and retry it once', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      // Facebook is slow (within the proxy's 3 s), so that the send is still on its way when
      // the token is refused.
      await control(stack, 'graph/fail', { delayMs: 2500 });
      await withSendKeys(async (keys) => {
        const body = `Giữa chừng hết phiên ${Date.now()}`;
        await type(el, body);
        await pressSend(el);
        // The session's token stops working while the send is on its way: it aborts requests.
        await control(stack, 'expire-tokens', {});
        await waitUntil(() => s.auth === 'auth-required', 'auth-required', { timeout: 8000 });
        expect(await failureOf(el, body)).to.equal(
          `Chưa gửi được: ${msg('vi', 'send.unauthorized')}`,
        );
        await s.login('demo', 'demo123');
        button(bubblesWithText(el, body)[0]!, 'Thử lại')!.click();
        await delivered(el, body);
        expect(new Set(keys.keys).size).to.equal(1);
        expect((await graphSends(stack)).succeeded).to.equal(1);
      });
    });

    it('should let the echo of an unconfirmed send take its place', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      // Facebook posts the message, then its answer is lost.
      await control(stack, 'graph/fail', { hang: true, afterSend: true });
      const body = `Không rõ đã gửi ${Date.now()}`;
      await type(el, body);
      await pressSend(el);
      await delivered(el, body);
      expect((await graphSends(stack)).received).to.equal(1);
    });

    it('should check for the echo of an unconfirmed send, then say "Gửi lại"; "Bỏ" removes it', async function () {
      this.timeout(40_000);
      const s = await signedInThroughProxy(stack);
      const { el, id } = await openWindow(stack, s);
      // Nothing was posted, but the proxy cannot know: the answer never came.
      await control(stack, 'graph/fail', { hang: true });
      const body = `Treo ${Date.now()}`;
      await type(el, body);
      await pressSend(el);
      // First it looks for the echo (a copy sent meanwhile could be posted twice).
      await waitUntil(
        () => statusOf(bubblesWithText(el, body)[0]) === msg('vi', 'sendChecking'),
        'checking for the echo',
        { timeout: 15_000 },
      );
      expect(button(bubblesWithText(el, body)[0]!, 'Gửi lại')).to.equal(undefined);
      // No echo found.
      expect(await failureOf(el, body, 15_000)).to.equal(
        `Chưa gửi được: ${msg('vi', 'send.send_unconfirmed')}`,
      );
      const node = bubblesWithText(el, body)[0]!;
      expect(button(node, 'Thử lại')).to.equal(undefined);
      expect(button(node, 'Gửi lại')).to.not.equal(undefined);
      button(node, 'Bỏ')!.click();
      await settled(el);
      expect(bubblesWithText(el, body)).to.have.length(0);
      expect(s.sending.outgoing(id)).to.deep.equal([]);
    });

    it('should translate what Facebook refuses (window, blocked, token, invalid, permission)', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      const cases: [Record<string, unknown>, SendErrorCode][] = [
        [{ code: 10, subcode: 2018278 }, 'outside_window'],
        [{ code: 551 }, 'recipient_unavailable'],
        [{ code: 190 }, 'page_token_invalid'],
        [{ code: 100 }, 'message_invalid'],
        [{ code: 200 }, 'permission_denied'],
      ];
      for (const [error, code] of cases) {
        await control(stack, 'graph/fail', { error });
        const status = await failedWith(el, `Lỗi ${code} ${Date.now()}`);
        expect(status).to.equal(`Chưa gửi được: ${msg('vi', `send.${code}`)}`);
      }
      expect(msg('vi', 'send.page_token_invalid')).to.include('kết nối lại trang trong TPOS');
    });

    it('should refuse a conversation outside the 24-hour window with the plain reason', async () => {
      const s = await signedInThroughProxy(stack, {});
      const quiet = s
        .visibleConversations()
        .filter((c) => c.kinds.includes('message'))
        .at(-1)!;
      const el = await openThread(s, quiet.id);
      const status = await failedWith(el, `Ngoài 24 giờ ${Date.now()}`);
      expect(status).to.equal(
        'Chưa gửi được: Khách nhắn lần cuối hơn 24 giờ trước: Facebook chỉ cho trang trả lời khi khách nhắn lại.',
      );
      expect((await graphSends(stack)).succeeded).to.equal(0);
    });

    it('should have a reason for every error code, in Vietnamese and English', () => {
      const t =
        (lang: 'vi' | 'en') =>
        (k: Parameters<typeof msg>[1], ...a: (string | number)[]) =>
          msg(lang, k, ...a);
      for (const lang of ['vi', 'en'] as const) {
        const reasons = SEND_ERROR_CODES.map((code) => sendReason(t(lang), code));
        expect(new Set(reasons).size, lang).to.equal(SEND_ERROR_CODES.length);
        for (const r of reasons) expect(r).to.match(/^\p{Lu}.{10,}[.)]$/u);
      }
      expect(sendReason(t('vi'), 'rate_limited', 45)).to.equal(
        'Facebook đang giới hạn số tin nhắn trang được gửi. Thử lại sau 45 giây.',
      );
      expect(sendReason(t('en'), 'rate_limited', 120)).to.equal(
        'Facebook is limiting how many messages the page may send. Retry in 2 min.',
      );
      expect(sendReason(t('en'), 'rate_limited')).to.equal(
        'Facebook is limiting how many messages the page may send. Retry in a few minutes.',
      );
      expect(sendReason(t('en'), 'outside_window')).to.equal(
        'The customer last wrote more than 24 h ago: Facebook lets the page answer only once the customer writes again.',
      );
      expect(sendReason(t('en'), 'recipient_unavailable')).to.equal(
        'The customer cannot receive messages (blocked the page or turned messages off).',
      );
      expect(sendReason(t('en'), 'page_token_invalid')).to.equal(
        "The page's Facebook connection has expired: reconnect the page in TPOS.",
      );
    });
  });

  describe('images', () => {
    it('should preview an attached image, send it and show it once, keeping the preview', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, id } = await openWindow(stack, s);
      await pick(el, await png('bang-gia.png'));
      await waitUntil(() => $(el, '[part="attachment"] img'), 'no preview');
      const preview = $<HTMLImageElement>(el, '[part="attachment"] img')!;
      expect(preview.src).to.match(/^blob:/);
      expect(preview.alt).to.equal('Ảnh sẽ gửi: bang-gia.png');
      const event = oneEvent(el, 'chatomni-send');
      await pressSend(el);
      const { detail } = await event;
      expect([detail.kind, detail.text, detail.fileName]).to.deep.equal([
        'image',
        '',
        'bang-gia.png',
      ]);
      expect(detail.image!.size).to.be.greaterThan(0);
      expect($(el, '[part="attachment"]')).to.equal(null);
      await waitUntil(
        () => {
          const sent = s
            .thread(id)!
            .messages.filter((m) => s.sending.sentAs(m.id)?.kind === 'image');
          return sent.length === 1 && s.sending.outgoing(id).length === 0;
        },
        'the image echo',
        { timeout: 10_000 },
      );
      const images = $$(el, '.msg.out img').filter((img) =>
        img.getAttribute('src')!.startsWith('blob:'),
      );
      expect(images).to.have.length(1);
      const graph = await graphSends(stack);
      expect([graph.succeeded, graph.sends[0]!.kind]).to.deep.equal([1, 'image']);
    });

    it('should take a pasted image', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      paste(el, await png('clipboard.png'));
      await waitUntil(() => $(el, '[part="attachment"] img'), 'no preview');
      expect($<HTMLImageElement>(el, '[part="attachment"] img')!.alt).to.equal(
        'Ảnh sẽ gửi: clipboard.png',
      );
    });

    it('should refuse another type or more than 8 MB before any upload', async () => {
      const s = await signedInThroughProxy(stack);
      const { el } = await openWindow(stack, s);
      await withSendKeys(async (keys) => {
        // Named and typed as a PNG, but its bytes are text.
        await pick(el, new File(['not an image'], 'fake.png', { type: 'image/png' }));
        await waitUntil(() => $(el, '[part="composer-error"]'), 'no refusal');
        expect(text($(el, '[part="composer-error"]'))).to.equal(
          'Chỉ gửi được ảnh JPEG, PNG, GIF hoặc WebP.',
        );
        expect($(el, '[part="attachment"]')).to.equal(null);
        const head = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const big = new File([head, new Uint8Array(8 * 1024 * 1024)], 'big.png');
        await pick(el, big);
        await waitUntil(() => text($(el, '[part="composer-error"]')).includes('8 MB'), 'no 8 MB');
        expect(text($(el, '[part="composer-error"]'))).to.equal(
          'Ảnh lớn hơn 8 MB: chọn ảnh nhỏ hơn.',
        );
        expect($<HTMLButtonElement>(el, '[part="send"]')!.disabled).to.equal(true);
        expect(keys.keys).to.deep.equal([]);
        expect((await graphSends(stack)).received).to.equal(0);
      });
    });
  });

  describe('drafts', () => {
    it('should keep text and image per conversation while the seller switches', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, id: a } = await openWindow(stack, s);
      const b = s.visibleConversations().find((c) => c.id !== a)!.id;
      await type(el, 'Nháp cho chị A');
      await pick(el, await png('a.png'));
      await waitUntil(() => $(el, '[part="attachment"] img'), 'no preview');
      const previewA = $<HTMLImageElement>(el, '[part="attachment"] img')!.src;
      s.select(b);
      await waitUntil(() => s.thread(b)?.messages.length, 'thread b');
      await settled(el);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
      expect($(el, '[part="attachment"]')).to.equal(null);
      await type(el, 'Nháp cho anh B');
      s.select(a);
      await settled(el);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('Nháp cho chị A');
      expect($<HTMLImageElement>(el, '[part="attachment"] img')!.src).to.equal(previewA);
      s.select(b);
      await settled(el);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('Nháp cho anh B');
      expect((await graphSends(stack)).received).to.equal(0);
    });
  });

  describe('"Nhắn riêng" (private reply to a comment)', () => {
    /** A fresh customer comment in a conversation with comments, shown in the thread. */
    async function freshComment(s: ChatSession) {
      const c = s.visibleConversations().find((x) => x.kinds.includes('comment'))!;
      const el = await openThread(s, c.id);
      const top = await emit(stack, { conversationId: c.id, kind: 'comment', text: 'Ib em nhé' });
      // Pushed: shown under its socket id (another one than its REST id in `recorded`).
      const shown = idsOf(top)
        .map((id) => `[data-id="${id}"]`)
        .join();
      await waitUntil(() => $(el, shown), 'comment shown', { timeout: 8000 });
      await settled(el);
      const node = () => $(el, shown)!;
      const action = () => node().querySelector<HTMLButtonElement>('[part="private-reply"]')!;
      return { el, c, top, node, action };
    }

    it('should send one private reply, then disable "Nhắn riêng" with the reason', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, c, top, node, action } = await freshComment(s);
      expect(action().getAttribute('aria-disabled')).to.equal('false');
      action().click();
      await el.updateComplete;
      const box = node().querySelector('[part="private-reply-box"]')!;
      expect(text(box.querySelector('.hint'))).to.equal(msg('vi', 'privateReplyNote'));
      const input = box.querySelector('input')!;
      input.value = 'Dạ em nhắn riêng chị ạ';
      input.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      const event = oneEvent(el, 'chatomni-send');
      box.querySelector<HTMLButtonElement>('button')!.click();
      const { detail } = await event;
      const comment = s.thread(c.id)!.messages.find((m) => idsOf(top).includes(m.id))!;
      expect([detail.kind, detail.commentId]).to.deep.equal(['private-reply', comment.commentId]);
      await el.updateComplete;
      expect(node().querySelector('[part="private-reply-box"]')).to.equal(null);
      expect(action().getAttribute('aria-disabled')).to.equal('true');
      expect(action().title).to.equal(msg('vi', 'privateReply.sent'));
      await delivered(el, 'Dạ em nhắn riêng chị ạ');
      const graph = await graphSends(stack);
      expect(graph.sends.map((x) => [x.kind, x.recipient.comment_id])).to.deep.equal([
        ['private-reply', comment.commentId],
      ]);
      // Disabled means disabled: a click opens nothing.
      action().click();
      await el.updateComplete;
      expect(node().querySelector('[part="private-reply-box"]')).to.equal(null);
    });

    it('should map reply_already_sent (replied from elsewhere) and disable the action', async () => {
      const s = await signedInThroughProxy(stack);
      const { el, node, action } = await freshComment(s);
      await control(stack, 'graph/fail', { error: { code: 10900 } });
      action().click();
      await el.updateComplete;
      const input = node().querySelector<HTMLInputElement>('[part="private-reply-box"] input')!;
      input.value = 'Chị ơi';
      input.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      node().querySelector<HTMLButtonElement>('[part="private-reply-box"] button')!.click();
      await waitUntil(() => statusOf(bubblesWithText(el, 'Chị ơi')[0]).startsWith('Chưa'), 'fail');
      expect(statusOf(bubblesWithText(el, 'Chị ơi')[0])).to.equal(
        `Chưa gửi được: ${msg('vi', 'send.reply_already_sent')}`,
      );
      expect(action().getAttribute('aria-disabled')).to.equal('true');
      expect(action().title).to.equal(msg('vi', 'privateReply.sent'));
    });

    it('should disable "Nhắn riêng" on comments over 7 days old, saying why', async () => {
      const s = await signedInThroughProxy(stack);
      const c = s.visibleConversations().find((x) => x.kinds.includes('comment'))!;
      const el = await openThread(s, c.id);
      const old = s
        .thread(c.id)!
        .messages.find(
          (m) => m.kind === 'comment' && !m.isOwner && Date.now() - m.createdAt > 8 * 86_400_000,
        );
      expect(old, 'an old customer comment in the simulated history').to.not.equal(undefined);
      const button = $(el, `[data-id="${old!.id}"] [part="private-reply"]`)!;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      // A REST comment of the recorded profile has no Facebook comment id (docs/tpos-protocol.md
      // §7.3): that reason comes first.
      expect(button.title).to.equal(
        stack.profile === 'recorded'
          ? msg('vi', 'privateReply.no-comment-id')
          : 'Bình luận đã quá 7 ngày: Facebook không cho nhắn riêng nữa',
      );
    });
  });
});

describe('<chatomni-thread> sending against the recorded profile', () => {
  let stack: ProxiedSim;
  before(async () => {
    stack = await startProxied({ profile: 'recorded', now: Date.now() - 10 * DAY });
  });
  after(() => stopProxied(stack));

  it('should reconcile with the socket echo (its Data.id is the message id)', async () => {
    const s = await signedInThroughProxy(stack);
    const { el, id } = await openWindow(stack, s);
    const body = `Recorded socket ${Date.now()}`;
    await type(el, body);
    await pressSend(el);
    const shown = await delivered(el, body);
    const stored = s.thread(id)!.messages.find((m) => m.id === shown.dataset['id'])!;
    const graph = await graphSends(stack);
    expect(stored.externalId).to.equal(graph.sends.at(-1)!.messageId);
  });

  it('should reconcile with a polled echo that has neither Data nor the m_ id', async () => {
    const s = await signedInThroughProxy(stack);
    const { el, id } = await openWindow(stack, s);
    s.disconnect();
    await waitUntil(() => s.status.polling, 'polling');
    const body = `Recorded poll ${Date.now()}`;
    const frames = sampleEachFrame(el, body);
    await type(el, body);
    await pressSend(el);
    const shown = await delivered(el, body);
    frames.stop();
    expect([...new Set(frames.samples.slice(1))]).to.deep.equal([1]);
    const stored = s.thread(id)!.messages.find((m) => m.id === shown.dataset['id'])!;
    expect(stored.externalId).to.equal(undefined);
    expect(s.thread(id)!.messages.filter((m) => m.text === body)).to.have.length(1);
  });
});
