import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ChatSession } from '../../session/session.js';
import {
  emit,
  scrollAsUser,
  settled,
  shadow,
  signedIn,
  startSim,
  type Sim,
} from '../../../test/support/harness.js';
import { ROW_HEIGHT, type ChatomniInbox } from './chatomni-inbox.js';
import './chatomni-inbox.js';

const rows = (el: ChatomniInbox) => [
  ...shadow(el).querySelectorAll<HTMLElement>('[role="option"]'),
];
const list = (el: ChatomniInbox) => shadow(el).querySelector<HTMLElement>('.list')!;
const rowAt = (el: ChatomniInbox, index: number) =>
  rows(el).find((r) => r.dataset['index'] === String(index));

/** An inbox 600px high (8 visible rows) whose pictures come from `avatars` on the simulator. */
async function inbox(sim: Sim, s: ChatSession, avatars: string): Promise<ChatomniInbox> {
  const el = await fixture<ChatomniInbox>(
    html`<chatomni-inbox
      style="height:600px"
      session=${s.name}
      avatar-url-template=${`${sim.restUrl}/${avatars}/{psid}.png`}
    ></chatomni-inbox>`,
  );
  await waitUntil(() => rows(el).length > 0, 'no rows', { timeout: 8000 });
  return el;
}

describe('<chatomni-inbox> while scrolling and updating', () => {
  it('keeps the DOM of the rows that did not change when a conversation moves to the top', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await inbox(sim, s, 'keep');
    const before = s.visibleConversations();
    const staying = before[2]!;
    const row = rowAt(el, 2)!;
    const name = row.querySelector('.name')!;
    const sent = await emit(sim, { conversationId: before[6]!.id, text: 'Lên đầu' });
    await waitUntil(() => s.visibleConversations()[0]?.id === sent.ConversationId, 'no event');
    await settled(el);
    // One row above it now: the same element, moved down one place, its content untouched.
    const moved = rowAt(el, 3)!;
    expect(moved).to.equal(row);
    expect(moved.querySelector('.name')).to.equal(name);
    expect(name.textContent).to.equal(staying.name);
    expect(moved.style.transform).to.equal(`translateY(${3 * ROW_HEIGHT}px)`);
  });

  it('asks for no new pictures while flung, and for the visible ones once it settles', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await inbox(sim, s, 'fling');
    expect(rowAt(el, 0)!.querySelector('img')).to.not.equal(null);
    // 1,500 px within one frame: far above reading speed.
    await scrollAsUser(list(el), 1500);
    await el.updateComplete;
    const first = Math.floor(1500 / ROW_HEIGHT);
    const flown = rows(el).filter((r) => Number(r.dataset['index']) >= first);
    expect(flown.length).to.be.greaterThan(5);
    expect(flown.map((r) => r.querySelector('img'))).to.deep.equal(flown.map(() => null));
    await waitUntil(() => rowAt(el, first)?.querySelector('img'), 'no picture after settling');
    const img = rowAt(el, first)!.querySelector('img')!;
    const psid = s.visibleConversations()[first]!.psid;
    expect(img.getAttribute('src')).to.equal(`${sim.restUrl}/fling/${psid}.png`);
  });

  it('renders only the visible rows while a scroll leaps past the overscan', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await inbox(sim, s, 'leap');
    await scrollAsUser(list(el), 1500);
    await el.updateComplete;
    // The rows in view (the last one partly), plus one for the partly hidden first.
    const leaping = rows(el).length;
    expect(leaping).to.equal(Math.ceil(list(el).clientHeight / ROW_HEIGHT) + 1);
    await waitUntil(() => rows(el).length > leaping, 'overscan not back after settling');
    // Settled in the middle of the list: the overscan above and below (6 each).
    expect(rows(el).length).to.equal(leaping + 12);
  });
});
