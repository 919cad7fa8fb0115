/**
 * When the sockets start, against the simulator. Their code is a chunk fetched once per page,
 * so this file's first test is the page's first session: the order below holds only then.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ChatSession } from '../session/session.js';
import {
  control,
  emit,
  QUICK_PINGS,
  QUICK_TIMERS,
  ready,
  session,
  startSim,
} from '../../test/support/harness.js';

/** Each different state the session's `change` events showed: the list's and both sockets'. */
function record(s: ChatSession): string[] {
  const states: string[] = [];
  s.addEventListener('change', () => {
    const { chat, rt } = s.status;
    const list = s.listState.loaded ? 'list shown' : 'no list';
    const state = `${list}, chat ${chat.state}, rt ${rt.state}`;
    if (states.at(-1) !== state) states.push(state);
  });
  return states;
}

describe('LiveLink start', () => {
  it('shows the first list before fetching the sockets, which then connect at once', async () => {
    const sim = await startSim(QUICK_PINGS);
    // A slow list (a real answer, 1.5 s late): time enough for sockets that did not wait.
    await control(sim, 'fail', { route: '/conversations/search', status: 200, delayMs: 1500 });
    const first = session(sim, QUICK_TIMERS);
    const states = record(first);
    await first.login('demo', 'demo123');
    await ready(first);
    const shown = states.findIndex((state) => state.startsWith('list shown'));
    // The frame that shows the list: the sockets say they are connecting, none is up yet.
    expect(states[shown]).to.equal('list shown, chat connecting, rt connecting');
    expect(states.slice(0, shown).some((state) => / connected/.test(state))).to.equal(false);
    expect(states.at(-1)).to.equal('list shown, chat connected, rt connected');

    // The chunk is there now: a new session's sockets connect with its sign-in.
    const second = session(sim, QUICK_TIMERS);
    const later = record(second);
    await second.login('demo', 'demo123');
    await ready(second);
    expect(later.at(-1)).to.equal('list shown, chat connected, rt connected');
  });
});

describe('LiveLink events', () => {
  it("keeps each socket's last event time current as events arrive", async () => {
    const sim = await startSim();
    const s = session(sim, QUICK_TIMERS);
    await s.login('demo', 'demo123');
    await ready(s);
    await waitUntil(() => s.status.chat.state === 'connected' && s.status.rt.state === 'connected');
    const before = Date.now();
    const states: string[] = [];
    s.addEventListener('change', () => states.push(`${s.status.chat.state} ${s.status.rt.state}`));
    for (let i = 0; i < 3; i++) await emit(sim, { text: `lần ${i}` });
    // Each socket delivers each message once; the store takes the first copy.
    await waitUntil(
      () => (s.status.chat.lastEventAt ?? 0) >= before && (s.status.rt.lastEventAt ?? 0) >= before,
      `last events: chat ${s.status.chat.lastEventAt}, rt ${s.status.rt.lastEventAt}`,
      { timeout: 5000 },
    );
    expect(s.status.lastEventAt).to.be.at.least(before);
    expect(new Set(states)).to.deep.equal(new Set(['connected connected']));
    s.destroy();
  });
});
