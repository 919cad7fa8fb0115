/**
 * No storm when the upstream refuses everyone (docs/tpos-protocol.md §7.10): 100 sessions in
 * one page, with the default reconnection ceiling (only the first wait is 250 ms rather than
 * 1 s, so that the sockets reach the ceiling sooner), against a simulator that refuses every
 * socket while REST answers: the case where "retry on every answered poll" would storm. Polls
 * run every 2 s, several times the sockets' pace, so a poll-driven retry would show. Real time,
 * not scaled: Chromium itself lets a page open only about 70 WebSockets a second, which would
 * hide a storm at a scaled pace.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { maxAttemptsAtCeiling } from '../src/realtime/nudge-gate.js';
import { control, counters, resetCounters, session, startSim, token } from './support/harness.js';

const SESSIONS = 100;
const MINUTE = 60_000;
/** How long attempts are counted: two of the longest waits, expressed per minute. */
const WINDOW = 30_000;

describe('100 sessions against a refusing upstream', function () {
  this.timeout(180_000);

  it('make few socket attempts a minute, whatever the polls do', async () => {
    const sim = await startSim({ conversations: 10 });
    await control(sim, 'outage', { seconds: 600, rest: false });
    const access = await token(sim);
    const sessions = Array.from({ length: SESSIONS }, () =>
      session(sim, { pollInterval: 2000, reconnectDelay: 250 }),
    );
    const { slowReconnectDelay } = sessions[0]!.config;
    for (const s of sessions) s.setToken(access);
    // Past the quick attempts: every socket at the ceiling.
    await waitUntil(
      () => sessions.every((s) => s.status.rt.state === 'down' && s.status.chat.state === 'down'),
      'not all at the ceiling',
      { timeout: 60_000, interval: 500 },
    );
    await resetCounters(sim);
    // Asserts a rate: half a minute of attempts is counted (the bound follows the time).
    await new Promise((resolve) => setTimeout(resolve, WINDOW));
    const c = await counters(sim);
    const elapsed = Date.now() - new Date(c.since).getTime();
    const attempts = c.sockets.rt.handshakes + c.sockets.chat.handshakes;
    const polls = c.rest.byRoute['POST /api-ms/chatomni/v1/conversations/search'] ?? 0;
    const bound =
      SESSIONS *
      2 *
      maxAttemptsAtCeiling(elapsed, { first: 0, ceiling: slowReconnectDelay }, false);
    const perSessionMinute = (attempts / SESSIONS) * (MINUTE / elapsed);
    console.log(
      `[report] ${SESSIONS} sessions, sockets refused, REST up: ${attempts} socket attempts and ` +
        `${polls} polls in ${(elapsed / 1000).toFixed(1)} s: ` +
        `${perSessionMinute.toFixed(1)} attempts per session per minute (bound ${bound / SESSIONS})`,
    );
    expect(polls).to.be.greaterThan(SESSIONS * 5);
    expect(attempts).to.be.at.most(bound);
    // Still trying: every socket's longest wait is half the window.
    expect(attempts).to.be.at.least(SESSIONS * 2);
    expect(sessions.every((s) => s.status.mode === 'polling')).to.equal(true);
  });
});
