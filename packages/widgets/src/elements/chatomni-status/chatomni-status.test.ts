import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  control,
  requests,
  shadow,
  signedIn,
  signedOut,
  session,
  startSim,
  text,
} from '../../../test/support/harness.js';
import './chatomni-status.js';
import type { ChatomniStatus } from './chatomni-status.js';

const badges = (el: ChatomniStatus) => text(shadow(el).querySelector('[role="status"]'));
const part = (el: ChatomniStatus, name: string) =>
  shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`)!;

describe('<chatomni-status>', () => {
  describe('rendering', () => {
    it('should show both sockets connected and Realtime after login', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => badges(el).includes('⚡Realtime'), badges(el), { timeout: 8000 });
      // The badges follow the session's status in its next frame: wait for them, not for it.
      await waitUntil(
        () => s.status.chat.state === 'connected' && s.status.rt.state === 'connected',
      );
      await waitUntil(
        () => text(part(el, 'chat')) === '🟢Chat: đã kết nối',
        text(part(el, 'chat')),
      );
      await waitUntil(() => text(part(el, 'rt')) === '🟢RT: đã kết nối', text(part(el, 'rt')));
      expect(text(part(el, 'chat'))).to.equal('🟢Chat: đã kết nối');
      expect(text(part(el, 'rt'))).to.equal('🟢RT: đã kết nối');
      expect(text(part(el, 'mode'))).to.equal('⚡Realtime');
      expect(shadow(el).querySelector('.auth')).to.equal(null);
    });

    it('is accessible', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await expect(el).to.be.accessible();
    });

    it('should show the sign-in badge and disable refresh without a token', async () => {
      const sim = await startSim();
      const s = session(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await signedOut(s, el);
      expect(badges(el)).to.equal(
        '⚪Chat: mất kết nối ⚪RT: mất kết nối ⛔Ngoại tuyến 🔒Cần đăng nhập',
      );
      expect(shadow(el).querySelector('[part~="logout"]')).to.equal(null);
      expect(part(el, 'refresh').hasAttribute('disabled')).to.equal(true);
      expect(part(el, 'badges').title).to.equal('Chưa có sự kiện');
    });
  });

  describe('connection changes', () => {
    it('should show Polling when both sockets are down', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => s.status.mode === 'realtime', 'not realtime', { timeout: 8000 });
      s.disconnect();
      await waitUntil(() => text(part(el, 'mode')) === '🔄Polling', text(part(el, 'mode')));
      expect(text(part(el, 'chat'))).to.equal('⚪Chat: mất kết nối');
      expect(text(part(el, 'rt'))).to.equal('⚪RT: mất kết nối');
    });

    it('should show the reconnect attempt while a server refuses', async () => {
      const sim = await startSim();
      const s = await signedIn(sim, { reconnectDelay: 200 });
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => s.status.chat.state === 'connected', 'chat not connected', {
        timeout: 8000,
      });
      await control(sim, 'refuse', { server: 'chat', seconds: 30 });
      await control(sim, 'disconnect', { server: 'chat' });
      await waitUntil(() => s.status.chat.attempt >= 2, 'no second attempt', { timeout: 8000 });
      // Attempts go on while the server refuses: wait for a render of the second or later.
      await waitUntil(
        () => Number(/^🟡Chat \(lần (\d+)\): đang kết nối$/.exec(text(part(el, 'chat')))?.[1]) > 1,
        text(part(el, 'chat')),
      );
      expect(part(el, 'chat').classList.contains('warn')).to.equal(true);
    });

    it('should say that the realtime room is rejected, in both languages', async () => {
      const sim = await startSim({ unknownRoom: 'refuse' });
      const s = await signedIn(sim, { tenant: 'sai.tpos.vn' });
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => shadow(el).querySelector('[part="room-rejected"]'), badges(el), {
        timeout: 8000,
      });
      // REST keeps the list fresh: the polling fallback starts.
      await waitUntil(
        () => s.status.chat.state === 'room-rejected' && text(part(el, 'mode')) === '🔄Polling',
        badges(el),
      );
      const chip = part(el, 'room-rejected');
      const hint =
        'Máy chủ realtime từ chối phòng sai.tpos.vn dù đăng nhập vẫn hợp lệ. Danh sách vẫn được cập nhật định kỳ; sẽ thử lại sau vài phút.';
      expect(text(chip)).to.equal(`⛔Phòng realtime bị từ chối: ${hint}`);
      expect(chip.title).to.equal(hint);
      expect(text(part(el, 'rt'))).to.equal('⛔RT: Phòng realtime bị từ chối');
      el.setAttribute('lang', 'en');
      await waitUntil(() => text(part(el, 'mode')) === '🔄Polling' && badges(el).includes('room'));
      expect(text(part(el, 'room-rejected')).split(':')[0]).to.equal('⛔Realtime room rejected');
      await expect(el).to.be.accessible();
    });

    it('should show a socket that delivers nothing as degraded, and Polling', async () => {
      const sim = await startSim({ unknownRoom: 'silent' });
      const s = await signedIn(sim, { tenant: 'sai.tpos.vn', realtimeCheckInterval: 600 });
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => s.status.mode === 'realtime', 'realtime', { timeout: 8000 });
      await new Promise((r) => setTimeout(r, 400));
      await control(sim, 'emit', { text: 'không ai đẩy' });
      await waitUntil(() => text(part(el, 'mode')) === '🔄Polling', badges(el), { timeout: 5000 });
      await waitUntil(() => text(part(el, 'chat')) === '🟠Chat: không nhận được sự kiện');
      expect(part(el, 'chat').classList.contains('warn')).to.equal(true);
    });

    it('should put the time of the last event in the tooltip', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await waitUntil(() => s.status.lastEventAt !== null, 'no event', { timeout: 8000 });
      await el.updateComplete;
      expect(part(el, 'badges').title).to.match(/^Sự kiện cuối: \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
    });
  });

  describe('controls', () => {
    it('should switch Auto on and off through the session', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      const sw = part(el, 'auto');
      expect(sw.getAttribute('role')).to.equal('switch');
      expect(sw.getAttribute('aria-checked')).to.equal('false');
      expect(text(sw)).to.equal('Auto OFF');
      sw.click();
      expect(s.status.auto).to.equal(true);
      await waitUntil(() => sw.getAttribute('aria-checked') === 'true');
      expect(text(sw)).to.equal('Auto ON');
      sw.click();
      expect(s.status.auto).to.equal(false);
      await waitUntil(() => sw.getAttribute('aria-checked') === 'false');
    });

    it('should refresh the list from the server', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      await control(sim, 'reset-counters', {});
      part(el, 'refresh').click();
      await el.updateComplete;
      // Disabled (spinning) while the refresh runs; re-enabled once the server answered.
      expect(part(el, 'refresh').hasAttribute('disabled')).to.equal(true);
      await waitUntil(() => !part(el, 'refresh').hasAttribute('disabled'));
      const counters = await control<{ rest: { byRoute: Record<string, number> } }>(
        sim,
        'counters',
      );
      const searches = Object.entries(counters.rest.byRoute)
        .filter(([route]) => route.includes('conversations/search'))
        .reduce((n, [, count]) => n + count, 0);
      expect(searches).to.be.greaterThan(0);
    });
  });

  describe('logout', () => {
    it('should sign out with 🚪 Đăng xuất, and ask the proxy to forget the kept sign-in', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      const logout = part(el, 'logout');
      expect(text(logout)).to.equal('🚪 Đăng xuất');
      expect(logout.localName).to.equal('button');
      await control(sim, 'reset-counters', {});
      logout.click();
      expect(s.auth).to.equal('anonymous');
      await waitUntil(() => shadow(el).querySelector('.auth'), 'no sign-in badge');
      expect(shadow(el).querySelector('[part~="logout"]')).to.equal(null);
      await waitUntil(
        async () => (await requests(sim, 5)).some((r) => r.path === '/api/token/logout'),
        'the proxy was not asked to forget the sign-in',
      );
      const [forget] = (await requests(sim, 5)).filter((r) => r.path === '/api/token/logout');
      expect([forget!.method, forget!.headers['authorization']]).to.deep.equal(['POST', undefined]);
    });

    it('should say Sign out in English', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status lang="en" session=${s.name}></chatomni-status>`,
      );
      expect(text(part(el, 'logout'))).to.equal('🚪 Sign out');
      await expect(el).to.be.accessible();
    });
  });

  describe('languages', () => {
    it('should speak English with lang="en"', async () => {
      const sim = await startSim();
      const s = session(sim);
      const el = await fixture<ChatomniStatus>(
        html`<chatomni-status lang="en" session=${s.name}></chatomni-status>`,
      );
      await signedOut(s, el);
      expect(badges(el)).to.equal(
        '⚪Chat: disconnected ⚪RT: disconnected ⛔Offline 🔒Sign-in required',
      );
      expect(part(el, 'refresh').getAttribute('aria-label')).to.equal('Refresh');
    });

    it('should follow the lang of an ancestor and its changes', async () => {
      const sim = await startSim();
      const s = session(sim);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en"><chatomni-status session=${s.name}></chatomni-status></div>`,
      );
      const el = wrapper.querySelector('chatomni-status')!;
      await el.updateComplete;
      expect(text(part(el, 'mode'))).to.equal('⛔Offline');
      wrapper.setAttribute('lang', 'vi');
      await waitUntil(() => text(part(el, 'mode')) === '⛔Ngoại tuyến', text(part(el, 'mode')));
    });
  });
});
