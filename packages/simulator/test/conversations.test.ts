import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import { call, control, login, search, type Json } from './helpers.js';

const TIME_ID = /^\d{13}_[0-9a-f]{24}$/;

describe('POST /api-ms/chatomni/v1/conversations/search', () => {
  let sim: RunningSimulator;
  let token: string;
  let all: Json[];
  const find = async (body: Record<string, unknown>) => {
    const res = await search(sim, token, { Limit: 1000, ...body });
    assert.equal(res.status, 200, res.text);
    return res.body.Data as Json[];
  };
  const ids = (list: Json[]) => list.map((c) => c.Id);

  before(async () => {
    sim = await startSimulator({ conversations: 300, seed: 7 });
    token = (await login(sim)).access_token;
    all = await find({});
  });
  after(() => sim.close());

  it('returns every conversation of the tenant, newest activity first, with the documented shape', () => {
    assert.equal(all.length, 300);
    const times = all.map((c) => Date.parse(c.LastActivities.ActivitedTime));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const c = all[0];
    assert.match(c.Id, /^[0-9a-f]{24}$/);
    assert.equal(c.Channel.Type, 4);
    assert.match(c.Channel.Id, /^\d{15}$/);
    assert.match(c.User.Id, /^\d{16}$/);
    assert.equal(typeof c.ApplicationPartner.StatusText, 'string');
    assert.match(c.LastActivities.ActivitedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(c.LastActivities.HasUnread, c.LastActivities.UnreadCount > 0);
    for (const conv of all) {
      if (conv.Phone !== null) assert.match(conv.Phone, /^09\d{8}$/);
      assert.equal(conv.HasPhone, conv.Phone !== null);
    }
  });

  it('applies the default limit of 50 and caps Limit', async () => {
    assert.equal((await search(sim, token, {})).body.Data.length, 50);
    assert.equal((await find({ Limit: 7 })).length, 7);
  });

  it('matches Keyword on name without case or diacritics', async () => {
    const target = all.find((c) => /[ăâđêôơư]/i.test(c.Name))!;
    const plain = target.Name.normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toUpperCase();
    const hits = await find({ Keyword: plain });
    assert.ok(ids(hits).includes(target.Id));
    for (const c of hits) {
      const folded = (s: string) =>
        s
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[đĐ]/g, 'd')
          .toLowerCase();
      const text = c.LastActivities.Message?.Message ?? '';
      const comment = c.LastActivities.Comment?.Message ?? '';
      assert.ok(
        [c.Name, text, comment].some((s) => folded(s).includes(folded(plain))),
        `${c.Name} does not match ${plain}`,
      );
    }
  });

  it('matches Keyword on phone digits and on the last message', async () => {
    const withPhone = all.find((c) => c.Phone)!;
    assert.deepEqual(ids(await find({ Keyword: withPhone.Phone })), [withPhone.Id]);
    const hits = await find({ Keyword: 'size' });
    assert.ok(hits.length > 0);
    for (const c of hits) {
      const last =
        c.LastActivities.Type === 'message' ? c.LastActivities.Message : c.LastActivities.Comment;
      assert.ok(/size/i.test(c.Name) || /size/i.test(last.Message), last.Message);
    }
    assert.deepEqual(await find({ Keyword: 'zzzqqq-nothing' }), []);
  });

  it('filters by Channels', async () => {
    const pageId = all[0].Channel.Id;
    const hits = await find({ Channels: [{ Id: pageId, Type: 4 }] });
    assert.deepEqual(ids(hits), ids(all.filter((c) => c.Channel.Id === pageId)));
    assert.ok(hits.length < all.length);
  });

  it('filters by Type message and comment', async () => {
    const messages = await find({ Type: 'message' });
    const comments = await find({ Type: 'comment' });
    assert.deepEqual(ids(messages), ids(all.filter((c) => c.LastActivities.Message !== null)));
    assert.deepEqual(ids(comments), ids(all.filter((c) => c.LastActivities.Comment !== null)));
    assert.ok(messages.length > 0 && comments.length > 0 && messages.length < 300);
    assert.equal((await find({ Type: 'all' })).length, 300);
  });

  it('filters by HasPhone, HasAddress, HasOrder, IsUnread and UserIds', async () => {
    const cases: [string, (c: Json) => boolean][] = [
      ['HasPhone', (c) => c.HasPhone],
      ['HasAddress', (c) => c.HasAddress],
      ['HasOrder', (c) => c.HasOrder],
      ['IsUnread', (c) => c.LastActivities.UnreadCount > 0],
    ];
    for (const [key, test] of cases) {
      const hits = await find({ [key]: true });
      const expected = all.filter(test);
      assert.ok(expected.length > 0 && expected.length < 300, key);
      assert.deepEqual(ids(hits), ids(expected), key);
      assert.equal((await find({ [key]: null })).length, 300, `${key}: null`);
    }
    const staffId = all.find((c) => c.AssignedUserIds.length > 0)!.AssignedUserIds[0];
    const assigned = await find({ UserIds: [staffId] });
    assert.deepEqual(ids(assigned), ids(all.filter((c) => c.AssignedUserIds.includes(staffId))));
    assert.deepEqual(await find({ TagIds: ['x'] }), []);
  });

  it('combines filters', async () => {
    const hits = await find({ HasPhone: true, Type: 'comment', IsUnread: true });
    const expected = all.filter(
      (c) => c.HasPhone && c.LastActivities.Comment !== null && c.LastActivities.UnreadCount > 0,
    );
    assert.deepEqual(ids(hits), ids(expected));
  });

  it('pages with After through every conversation exactly once, ending with After null', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search(sim, token, { Limit: 40, After: cursor });
      assert.equal(res.status, 200);
      seen.push(...ids(res.body.Data));
      cursor = res.body.After;
      if (cursor !== null) assert.match(cursor, TIME_ID);
      pages++;
    } while (cursor !== null);
    assert.equal(pages, 8);
    assert.deepEqual(seen, ids(all));
  });

  it('catches up with Before: only newer conversations, closest first page', async () => {
    const first = await search(sim, token, { Limit: 5 });
    const cursor = first.body.Before;
    assert.match(cursor, TIME_ID);
    const none = await search(sim, token, { Limit: 5, Before: cursor });
    assert.deepEqual(none.body.Data, []);
    const a = await control(sim, 'emit', { newConversation: true, name: 'Khách Mới Một' });
    const b = await control(sim, 'emit', { newConversation: true, name: 'Khách Mới Hai' });
    const newer = await search(sim, token, { Limit: 1, Before: cursor });
    assert.deepEqual(ids(newer.body.Data), [a.body.ConversationId]);
    const next = await search(sim, token, { Limit: 5, Before: newer.body.Before });
    assert.deepEqual(ids(next.body.Data), [b.body.ConversationId]);
    const top = await find({ Limit: 2 });
    assert.deepEqual(ids(top), [b.body.ConversationId, a.body.ConversationId]);
  });

  it('rejects malformed cursors and wrong types with 400 JSON', async () => {
    for (const body of [
      { After: 'garbage' },
      { Limit: 'ten' },
      { Limit: -1 },
      { Keyword: 42 },
      { Channels: 'abc' },
      { Channels: [{}] },
      { Type: 'sms' },
      { HasPhone: 'yes' },
      { Start: 'yesterday' },
    ]) {
      const res = await search(sim, token, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'BadRequest');
      assert.equal(typeof res.body.error.message, 'string');
    }
    for (const raw of ['{"Limit":', '[1,2]', '"text"']) {
      const res = await call(`${sim.restUrl}/api-ms/chatomni/v1/conversations/search`, {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: raw,
      });
      assert.equal(res.status, 400, raw);
    }
  });

  it('keeps tenants apart', async () => {
    const other = (await login(sim, 'shop2', 'shop2pass')).access_token;
    const res = await search(sim, other, { Limit: 1000 });
    assert.equal(res.body.Data.length, 300);
    const mine = new Set(ids(all));
    assert.ok(res.body.Data.every((c: Json) => !mine.has(c.Id)));
  });
});
