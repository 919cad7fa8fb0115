import { expect, waitUntil } from '@open-wc/testing';
import { createLogger } from '../util/logger.js';
import { CatchUp, GAP_MARGIN, type CatchUpDeps } from './catch-up.js';

const T0 = Date.UTC(2025, 11, 19, 7, 0, 0);

/** A catch-up whose sync answers from `results` (true = up to date) and records `since`. */
function catchUp(results: boolean[], deps: Partial<CatchUpDeps> = {}) {
  const calls: (number | undefined)[] = [];
  const c = new CatchUp({
    sync: async (since) => {
      calls.push(since);
      return results.shift() ?? true;
    },
    newestActivity: () => T0,
    allowed: () => true,
    polling: () => false,
    log: createLogger(() => false),
    ...deps,
  });
  return { c, calls };
}

describe('CatchUp', () => {
  it('reads back to where the gap began, then forgets the gap', async () => {
    const { c, calls } = catchUp([true]);
    expect(c.since).to.equal(undefined);
    c.noteGap();
    expect(c.since).to.equal(T0 - GAP_MARGIN);
    c.schedule(0);
    await waitUntil(() => calls.length === 1, 'no catch-up');
    expect(calls).to.deep.equal([T0 - GAP_MARGIN]);
    c.covered(T0 - GAP_MARGIN);
    expect(c.since).to.equal(undefined);
  });

  it('runs one catch-up for several requests (the earliest wins)', async () => {
    const { c, calls } = catchUp([]);
    c.schedule(250);
    c.schedule(20);
    c.schedule(50);
    await waitUntil(() => calls.length === 1, 'no catch-up');
    // The sync reads back to the newest activity known.
    expect(calls).to.deep.equal([T0]);
    c.cancel();
  });

  it('retries a failed catch-up with backoff until it succeeds', async () => {
    const { c, calls } = catchUp([false, false, true]);
    const started = Date.now();
    c.schedule(0);
    await waitUntil(() => calls.length === 3, 'not retried twice', { timeout: 6000 });
    // 1 s then 2 s, each ±25 %.
    expect(Date.now() - started).to.be.at.least(750 + 1500);
    expect(calls).to.deep.equal([T0, T0, T0]);
    c.cancel();
  });

  it('leaves the retry to the poller while polling, keeping the gap', async () => {
    const { c, calls } = catchUp([false], { polling: () => true });
    c.schedule(0);
    await waitUntil(() => calls.length === 1, 'no catch-up');
    expect(c.since).to.equal(T0);
    c.reset();
    expect(c.since).to.equal(undefined);
  });
});
