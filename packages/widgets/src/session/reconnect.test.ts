/**
 * Coming back after an outage (docs/tpos-protocol.md §7.10): a socket waiting on its backoff
 * timer tries at once when a poll is answered after a failed one, on `online` and when the page
 * is shown; a refused room is never hurried. The backoff timers here are 10–20 s away, so a
 * reconnection within a few seconds can only be the nudge under test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ChatSession } from './session.js';
import {
  QUICK_PINGS,
  QUICK_TIMERS,
  control,
  counters,
  emit,
  readySession,
  resetCounters,
  session,
  startSim,
  type Sim,
} from '../../test/support/harness.js';

/** Quick polls; a socket's first retry after a drop waits 10–20 s. */
const SLOW_SOCKETS = { pollInterval: 300, reconnectDelay: 20_000, slowReconnectDelay: 60_000 };

const bothUp = (s: ChatSession) =>
  s.status.rt.state === 'connected' && s.status.chat.state === 'connected';

/** Both sockets dropped and refused while REST answers; waits until polling covers. */
async function socketsRefused(sim: Sim, s: ChatSession): Promise<void> {
  await control(sim, 'outage', { seconds: 60, rest: false });
  await waitUntil(() => s.status.mode === 'polling', 'no fallback', { timeout: 5000 });
}

function setVisibility(value: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { value, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('ChatSession reconnection (§7.10)', function () {
  this.timeout(30_000);

  it('is realtime again within a poll of the upstream coming back, with what it missed', async () => {
    const { sim, s } = await readySession(SLOW_SOCKETS);
    await control(sim, 'outage', { seconds: 60 });
    await waitUntil(() => s.status.mode === 'polling' && s.listState.error !== null, 'no outage', {
      timeout: 5000,
    });
    const sent = await emit(sim, { text: 'gửi lúc mất mạng' });
    expect([s.status.rt.state, s.status.chat.state]).to.deep.equal([
      'reconnecting',
      'reconnecting',
    ]);
    await control(sim, 'outage', { seconds: 0 });
    await waitUntil(() => s.status.mode === 'realtime', 'not realtime again', { timeout: 5000 });
    await waitUntil(() => bothUp(s), 'a socket was not nudged', { timeout: 5000 });
    await waitUntil(
      () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'gửi lúc mất mạng',
      'the gap was not caught up',
      { timeout: 5000 },
    );
    expect(s.listState.error).to.equal(null);
  });

  it('does not nudge on polls that keep succeeding while only the sockets are refused', async () => {
    const { sim, s } = await readySession(SLOW_SOCKETS);
    await socketsRefused(sim, s);
    await resetCounters(sim);
    await control(sim, 'outage', { seconds: 0 });
    // Asserts an absence over five answered polls (the upstream accepts sockets meanwhile).
    await waitUntil(
      async () =>
        (await counters(sim)).rest.byRoute['POST /api-ms/chatomni/v1/conversations/search']! >= 5,
      'no polls',
      { timeout: 5000 },
    );
    const c = await counters(sim);
    expect([c.sockets.rt.handshakes, c.sockets.chat.handshakes]).to.deep.equal([0, 0]);
    expect(s.status.mode).to.equal('polling');
  });

  it('tries at once on the browser’s online event', async () => {
    const { sim, s } = await readySession(SLOW_SOCKETS);
    await socketsRefused(sim, s);
    await control(sim, 'outage', { seconds: 0 });
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => bothUp(s), 'online did not reconnect', { timeout: 5000 });
  });

  it('tries at once when the page is shown again', async () => {
    const { sim, s } = await readySession(SLOW_SOCKETS);
    await socketsRefused(sim, s);
    await control(sim, 'outage', { seconds: 0 });
    try {
      setVisibility('hidden');
      setVisibility('visible');
      await waitUntil(() => bothUp(s), 'showing did not reconnect', { timeout: 5000 });
    } finally {
      setVisibility('visible');
    }
  });

  it('still reconnects by its timer alone, within the ceiling', async () => {
    const { sim, s } = await readySession({ ...QUICK_TIMERS, pollInterval: 60_000 });
    await control(sim, 'outage', { seconds: 60, rest: false });
    await waitUntil(() => s.status.rt.state === 'down', 'never at the ceiling', { timeout: 8000 });
    await control(sim, 'outage', { seconds: 0 });
    await waitUntil(() => bothUp(s), 'the timer gave up', { timeout: 5000 });
  });

  it('leaves a refused room on its slow retry through polls, online and visibility', async () => {
    const sim = await startSim({ ...QUICK_PINGS, unknownRoom: 'refuse' });
    const s = session(sim, { ...SLOW_SOCKETS, tenant: 'sai.tpos.vn' });
    await s.login('demo', 'demo123');
    await waitUntil(
      () => s.status.rt.state === 'room-rejected' && s.status.chat.state === 'room-rejected',
      'room not rejected',
      { timeout: 5000 },
    );
    await resetCounters(sim);
    await control(sim, 'outage', { seconds: 60, server: 'none' });
    await waitUntil(() => s.listState.error !== null, 'no failed poll', { timeout: 5000 });
    await control(sim, 'outage', { seconds: 0 });
    await waitUntil(() => s.listState.error === null, 'no answered poll', { timeout: 5000 });
    window.dispatchEvent(new Event('online'));
    setVisibility('hidden');
    setVisibility('visible');
    // Asserts an absence: three more answered polls, each a chance to nudge.
    const polls = (await counters(sim)).rest.total;
    await waitUntil(async () => (await counters(sim)).rest.total >= polls + 3, 'no polls', {
      timeout: 5000,
    });
    const c = await counters(sim);
    expect([c.sockets.rt.handshakes, c.sockets.chat.handshakes]).to.deep.equal([0, 0]);
    expect([s.status.rt.state, s.status.chat.state]).to.deep.equal([
      'room-rejected',
      'room-rejected',
    ]);
  });
});
