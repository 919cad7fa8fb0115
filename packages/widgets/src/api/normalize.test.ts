import { expect } from '@open-wc/testing';
import { normalizeRestMessage, restCommentId } from './normalize-messages.js';
import { normalizeCommentOrders, normalizeOrder } from './normalize-orders.js';

// docs/tpos-protocol.md §4.3, §7.3, §7.4, §7.6: fields the recorded TPOS may leave out.
const comment = (patch: Record<string, unknown>) => ({
  Id: '6561a0f0c1d2e3f4a5b6c7d8',
  Message: 'Còn size M không?',
  IsOwner: false,
  CreatedTime: '2025-12-19T14:22:35.887Z',
  ParentId: null,
  PostId: '111_222',
  ...patch,
});
const one = (raw: unknown, status?: number) =>
  normalizeRestMessage(raw, 'c1', 'comment', { hiddenCommentStatus: status })[0]!;

describe('normalize: what a REST comment may not carry', () => {
  it('finds the Facebook comment id where production clients looked, or none', () => {
    expect(restCommentId(comment({}))).to.equal(undefined);
    expect(restCommentId(comment({ FacebookId: '222_1' }))).to.equal('222_1');
    expect(restCommentId(comment({ Data: { id: '222_2' } }))).to.equal('222_2');
    expect(restCommentId(comment({ PlatformId: '222_3' }))).to.equal('222_3');
    expect(restCommentId(comment({ OriginalId: '222_4' }))).to.equal('222_4');
    expect(restCommentId(comment({ SocialId: '222_5' }))).to.equal('222_5');
    // An `Id` that is not a 24-hex ChatOmni id is taken for Facebook's own.
    expect(restCommentId(comment({ Id: '222_6' }))).to.equal('222_6');
    expect(one(comment({})).commentId).to.equal(undefined);
  });

  it('reads the hidden state from IsHidden, Data.is_hidden, else Status', () => {
    expect(one(comment({ Status: 2 })).isHidden).to.equal(true);
    expect(one(comment({ Status: 1 })).isHidden).to.equal(false);
    expect(one(comment({})).isHidden).to.equal(undefined);
    expect(one(comment({ Status: 30 }), 30).isHidden).to.equal(true);
    expect(one(comment({ Status: 2, IsHidden: false })).isHidden).to.equal(false);
    expect(one(comment({ Status: 1, Data: { is_hidden: true } })).isHidden).to.equal(true);
  });

  it('keeps an order answer without Code as a codeless order, or none without Id', () => {
    expect(normalizeOrder({ Id: 'o1' })).to.equal(null);
    expect(normalizeOrder({ Id: 'o1' }, true)).to.deep.equal({ id: 'o1', code: '' });
    expect(normalizeOrder({}, true)).to.equal(null);
    expect(normalizeOrder({ Id: 'o1', Code: '251204471', SessionIndex: 7 })).to.deep.equal({
      id: 'o1',
      code: '251204471',
      index: 7,
      displayCode: '#7. 251204471',
    });
  });

  it('reads GetCommentOrders display codes per customer, newest first', () => {
    const orders = normalizeCommentOrders([
      {
        asuid: 'u1',
        orders: [
          { id: 'a', session: 1, index: 3, code: '#3. 251200001' },
          { id: 'b', session: 2, index: 1, code: '#1. 251200002' },
        ],
      },
      { asuid: 'u2', orders: [{ id: 'c', code: '251200003' }, { id: 'd' }] },
      { orders: [{ id: 'e', code: '#1. 1' }] },
    ]);
    expect([...orders.keys()]).to.deep.equal(['u1', 'u2']);
    expect(orders.get('u1')!.map((o) => [o.id, o.code, o.index])).to.deep.equal([
      ['b', '251200002', 1],
      ['a', '251200001', 3],
    ]);
    expect(orders.get('u2')).to.deep.equal([
      { id: 'c', code: '251200003', displayCode: '251200003' },
    ]);
  });
});
