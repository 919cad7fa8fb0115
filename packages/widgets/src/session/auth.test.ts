import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import {
  startSim,
  QUICK_PINGS,
  QUICK_TIMERS,
  control,
  requests,
  session,
  ready,
  token,
  type Sim,
} from '../../test/support/harness.js';

/** What the session asked of the proxy's sign-in routes, oldest first. */
async function signInCalls(sim: Sim): Promise<string[]> {
  return (await requests(sim, 100))
    .filter((r) => r.path.startsWith('/api/token/'))
    .map((r) => `${r.method} ${r.path} ${r.headers['authorization'] ?? 'no bearer'}`);
}

// The simulator stands in for the proxy here and has no kept sign-in (its /token/refresh is a
// 404): these tests check what the session asks and how it treats "none". The kept sign-in
// itself is tested through the real proxy in test/e2e/sign-in.test.ts.
describe('ChatSession (sign-in)', () => {
  describe('on load', () => {
    it('tries the kept sign-in once, quietly: authenticating, then anonymous', async () => {
      const sim = await startSim();
      const s = session(sim);
      let authRequired = 0;
      s.addEventListener('auth-required', () => authRequired++);
      s.restore();
      expect(s.auth).to.equal('authenticating');
      await waitUntil(() => s.auth === 'anonymous', `still ${s.auth}`);
      s.restore();
      expect(s.auth).to.equal('anonymous');
      expect(await signInCalls(sim)).to.deep.equal(['POST /api/token/refresh no bearer']);
      expect(authRequired).to.equal(0);
    });

    it('lets a login during the try win', async () => {
      const sim = await startSim();
      await control(sim, 'fail', { route: 'token/refresh', status: 401, delayMs: 600, count: 1 });
      const s = session(sim);
      s.restore();
      await s.login('demo', 'demo123');
      expect(s.auth).to.equal('authenticated');
      // The refused try would have answered within this window; the login stands.
      await aTimeout(900);
      expect(s.auth).to.equal('authenticated');
    });

    it('does not try after a login or setToken', async () => {
      const sim = await startSim();
      const s = session(sim);
      s.setToken(await token(sim));
      s.restore();
      expect(s.auth).to.equal('authenticated');
      const t = session(sim);
      await t.login('demo', 'demo123');
      await t.logout();
      t.restore();
      expect(t.auth).to.equal('anonymous');
      expect(await signInCalls(sim)).to.deep.equal(['POST /api/token/logout no bearer']);
    });
  });

  describe('token expiry', () => {
    it('asks the refresh route once with the expired token, then is auth-required without a kept sign-in', async () => {
      const sim = await startSim(QUICK_PINGS);
      const s = session(sim, QUICK_TIMERS);
      await s.login('demo', 'demo123');
      await ready(s);
      let authRequired = 0;
      s.addEventListener('auth-required', () => authRequired++);
      await control(sim, 'expire-tokens', { keepRefresh: true });
      await waitUntil(() => s.auth === 'auth-required', `still ${s.auth}`, { timeout: 5000 });
      expect(await signInCalls(sim)).to.deep.equal(['POST /api/token/refresh Bearer <redacted>']);
      expect(authRequired).to.equal(1);
    });

    it('leaves a token of the page to the page: no refresh is asked', async () => {
      const sim = await startSim(QUICK_PINGS);
      const s = session(sim, QUICK_TIMERS);
      s.setToken(await token(sim));
      await ready(s);
      await control(sim, 'expire-tokens', {});
      await waitUntil(() => s.auth === 'auth-required', `still ${s.auth}`, { timeout: 5000 });
      expect(await signInCalls(sim)).to.deep.equal([]);
    });
  });

  describe('logout', () => {
    it('asks the proxy to forget the kept sign-in and resolves once it answered', async () => {
      const sim = await startSim();
      const s = session(sim);
      await s.login('demo', 'demo123');
      await s.logout();
      expect(s.auth).to.equal('anonymous');
      expect(await signInCalls(sim)).to.deep.equal(['POST /api/token/logout no bearer']);
    });

    it('resolves when the proxy cannot be reached', async () => {
      const closed = 'http://127.0.0.1:9';
      const s = session({ restUrl: closed, rtUrl: closed, chatUrl: closed });
      s.setToken('a.b.c');
      await s.logout();
      expect(s.auth).to.equal('anonymous');
    });
  });
});
