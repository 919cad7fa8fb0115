import { expect } from '@open-wc/testing';
import { NudgeGate, maxAttemptsAtCeiling } from './nudge-gate.js';
import { retryDelay, type BackoffOptions } from './reconnect.js';

const DEFAULTS: BackoffOptions = { first: 1000, ceiling: 15_000 };
const low = () => 0;
const high = () => 0.999_999;

describe('reconnect schedule', () => {
  it('doubles from the first delay up to the ceiling, each delay half to all of its base', () => {
    const lows = [1, 2, 3, 4, 5, 6, 50].map((n) => retryDelay(n, DEFAULTS, low));
    const highs = [1, 2, 3, 4, 5, 6, 50].map((n) => Math.round(retryDelay(n, DEFAULTS, high)));
    expect(lows).to.deep.equal([500, 1000, 2000, 4000, 7500, 7500, 7500]);
    expect(highs).to.deep.equal([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect(retryDelay(3, DEFAULTS, () => 0.5)).to.equal(3000);
  });

  it('never waits longer than the ceiling, so a socket is tried within 15 s of any moment', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647) % 1;
    const delays = Array.from({ length: 1000 }, (_, i) =>
      retryDelay(1 + (i % 40), DEFAULTS, random),
    );
    expect(Math.max(...delays)).to.be.at.most(15_000);
    expect(Math.min(...delays.filter((_, i) => i % 40 >= 4))).to.be.at.least(7500);
  });

  it('bounds the attempts per minute at the ceiling: 8 by the timer, 8 more from polls', () => {
    expect(maxAttemptsAtCeiling(60_000, DEFAULTS, false)).to.equal(9);
    expect(maxAttemptsAtCeiling(60_000, DEFAULTS)).to.equal(18);
    expect(maxAttemptsAtCeiling(6000, { first: 100, ceiling: 1500 }, false)).to.equal(9);
  });
});

describe('NudgeGate', () => {
  const gate = (random = () => 0.5) => new NudgeGate(() => DEFAULTS, random);

  it('lets a poll nudge through after a jitter of up to the first delay', () => {
    expect(gate(() => 0.5).nudge('poll', 0, 10_000)).to.equal(500);
    expect(gate(() => 0).nudge('poll', 0, 10_000)).to.equal(0);
    const slow = new NudgeGate(
      () => ({ first: 20_000, ceiling: 60_000 }),
      () => 0.5,
    );
    expect(slow.nudge('poll', 0, 30_000)).to.equal(500);
  });

  it('lets one poll nudge through per half ceiling, whatever the polls do', () => {
    const g = gate();
    const at = [0, 1000, 7499, 7500, 10_000, 14_999, 15_000];
    expect(at.map((t) => g.nudge('poll', t, 10_000) !== null)).to.deep.equal([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('tries at once on online or visible, at most once per first delay, apart from polls', () => {
    const g = gate();
    expect(g.nudge('poll', 0, 10_000)).to.equal(500);
    expect(g.nudge('online', 10, 10_000)).to.equal(0);
    expect(g.nudge('visible', 500, 10_000)).to.equal(null);
    expect(g.nudge('visible', 1010, 10_000)).to.equal(0);
  });

  it('ignores a nudge when the backoff timer fires sooner anyway, without using it up', () => {
    const g = gate(() => 0.5);
    expect(g.nudge('poll', 0, 400)).to.equal(null);
    expect(g.nudge('online', 0, 0)).to.equal(null);
    expect(g.nudge('poll', 1, 600)).to.equal(500);
    expect(g.nudge('online', 2, 1)).to.equal(0);
  });
});
