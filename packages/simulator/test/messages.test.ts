import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import { call, control, login, search, type Json } from './helpers.js';

const V1 = '/api-ms/chatomni/v1';

describe('messages and comments', () => {
  let sim: RunningSimulator;
  let token: string;
  let all: Json[];
  const thread = (path: string, conv: Json, extra = '') =>
    call(
      `${sim.restUrl}${V1}/${path}?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}${extra}`,
      { token },
    );

  before(async () => {
    sim = await startSimulator({ conversations: 120, seed: 3 });
    token = (await login(sim)).access_token;
    all = (await search(sim, token, { Limit: 1000 })).body.Data;
  });
  after(() => sim.close());

  it('lists Messenger messages newest first, with the latest one equal to the list header', async () => {
    for (const conv of all.filter((c) => c.LastActivities.Message).slice(0, 20)) {
      const res = await thread('messages', conv, '&limit=200');
      assert.equal(res.status, 200);
      const data: Json[] = res.body.Data;
      assert.ok(data.length >= 1);
      const times = data.map((m) => Date.parse(m.CreatedTime));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.equal(data[0].Id, conv.LastActivities.Message.Id);
      assert.equal(data[0].Message, conv.LastActivities.Message.Message);
      for (const m of data) {
        assert.match(m.Id, /^[0-9a-f]{24}$/);
        assert.equal(m.MessageType, 11);
        assert.equal(m.Type, 'message');
        assert.match(m.CreatedTime, /\.\d{3}Z$/);
        assert.match(m.Data.id, /^m_/);
        if (m.IsOwner) assert.equal(typeof m.ApplicationUser.Name, 'string');
        else assert.equal(m.ApplicationUser, null);
        for (const a of m.Attachments) {
          assert.equal(a.Type, 'image');
          assert.match(a.Payload.Url, /^https:\/\//);
        }
      }
      assert.equal(res.body.After, null);
    }
  });

  it('pages older messages with After until After is null', async () => {
    // Every 20th generated conversation has 25–60 messages; find one.
    let long: Json | undefined;
    for (const c of all.filter((x) => x.LastActivities.Message)) {
      const res = await thread('messages', c, '&limit=200');
      if (res.body.Data.length > 20) {
        long = { conv: c, data: res.body.Data };
        break;
      }
    }
    assert.ok(long, 'a conversation with more than 20 messages exists');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await thread('messages', long.conv, cursor ? `&after=${cursor}` : '');
      assert.equal(res.status, 200);
      assert.ok(res.body.Data.length <= 20);
      seen.push(...res.body.Data.map((m: Json) => m.Id));
      cursor = res.body.After;
      assert.equal(res.body.Cursor, cursor);
    } while (cursor !== null);
    assert.deepEqual(
      seen,
      long.data.map((m: Json) => m.Id),
    );
  });

  it('lists comments with their post and nested shop replies', async () => {
    const withComments = all.filter((c) => c.LastActivities.Comment);
    let replies = 0;
    for (const conv of withComments) {
      const res = await thread('messages/comments', conv);
      assert.equal(res.status, 200);
      for (const c of res.body.Data as Json[]) {
        assert.equal(c.MessageType, 12);
        assert.equal(c.ParentId, null);
        assert.match(c.ObjectId, /^\d{15}_\d{15}$/);
        assert.equal(c.PostId, c.ObjectId);
        assert.equal(c.Object.Id, c.ObjectId);
        assert.ok([0, 1].includes(c.Object.ObjectType));
        assert.equal(typeof c.Object.Title, 'string');
        assert.match(c.Data.id, /^\d{15}_\d{15}$/);
        assert.equal(c.Data.id.split('_')[0], c.ObjectId.split('_')[1]);
        for (const r of c.Messages) {
          replies++;
          assert.equal(r.ParentId, c.Id);
          assert.equal(r.IsOwner, true);
          assert.equal(r.Data.parent.id, c.Data.id);
        }
      }
    }
    assert.ok(replies > 0, 'some generated comments have shop replies');
  });

  it('returns both kinds from messages/all, each with Type', async () => {
    const conv = all.find((c) => c.LastActivities.Message && c.LastActivities.Comment)!;
    const res = await thread('messages/all', conv, '&limit=200');
    const types = new Set(res.body.Data.map((m: Json) => m.Type));
    assert.deepEqual([...types].sort(), ['comment', 'message']);
    const times = res.body.Data.map((m: Json) => Date.parse(m.CreatedTime));
    assert.deepEqual(
      times,
      [...times].sort((a: number, b: number) => b - a),
    );
  });

  it('answers an unknown conversation with an empty page and a missing parameter with 400', async () => {
    const res = await call(`${sim.restUrl}${V1}/messages?type=4&channelId=1&userId=2`, { token });
    assert.deepEqual(res.body, { Data: [], Cursor: null, After: null, Before: null });
    const bad = await call(`${sim.restUrl}${V1}/messages?type=4&channelId=1`, { token });
    assert.equal(bad.status, 400);
    const cursor = await thread('messages', all[0], '&after=nope');
    assert.equal(cursor.status, 400);
    const limit = await thread('messages', all[0], '&limit=abc');
    assert.equal(limit.status, 400);
  });

  it('stores emitted messages so polling returns them, and mark seen clears the unread count', async () => {
    const conv = all.find((c) => c.LastActivities.Message)!;
    const emitted = await control(sim, 'emit', {
      conversationId: conv.Id,
      text: 'Còn hàng không shop?',
    });
    assert.equal(emitted.status, 200);
    const page = await thread('messages', conv);
    assert.equal(page.body.Data[0].Id, emitted.body.Id);
    assert.equal(page.body.Data[0].Message, 'Còn hàng không shop?');
    const state = (await call(`${sim.restUrl}/__sim/conversations/${conv.Id}`)).body;
    assert.equal(state.UnreadCount, conv.LastActivities.UnreadCount + 1);
    assert.equal(state.MessageIds.at(-1), emitted.body.Id);
    const seen = await call(
      `${sim.restUrl}${V1}/conversations/4/${conv.Channel.Id}/${conv.User.Id}/seen?isSeen=true&type=message`,
      { method: 'POST', token },
    );
    assert.equal(seen.status, 200);
    assert.equal(seen.body.UnreadCount, 0);
    const after = (await search(sim, token, { Limit: 1 })).body.Data[0];
    assert.equal(after.Id, conv.Id);
    assert.equal(after.LastActivities.UnreadCount, 0);
    assert.equal(after.LastActivities.HasUnread, false);
    const unknown = await call(`${sim.restUrl}${V1}/conversations/4/1/2/seen`, {
      method: 'POST',
      token,
    });
    assert.equal(unknown.status, 404);
  });

  it('serves the same thread under the /api prefix', async () => {
    const conv = all[0];
    const direct = await thread('messages/all', conv);
    const prefixed = await call(
      `${sim.restUrl}/api${V1}/messages/all?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`,
      { token },
    );
    assert.deepEqual(prefixed.body, direct.body);
  });
});
