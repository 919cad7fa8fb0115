/**
 * What the thread shows where the real TPOS sends less than the simulator's rich profile
 * (docs/tpos-protocol.md §7.3, §7.6): run in both profiles, branching where they differ.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ChatSession } from '../../session/session.js';
import {
  control,
  idle,
  settled,
  shadow,
  signedIn,
  startSim,
  text,
} from '../../../test/support/harness.js';
import type { ChatomniThread } from './chatomni-thread.js';
import './chatomni-thread.js';

const $ = (el: ChatomniThread, sel: string) => shadow(el).querySelector<HTMLElement>(sel);

async function thread(s: ChatSession, id: string, lang = 'vi'): Promise<ChatomniThread> {
  s.select(id);
  const el = await fixture<ChatomniThread>(
    html`<chatomni-thread lang=${lang} style="height:500px" session=${s.name}></chatomni-thread>`,
  );
  await waitUntil(() => (s.thread(id)?.messages.length ?? 0) > 0, 'no thread', { timeout: 8000 });
  await settled(el);
  return el;
}

const withComments = (s: ChatSession) =>
  s.visibleConversations().find((c) => c.kinds.includes('comment'))!;

describe('<chatomni-thread> against what TPOS records', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`disables reply and hide of a comment without a Facebook id, saying why (${lang})`, async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = withComments(s);
      const el = await thread(s, c.id, lang);
      const comment = s.thread(c.id)!.messages.find((m) => m.kind === 'comment' && !m.isOwner)!;
      const node = $(el, `[data-id="${comment.id}"]`)!;
      const [reply, hide] = [...node.querySelectorAll<HTMLButtonElement>(':scope > .meta button')];
      const why =
        lang === 'vi'
          ? 'Chưa có mã bình luận Facebook cho bình luận này, nên chưa trả lời hay ẩn được.'
          : 'No Facebook comment id for this comment yet, so it cannot be replied to or hidden.';
      if (sim.profile === 'rich') {
        // The rich REST comment carries its Facebook id.
        expect([reply!.getAttribute('aria-disabled'), reply!.title]).to.deep.equal([null, '']);
        return;
      }
      for (const b of [reply!, hide!]) {
        expect([b.getAttribute('aria-disabled'), b.title]).to.deep.equal(['true', why]);
      }
      reply!.click();
      await settled(el);
      expect($(el, '.reply-box')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('shows an order whose code could not be read as such, with no invented code (§7.6)', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const c = withComments(s);
    const el = await thread(s, c.id);
    await idle(s);
    s.disconnect();
    await control(sim, 'fail', { route: 'GetCommentOrders', status: 500, count: 10 });
    await control(sim, 'fail', { route: 'chatomni/info', status: 500, count: 10 });
    const created = oneEvent(el, 'chatomni-order-created');
    [...shadow(el).querySelectorAll('button')].find((b) => text(b) === 'Tạo đơn hàng')!.click();
    const { detail } = await created;
    await settled(el);
    await control(sim, 'clear-faults', {});
    const banner = text($(el, '[part="banner"] span'));
    const code = text($(el, 'header [part="order-code"]'));
    if (sim.profile === 'rich') {
      // The rich answer carries Code: shown at once.
      expect(banner).to.equal(`Đã tạo đơn #${detail.order.index}. ${detail.order.code}`);
    } else {
      expect([detail.order.code, banner, code]).to.deep.equal([
        '',
        'Đã tạo đơn, chưa lấy được mã đơn',
        'Đơn mới (chưa có mã)',
      ]);
    }
  });
});
