import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { ChatSession } from '../../session/session.js';
import {
  session,
  settled,
  shadow,
  signedIn,
  startSim,
  text,
} from '../../../test/support/harness.js';
import type { ChatomniInbox } from '../chatomni-inbox/chatomni-inbox.js';
import type { ChatomniStatus } from '../chatomni-status/chatomni-status.js';
import type { ChatomniThread } from '../chatomni-thread/chatomni-thread.js';
import '../chatomni-inbox/chatomni-inbox.js';
import '../chatomni-status/chatomni-status.js';
import '../chatomni-thread/chatomni-thread.js';

const box = (el: Element) => el.getBoundingClientRect();
const $$ = (el: Element, sel: string) => [...shadow(el).querySelectorAll<HTMLElement>(sel)];
const part = (el: Element, name: string) =>
  shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** Elements of `el`'s shadow root that stick out of its left or right edge. */
function outside(el: Element, sel: string): string[] {
  const host = box(el);
  return $$(el, sel)
    .filter((c) => c.offsetParent !== null)
    .filter((c) => box(c).left < host.left - 0.5 || box(c).right > host.right + 0.5)
    .map((c) => `${c.localName}.${c.className} "${text(c)}" ${box(c).left}–${box(c).right}`);
}

/** An element of the given width inside a phone-sized box. */
async function sized<T extends HTMLElement>(width: number, template: unknown): Promise<T> {
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="width:${width}px;height:640px;display:flex;flex-direction:column">
      ${template}
    </div>`,
  );
  return wrap.firstElementChild as T;
}

async function phoneThread(s: ChatSession, width: number): Promise<ChatomniThread> {
  // A customer with a phone and a status: the fullest header.
  const all = s.visibleConversations();
  s.select((all.find((c) => c.hasPhone && c.partnerStatus) ?? all[0]!).id);
  const el = await sized<ChatomniThread>(
    width,
    html`<chatomni-thread style="flex:1" session=${s.name}></chatomni-thread>`,
  );
  await waitUntil(() => $$(el, '[part~="message"]').length > 0, 'no messages', {
    timeout: 8000,
  });
  await settled(el);
  return el;
}

describe('phone-width screens', () => {
  it('should lay the inbox out tighter at 420 px or less of its own width, and loosen it again', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await sized<ChatomniInbox>(
      600,
      html`<chatomni-inbox style="flex:1" session=${s.name}></chatomni-inbox>`,
    );
    await waitUntil(() => $$(el, '.row').length > 0, 'no rows');
    const padding = () => getComputedStyle($$(el, '.row')[0]!).paddingLeft;
    const resize = async (width: number, narrow: boolean) => {
      el.parentElement!.style.width = `${width}px`;
      await waitUntil(
        () => el.hasAttribute('narrow') === narrow,
        `narrow ${!narrow} at ${width}px`,
      );
    };
    expect([el.hasAttribute('narrow'), padding()]).to.deep.equal([false, '12px']);
    // 421 px inside its 1 px borders: one more than the limit.
    await resize(423, false);
    expect(padding()).to.equal('12px');
    await resize(422, true);
    expect(padding()).to.equal('8px');
    await resize(600, false);
    expect(padding()).to.equal('12px');
  });

  for (const width of [320, 360]) {
    describe(`${width} px wide`, () => {
      it('should keep the inbox toolbar and rows inside, the chips wrapping', async () => {
        const sim = await startSim();
        const s = await signedIn(sim);
        const el = await sized<ChatomniInbox>(
          width,
          html`<chatomni-inbox notify style="flex:1" session=${s.name}></chatomni-inbox>`,
        );
        await waitUntil(() => s.pages.length > 1 && $$(el, 'select').length, 'no page select');
        await settled(el);
        expect(box(el).width).to.equal(width);
        expect(outside(el, '.toolbar input, .toolbar select, .toolbar button')).to.deep.equal([]);
        expect(outside(el, '.row .name, .row .time, .row .last, .row .badge')).to.deep.equal([]);
        const chipTops = new Set($$(el, '.chips button').map((b) => Math.round(box(b).top)));
        expect(chipTops.size).to.be.greaterThan(1);
        const list = shadow(el).querySelector<HTMLElement>('.list')!;
        expect(list.scrollWidth).to.equal(list.clientWidth);
        // The search keeps room to type in.
        expect(box(part(el, 'search')).width).to.be.greaterThan(100);
      });

      it('should keep the thread header on two lines and the buttons on one', async () => {
        const sim = await startSim();
        const s = await signedIn(sim);
        const el = await phoneThread(s, width);
        const buttons = ['create-order', 'info-button', 'templates-button'].map((n) => part(el, n));
        expect(new Set(buttons.map((b) => Math.round(box(b).top))).size).to.equal(1);
        expect(box(buttons[0]!).top).to.be.greaterThan(box(part(el, 'name')).bottom);
        expect(
          outside(el, 'header button, header .name, .composer textarea, .composer button'),
        ).to.deep.equal([]);
        const log = shadow(el).querySelector<HTMLElement>('.log')!;
        expect(log.scrollWidth).to.equal(log.clientWidth);
      });

      it('should show the customer panel over the messages, full width', async () => {
        const sim = await startSim();
        const s = await signedIn(sim);
        const el = await phoneThread(s, width);
        part(el, 'info-button').click();
        await waitUntil(() => text(part(el, 'panel')).includes('Khách hàng'), 'no info');
        const panel = box(part(el, 'panel'));
        const body = box(shadow(el).querySelector('.body')!);
        expect([panel.left, panel.top, panel.width, panel.height]).to.deep.equal([
          body.left,
          body.top,
          body.width,
          body.height,
        ]);
        expect(panel.top).to.equal(box(part(el, 'header')).bottom);
        part(el, 'panel-close').click();
        await settled(el);
        expect(shadow(el).querySelector('[part~="panel"]')).to.equal(null);
      });
    });
  }

  it('should keep the panel above the messages in a wide thread', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await phoneThread(s, 720);
    part(el, 'info-button').click();
    await waitUntil(() => text(part(el, 'panel')).includes('Khách hàng'), 'no info');
    expect(box(part(el, 'log')).top).to.be.at.least(box(part(el, 'panel')).bottom);
    // Wide enough for the buttons beside the name.
    expect(box(part(el, 'create-order')).top).to.be.below(box(part(el, 'name')).bottom);
  });

  describe('<chatomni-status>', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('should fold the badges into one with compact, details for screen readers', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status compact session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => s.status.mode === 'realtime', 'not realtime', { timeout: 8000 });
      await waitUntil(
        () => s.status.chat.state === 'connected' && s.status.rt.state === 'connected',
        'sockets',
        { timeout: 8000 },
      );
      await settled(el);
      const badges = part(el, 'badges');
      expect(badges.querySelectorAll('.chip').length).to.equal(1);
      expect(text(part(el, 'summary'))).to.equal('🟢Realtime, Chat: đã kết nối, RT: đã kết nối');
      expect(shadow(el).querySelector('[part~="chat"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('should fold on a phone-sized screen without compact, and unfold when wide', async () => {
      const sim = await startSim();
      const s = session(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      expect(part(el, 'summary')).to.equal(null);
      await setViewport({ width: 360, height: 640 });
      await waitUntil(() => part(el, 'summary'), 'not folded');
      // The element first tries the proxy's saved sign-in; without one it asks to log in.
      await waitUntil(() => s.auth === 'anonymous', 'still restoring');
      await settled(el);
      expect(text(part(el, 'summary'))).to.equal(
        '🔒Cần đăng nhập, Chat: mất kết nối, RT: mất kết nối',
      );
      expect(part(el, 'summary').classList.contains('auth')).to.equal(true);
      await setViewport({ width: 800, height: 600 });
      await waitUntil(() => !part(el, 'summary'), 'still folded');
      expect(part(el, 'chat')).to.not.equal(null);
    });
  });
});
