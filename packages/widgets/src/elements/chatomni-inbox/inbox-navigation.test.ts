import { expect } from '@open-wc/testing';
import { nextUnreadIndex, stepIndex } from './inbox-navigation.js';

const rows = (unread: number[]) => unread.map((unreadCount, i) => ({ id: `c${i}`, unreadCount }));

describe('inbox navigation (J, K, U)', () => {
  it('steps from the selected row and stays inside the list', () => {
    const list = rows([0, 0, 0]);
    expect(stepIndex(list, null, 1)).to.equal(0);
    expect(stepIndex(list, null, -1)).to.equal(0);
    expect(stepIndex(list, 'c0', 1)).to.equal(1);
    expect(stepIndex(list, 'c2', 1)).to.equal(2);
    expect(stepIndex(list, 'c0', -1)).to.equal(0);
    expect(stepIndex(list, 'gone', 1)).to.equal(0);
    expect(stepIndex([], null, 1)).to.equal(-1);
  });

  it('finds the next unread row after the selected one, wrapping to the top', () => {
    const list = rows([2, 0, 1, 0]);
    expect(nextUnreadIndex(list, null)).to.equal(0);
    expect(nextUnreadIndex(list, 'c0')).to.equal(2);
    expect(nextUnreadIndex(list, 'c2')).to.equal(0);
    expect(nextUnreadIndex(list, 'c3')).to.equal(0);
    expect(nextUnreadIndex(rows([3, 0]), 'c0')).to.equal(-1);
    expect(nextUnreadIndex(rows([0, 0]), null)).to.equal(-1);
    expect(nextUnreadIndex([], null)).to.equal(-1);
  });
});
