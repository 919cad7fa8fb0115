/** The badge check of the chaos run flags a badge that lags, and forgives half-closes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBadges, type UpSample } from './badges.js';

const truth: UpSample[] = [
  [0, true, true],
  [1000, true, false],
  [3000, true, true],
];

describe('checkBadges', () => {
  it('accepts a badge that follows within the allowed lag', () => {
    const badge: UpSample[] = [
      [0, true, true],
      [1300, true, false],
      [3200, true, true],
    ];
    const r = checkBadges(truth, badge, [], { start: 0, end: 5000 });
    assert.deepEqual(r.late, []);
    assert.equal(r.worstLagMs, 300);
    assert.equal(r.changes, 2);
  });

  it('reports a badge that stayed green for 1.5 s after its socket dropped', () => {
    const badge: UpSample[] = [
      [0, true, true],
      [2500, true, false],
      [3000, true, true],
    ];
    const r = checkBadges(truth, badge, [], { start: 0, end: 5000 });
    assert.deepEqual(r.late, ['rt from +1000 ms for 1500 ms']);
  });

  it('leaves half-close windows out', () => {
    const badge: UpSample[] = [[0, true, true]];
    const r = checkBadges(truth, badge, [{ server: 'rt', on: 900, off: 2000 }], {
      start: 0,
      end: 5000,
      slack: 1000,
    });
    assert.deepEqual(r.late, []);
  });
});
