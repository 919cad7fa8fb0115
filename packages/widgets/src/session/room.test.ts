/**
 * The realtime room (docs/tpos-protocol.md §7.8): the token's `TenantId` by default, a refused
 * room told from a bad token without a refresh or reconnect loop, and a silent room not
 * passed off as realtime. Same behaviour in both profiles.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import {
  QUICK_PINGS,
  QUICK_TIMERS,
  counters,
  emit,
  ready,
  resetCounters,
  session,
  startSim,
  token,
} from '../../test/support/harness.js';

describe('ChatSession realtime room (§7.8)', () => {
  it('joins the room of the token’s TenantId when no tenant is configured', async () => {
    const sim = await startSim(QUICK_PINGS);
    const s = session(sim, QUICK_TIMERS);
    expect(s.config.tenant).to.equal('');
    await resetCounters(sim);
    await s.login('demo', 'demo123');
    await ready(s);
    const c = await counters(sim);
    expect([c.sockets.rt.wrongRoom, c.sockets.chat.wrongRoom]).to.deep.equal([0, 0]);
    expect(s.status.room).to.equal('tomato.tpos.vn');
    // Another login, another tenant: new sockets in its room.
    s.setToken(await token(sim, 'shop2', 'shop2pass'));
    await waitUntil(() => s.status.room === 'cachua.tpos.vn', 'room');
    await ready(s);
    const sent = await emit(sim, { tenant: 'cachua.tpos.vn', text: 'phòng mới' });
    await waitUntil(() => s.conversation(sent.ConversationId)?.lastMessage?.text === 'phòng mới');
  });

  it('rejects a refused room slowly, without a token or socket storm', async () => {
    const sim = await startSim({ ...QUICK_PINGS, unknownRoom: 'refuse' });
    const s = session(sim, { ...QUICK_TIMERS, tenant: 'sai.tpos.vn' });
    await resetCounters(sim);
    await s.login('demo', 'demo123');
    await waitUntil(
      () => s.status.rt.state === 'room-rejected' && s.status.chat.state === 'room-rejected',
      'room not rejected',
      { timeout: 5000 },
    );
    // REST still works: the list loads and polling keeps it fresh.
    await waitUntil(() => s.listState.loaded && s.status.mode === 'polling', 'polling');
    // Asserts the absence of a loop: six seconds are measured (the loop made ~20 requests a second).
    await aTimeout(6000);
    const c = await counters(sim);
    const seconds = Math.round((Date.now() - new Date(c.since).getTime()) / 1000);
    console.log(
      `[report] wrong room, refused: ${c.tokens.password + c.tokens.refresh} token request(s) and ` +
        `${c.sockets.rt.attempts + c.sockets.chat.attempts} socket attempts in ${seconds} s ` +
        `(then 2 attempts every 2–4 minutes)`,
    );
    expect(c.tokens.password + c.tokens.refresh).to.equal(1);
    expect(c.sockets.rt.attempts + c.sockets.chat.attempts).to.equal(2);
    expect(s.auth).to.equal('authenticated');
    expect([s.status.rt.state, s.status.chat.state]).to.deep.equal([
      'room-rejected',
      'room-rejected',
    ]);
    // The right room (the token's) connects at once.
    s.configure({ tenant: '' });
    await ready(s);
    expect(s.status.mode).to.equal('realtime');
  });

  it('retries a refused room after roomRetryDelay, still without refreshing the token', async () => {
    const sim = await startSim({ ...QUICK_PINGS, unknownRoom: 'refuse' });
    const s = session(sim, { ...QUICK_TIMERS, tenant: 'sai.tpos.vn', roomRetryDelay: 700 });
    await resetCounters(sim);
    await s.login('demo', 'demo123');
    await waitUntil(
      async () => {
        const c = await counters(sim);
        return c.sockets.rt.attempts >= 3 && c.sockets.chat.attempts >= 3;
      },
      'no slow retries',
      { timeout: 8000 },
    );
    const c = await counters(sim);
    expect(c.tokens.password + c.tokens.refresh).to.equal(1);
    // Between two tries the state may be anything of a try (a loaded machine may time one
    // out as 'down'); each refusal brings it back to room-rejected.
    await waitUntil(() => s.status.rt.state === 'room-rejected', 'not room-rejected again', {
      timeout: 5000,
    });
  });

  it('shows a silent room as degraded and polls, instead of claiming realtime', async () => {
    const sim = await startSim({ ...QUICK_PINGS, unknownRoom: 'silent' });
    const s = session(sim, { ...QUICK_TIMERS, tenant: 'sai.tpos.vn', realtimeCheckInterval: 800 });
    await s.login('demo', 'demo123');
    await ready(s);
    expect(s.status.mode).to.equal('realtime');
    // Past the grace after the connection: the socket should have delivered this.
    await aTimeout(500);
    const sent = await emit(sim, { text: 'không ai đẩy' });
    await waitUntil(() => s.status.mode === 'polling', 'still claims realtime', { timeout: 5000 });
    expect([s.status.rt.state, s.status.chat.state]).to.deep.equal(['degraded', 'degraded']);
    await waitUntil(
      () => s.conversation(sent.ConversationId)?.lastMessage?.text === 'không ai đẩy',
      'not polled',
    );
    // A room that delivers again (the right one) is realtime again.
    s.configure({ tenant: '' });
    await ready(s);
    await emit(sim, { text: 'đẩy lại' });
    await waitUntil(() => s.status.mode === 'realtime', 'realtime');
  });

  it('does not call a quiet shop degraded', async () => {
    const sim = await startSim(QUICK_PINGS);
    const s = session(sim, { ...QUICK_TIMERS, realtimeCheckInterval: 500 });
    s.setToken(await token(sim));
    await ready(s);
    await resetCounters(sim);
    // Asserts that quiet stays realtime: two check intervals are measured.
    await aTimeout(1300);
    expect(s.status.mode).to.equal('realtime');
    const searches = (await counters(sim)).rest.byRoute[
      'POST /api-ms/chatomni/v1/conversations/search'
    ];
    expect(searches).to.be.within(1, 3);
  });
});
