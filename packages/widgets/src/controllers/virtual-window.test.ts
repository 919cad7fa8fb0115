import { expect } from '@open-wc/testing';
import { anchorShift, visibleRange } from './virtual-window.js';

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('visibleRange', () => {
  it('renders the visible rows plus the overscan below at the top', () => {
    // 100 px of 20 px rows: rows 0..5 visible (one partly), 6 more below.
    expect(visibleRange(0, 100, 20, 1000)).to.deep.equal({ start: 0, end: 12 });
  });

  it('adds the overscan above once scrolled, and never more than max rows', () => {
    expect(visibleRange(2000, 100, 20, 1000)).to.deep.equal({ start: 94, end: 112 });
    expect(visibleRange(2000, 2000, 20, 1000, 6, 40)).to.deep.equal({ start: 94, end: 134 });
  });

  it('stays inside the list at its end and for an empty list', () => {
    expect(visibleRange(99_999, 100, 20, 10)).to.deep.equal({ start: 3, end: 10 });
    expect(visibleRange(0, 100, 20, 0)).to.deep.equal({ start: 0, end: 0 });
  });
});

describe('anchorShift', () => {
  it('counts the rows inserted above the view', () => {
    const before = items('a', 'b', 'c', 'd', 'e');
    const after = items('x', 'y', 'a', 'b', 'c', 'd', 'e');
    expect(anchorShift(before, after, 1, 4)).to.equal(2);
  });

  it('does not follow one visible row that jumped to the top', () => {
    const before = items('a', 'b', 'c', 'd', 'e');
    const after = items('c', 'a', 'b', 'd', 'e');
    // d and e kept their place, b moved down one under c: the majority (no shift) wins.
    expect(anchorShift(before, after, 1, 5)).to.equal(0);
  });

  it('is 0 when nothing visible is found again', () => {
    expect(anchorShift(items('a', 'b'), items('x', 'y'), 0, 2)).to.equal(0);
  });
});
