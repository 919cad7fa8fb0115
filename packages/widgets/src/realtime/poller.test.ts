import { expect, waitUntil } from '@open-wc/testing';
import { Poller } from './poller.js';

/** A poller of `interval` ms whose ticks take `tickMs`; records when each tick started. */
function poller(interval: number, tickMs = 0) {
  const starts: number[] = [];
  let ended = 0;
  let running = 0;
  let overlapped = false;
  let changes = 0;
  const p = new Poller({
    interval: () => interval,
    tick: async () => {
      starts.push(Date.now());
      overlapped ||= running > 0;
      running++;
      await new Promise((resolve) => setTimeout(resolve, tickMs));
      running--;
      ended++;
    },
    onChange: () => changes++,
  });
  return { p, starts, ended: () => ended, overlapped: () => overlapped, changes: () => changes };
}

function setVisibility(value: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { value, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('Poller', () => {
  afterEach(() => {
    delete (document as unknown as Record<string, unknown>).visibilityState;
  });

  it('polls at once when wanted, then every interval, one tick at a time', async () => {
    const { p, starts, overlapped, changes } = poller(100, 150);
    p.setWanted(true);
    expect([starts.length, p.running, changes()]).to.deep.equal([1, true, 1]);
    await waitUntil(() => starts.length === 3, 'not polling', { timeout: 3000 });
    // The next wait starts when a tick ends: ticks of 150 ms every 100 ms never overlap.
    expect(overlapped()).to.equal(false);
    expect(starts[2]! - starts[1]!).to.be.at.least(250 - 5);
    p.setWanted(false);
    expect([p.running, p.wanted, changes()]).to.deep.equal([false, false, 2]);
    p.destroy();
  });

  it('pauses while the page is hidden and polls at once when it is shown', async () => {
    const { p, starts, ended } = poller(60_000);
    p.setWanted(true);
    expect(starts.length).to.equal(1);
    await waitUntil(() => ended() === 1, 'first tick not over');
    setVisibility('hidden');
    expect([p.running, p.wanted]).to.deep.equal([false, true]);
    setVisibility('visible');
    // The interval is a minute: a second tick now is the one for being shown.
    expect(starts.length).to.equal(2);
    expect(p.running).to.equal(true);
    p.destroy();
    expect(p.running).to.equal(false);
  });
});
