/**
 * What the inbox shows where the real TPOS sends less than the simulator's rich profile
 * (docs/tpos-protocol.md §7): run in both profiles, branching where they differ.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ChatSession } from '../../session/session.js';
import type { SessionConfig } from '../../model/index.js';
import { emit, settled, shadow, signedIn, startSim, text } from '../../../test/support/harness.js';
import type { ChatomniInbox } from './chatomni-inbox.js';
import './chatomni-inbox.js';

const rows = (el: ChatomniInbox) => [
  ...shadow(el).querySelectorAll<HTMLElement>('[role="option"]'),
];
const button = (el: ChatomniInbox, label: string) =>
  [...shadow(el).querySelectorAll('button')].find((b) => text(b) === label)!;
const footer = (el: ChatomniInbox) => shadow(el).querySelector('[part="list-footer"]');

async function inbox(s: ChatSession, lang = 'vi'): Promise<ChatomniInbox> {
  const el = await fixture<ChatomniInbox>(
    html`<chatomni-inbox lang=${lang} style="height:600px" session=${s.name}></chatomni-inbox>`,
  );
  await waitUntil(() => rows(el).length > 0, 'no rows', { timeout: 8000 });
  return el;
}

async function signedInWith(conversations: number, config: Partial<SessionConfig> = {}) {
  const sim = await startSim({ conversations });
  return { sim, s: await signedIn(sim, config) };
}

describe('<chatomni-inbox> against what TPOS records', () => {
  it('says that only the newest are shown when the server gives no more (§7.1)', async () => {
    const { sim, s } = await signedInWith(260, { listLimits: [120, 200], maxListLimit: 200 });
    for (const lang of ['vi', 'en']) {
      const el = await inbox(s, lang);
      while (s.hasMoreConversations) await s.loadMoreConversations();
      await settled(el);
      if (sim.profile === 'rich') {
        // Paged with the cursor to the end: nothing is missing, nothing to say.
        expect([s.visibleConversations().length, footer(el)]).to.deep.equal([260, null]);
      } else {
        expect(text(footer(el))).to.equal(
          lang === 'vi'
            ? 'Chỉ hiển thị 200 cuộc hội thoại mới nhất: máy chủ không trả thêm.'
            : 'Only the newest 200 conversations are shown: the server gives no more.',
        );
      }
      el.remove();
    }
  });

  it('keeps the rows the server returned for "Có đơn" (§7.2)', async () => {
    const { s } = await signedInWith(120);
    const el = await inbox(s);
    button(el, 'Có đơn').click();
    await waitUntil(() => s.listState.loaded && !s.listState.loading, 'filtered');
    await settled(el);
    expect(s.visibleConversations().length).to.be.greaterThan(0);
    expect(rows(el).length).to.equal(Math.min(s.visibleConversations().length, rows(el).length));
    expect(rows(el).length).to.be.greaterThan(0);
  });

  it('claims no owner, attachment or address the list did not tell (§7.7)', async () => {
    const { sim, s } = await signedInWith(50);
    const el = await inbox(s);
    await settled(el);
    let you = 0;
    let pins = 0;
    for (const row of rows(el)) {
      const c = s.visibleConversations()[Number(row.dataset['index'])]!;
      const last = text(row.querySelector('.last'));
      expect(last.startsWith('Bạn: '), last).to.equal(c.lastMessage?.isOwner === true);
      expect(row.querySelector('[title="Có địa chỉ"]') !== null).to.equal(c.hasAddress === true);
      if (c.lastMessage?.text === '') {
        const shown = c.lastMessage.hasAttachment
          ? '[Tệp đính kèm]'
          : c.lastMessage.hasAttachment === false
            ? ''
            : 'Không có nội dung chữ';
        expect(last.replace(/^Bạn: /, '')).to.equal(shown);
      }
      if (last.startsWith('Bạn: ')) you++;
      if (c.hasAddress) pins++;
    }
    if (sim.profile === 'recorded') {
      // The recorded list has no IsOwner and no HasAddress: no row may claim either.
      expect([you, pins]).to.deep.equal([0, 0]);
    } else {
      expect(you).to.be.greaterThan(0);
      expect(pins).to.be.greaterThan(0);
    }
  });

  it('keeps a pushed comment as the row’s preview across a refresh (§7.7)', async () => {
    const { sim, s } = await signedInWith(120);
    const el = await inbox(s);
    const target = s
      .visibleConversations()
      .find((c) => c.kinds.includes('comment') && c.kinds.includes('message'))!;
    await emit(sim, { conversationId: target.id, kind: 'message', text: 'Tin nhắn trước' });
    await emit(sim, { conversationId: target.id, kind: 'comment', text: 'Bình luận sau' });
    await waitUntil(() => s.visibleConversations()[0]?.lastMessage?.text === 'Bình luận sau');
    await s.refresh();
    await settled(el);
    const row = rows(el).find((r) => r.dataset['index'] === '0')!;
    expect(text(row.querySelector('.kind'))).to.equal('Bình luận:');
    expect(text(row.querySelector('.last'))).to.equal('Bình luận sau');
  });
});
