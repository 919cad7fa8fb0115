import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../src/data/store.js';
import { materialize } from '../src/data/thread.js';
import { cursorOf, pageOf, parseCursor, type Keyed, type Page } from '../src/data/cursor.js';
import { fold } from '../src/data/search.js';
import { Prng } from '../src/data/prng.js';

const USERS = [
  { username: 'demo', displayName: 'Nguyễn Thu Hà', tenant: 'tomato.tpos.vn' },
  { username: 'shop2', displayName: 'Trần Minh Khôi', tenant: 'cachua.tpos.vn' },
];
const NOW = Date.UTC(2025, 11, 19, 14, 0, 0);

function snapshot(store: Store) {
  const t = store.tenant('tomato.tpos.vn')!;
  return {
    pages: t.pages,
    posts: t.posts,
    list: t.list
      .slice(0, 40)
      .map((c) => ({ ...c, kinds: [...c.kinds], thread: materialize(t, c) })),
  };
}

describe('generated data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = snapshot(new Store({ seed: 42, conversations: 200, now: NOW, users: USERS }));
    const b = snapshot(new Store({ seed: 42, conversations: 200, now: NOW, users: USERS }));
    const c = snapshot(new Store({ seed: 43, conversations: 200, now: NOW, users: USERS }));
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      a.list.map((x) => x.name),
      c.list.map((x) => x.name),
    );
  });

  it('makes threads that do not depend on the order they are read in', () => {
    const one = new Store({ seed: 9, conversations: 100, now: NOW, users: USERS });
    const two = new Store({ seed: 9, conversations: 100, now: NOW, users: USERS });
    const t1 = one.tenant('tomato.tpos.vn')!;
    const t2 = two.tenant('tomato.tpos.vn')!;
    const forward = t1.list.map((c) => materialize(t1, c));
    const backward = [...t2.list]
      .reverse()
      .map((c) => materialize(t2, c))
      .reverse();
    assert.deepEqual(forward, backward);
  });

  it('looks like a Vietnamese shop', () => {
    const store = new Store({ seed: 1, conversations: 300, now: NOW, users: USERS });
    for (const t of store.tenants.values()) {
      assert.ok(t.pages.length >= 2 && t.pages.length <= 3);
      assert.ok(t.posts.some((p) => p.objectType === 1));
      assert.equal(t.list.length, 300);
      assert.equal(new Set(t.list.map((c) => c.id)).size, 300);
      let images = 0;
      let staffReplies = 0;
      let orders = 0;
      for (const c of t.list) {
        assert.match(c.id, /^[0-9a-f]{24}$/);
        if (c.phone) assert.match(c.phone, /^09\d{8}$/);
        assert.ok(c.name.split(' ').length >= 2, c.name);
        const thread = materialize(t, c);
        const items = [...thread.messages, ...thread.comments.flatMap((x) => [x, ...x.replies])];
        assert.ok(items.length >= 1);
        assert.equal(Math.max(...items.map((i) => i.at)), c.lastAt);
        for (const i of items) {
          assert.match(i.id, /^[0-9a-f]{24}$/);
          if (i.attachments.length) images++;
          if (i.isOwner && i.staff) staffReplies++;
        }
        for (const o of c.orders) {
          orders++;
          assert.match(o.Code, /^\d{9}$/);
          assert.ok(o.SessionIndex >= 1);
        }
      }
      assert.ok(images > 5, `images: ${images}`);
      assert.ok(staffReplies > 20, `staff replies: ${staffReplies}`);
      assert.ok(orders > 5, `orders: ${orders}`);
    }
    assert.notDeepEqual(
      store.tenant('tomato.tpos.vn')!.pages.map((p) => p.id),
      store.tenant('cachua.tpos.vn')!.pages.map((p) => p.id),
    );
  });

  it('generates 100,000 conversations per tenant', () => {
    const store = new Store({
      seed: 1,
      conversations: 100_000,
      now: NOW,
      users: [USERS[0]!],
    });
    const t = store.tenant('tomato.tpos.vn')!;
    assert.equal(t.list.length, 100_000);
    assert.equal(t.byId.size, 100_000);
    assert.equal(t.list.filter((c) => c.thread !== null).length, 0, 'threads are lazy');
  });
});

describe('cursors and keyword folding', () => {
  it('parses its own cursors, bare times, and refuses garbage', () => {
    const id = 'a'.repeat(24);
    assert.deepEqual(parseCursor(cursorOf({ at: 1700000000123, id })), { at: 1700000000123, id });
    assert.deepEqual(parseCursor('2025-12-19T14:22:35.887Z'), {
      at: Date.parse('2025-12-19T14:22:35.887Z'),
      id: '',
    });
    assert.deepEqual(parseCursor(5), { at: 5, id: '' });
    assert.equal(parseCursor(null), undefined);
    assert.equal(parseCursor(''), undefined);
    for (const bad of ['x', '12_zz', {}, [], true]) assert.equal(parseCursor(bad), null);
  });

  it('pages ties by id without loss or repeats', () => {
    const items = Array.from({ length: 9 }, (_, i) => ({
      at: 100,
      id: i.toString(16).padStart(24, '0'),
    })).sort((a, b) => (a.id < b.id ? 1 : -1));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page<Keyed> = pageOf(items, (x) => x, 4, parseCursor(after) ?? undefined);
      seen.push(...page.items.map((x) => x.id));
      after = page.after;
    } while (after);
    assert.deepEqual(
      seen,
      items.map((x) => x.id),
    );
  });

  it('folds Vietnamese diacritics and case', () => {
    assert.equal(fold('Đặng Thị Phượng'), 'dang thi phuong');
    assert.equal(fold('HUỲNH Ngọc Trâm'), 'huynh ngoc tram');
  });

  it('has a deterministic PRNG', () => {
    const a = new Prng(1);
    const b = new Prng(1);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual(
      xs,
      Array.from({ length: 5 }, () => new Prng(2).next()),
    );
  });
});
