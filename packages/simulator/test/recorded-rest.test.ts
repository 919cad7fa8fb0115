/**
 * The recorded profile's REST answers: exact field sets, Limit, server filters (compared with a
 * rich simulator of the same seed, which has the same shop), comment actions, orders.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMENT_STATUS,
  RECORDED_SEARCH_MAX,
  startSimulator,
  type RunningSimulator,
} from '../src/index.js';
import {
  TOKEN_ANSWER_KEYS,
  call,
  decodeJwt,
  keysOf,
  login,
  search,
  simConversation,
  type Json,
} from './helpers.js';

const V1 = '/api-ms/chatomni/v1';
const SHOP = { seed: 5, conversations: 2100, now: Date.parse('2025-12-19T14:00:00Z') };

const CONVERSATION_KEYS = [
  'ApplicationPartner',
  'Channel',
  'Id',
  'LastActivities',
  'Name',
  'Phone',
  'User',
];
const ACTIVITY_KEYS = ['ActivitedTime', 'Comment', 'HasUnread', 'Message', 'UnreadCount'];
const MESSAGE_KEYS = [
  'ApplicationUser',
  'Attachments',
  'Channel',
  'CreatedTime',
  'Id',
  'IsOwner',
  'Message',
  'MessageType',
  'Owner',
  'Status',
  'Type',
  'UpdatedTime',
  'User',
];
const COMMENT_KEYS = [
  'CreatedTime',
  'Id',
  'IsOwner',
  'Message',
  'Messages',
  'Object',
  'ParentId',
  'PostId',
  'Status',
];
const PAGE_KEYS = ['After', 'Before', 'Cursor', 'Data'];

function assertMessage(m: Json): void {
  assert.deepEqual(keysOf(m), MESSAGE_KEYS);
  assert.deepEqual(keysOf(m.Channel), ['Id', 'Type']);
  assert.deepEqual(keysOf(m.Owner), ['Id']);
  assert.deepEqual(keysOf(m.User), ['Id']);
  if (m.ApplicationUser !== null)
    assert.deepEqual(keysOf(m.ApplicationUser), ['Id', 'Name', 'UserName']);
  for (const a of m.Attachments) {
    assert.deepEqual(keysOf(a), ['Payload', 'Type']);
    assert.deepEqual(keysOf(a.Payload), ['Url']);
  }
}

/** Checks a comment and its nested replies; returns how many replies it has. */
function assertComment(c: Json, extra: string[] = []): number {
  assert.deepEqual(keysOf(c), [...COMMENT_KEYS, ...extra].sort());
  assert.deepEqual(keysOf(c.Object), ['Description', 'ObjectType', 'Title']);
  assert.match(c.PostId, /^\d{15}_\d{15}$/);
  for (const r of c.Messages) {
    assert.deepEqual(keysOf(r), COMMENT_KEYS);
    assert.equal(r.ParentId, c.Id);
  }
  return c.Messages.length;
}

describe('recorded profile: REST answers', () => {
  let sim: RunningSimulator;
  let rich: RunningSimulator;
  let token: string;
  let richToken: string;
  /** The newest 2000 conversations, as the recorded profile lists them. */
  let all: Json[];
  const ids = (list: Json[]) => list.map((c) => c.Id as string);
  const find = async (body: Record<string, unknown>, t = token, s = sim) => {
    const res = await search(s, t, body);
    assert.equal(res.status, 200, res.text);
    return res.body.Data as Json[];
  };
  const get = (path: string) => call(`${sim.restUrl}${path}`, { token });
  const post = (path: string, json?: unknown) =>
    call(`${sim.restUrl}${path}`, { method: 'POST', token, json });
  const thread = (kind: string, conv: Json, extra = '') =>
    get(`${V1}/${kind}?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}${extra}`);
  const pages = async () =>
    (await get('/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs')).body.value[0]
      .Childs as Json[];

  before(async () => {
    sim = await startSimulator({ ...SHOP, profile: 'recorded' });
    rich = await startSimulator(SHOP);
    token = (await login(sim)).access_token;
    richToken = (await login(rich)).access_token;
    all = await find({ Limit: RECORDED_SEARCH_MAX });
  });
  after(async () => {
    await sim.close();
    await rich.close();
  });

  it('answers conversations/search with Data only, each conversation with the recorded fields', async () => {
    const res = await search(sim, token, { Limit: 200 });
    assert.deepEqual(keysOf(res.body), ['Data']);
    const kinds = { message: 0, comment: 0 };
    for (const c of res.body.Data as Json[]) {
      assert.deepEqual(keysOf(c), CONVERSATION_KEYS);
      assert.deepEqual(keysOf(c.Channel), ['Id', 'Type']);
      assert.deepEqual(keysOf(c.User), ['Id']);
      assert.deepEqual(keysOf(c.ApplicationPartner), ['StatusText']);
      assert.deepEqual(keysOf(c.LastActivities), ACTIVITY_KEYS);
      for (const kind of ['Message', 'Comment'] as const) {
        const last = c.LastActivities[kind];
        if (last === null) continue;
        assert.deepEqual(keysOf(last), ['Message']);
        kinds[kind === 'Message' ? 'message' : 'comment']++;
      }
    }
    assert.ok(kinds.message > 0 && kinds.comment > 0, JSON.stringify(kinds));
  });

  it('returns the newest Limit conversations (default 50), never more than 2000', async () => {
    assert.equal(RECORDED_SEARCH_MAX, 2000);
    const richAll = ids(await find({ Limit: 5000 }, richToken, rich));
    assert.equal(richAll.length, 2100);
    assert.deepEqual(ids(await find({})), richAll.slice(0, 50));
    for (const limit of [50, 200, 2000, 2001, 5000]) {
      const got = ids(await find({ Limit: limit }));
      assert.deepEqual(got, richAll.slice(0, Math.min(limit, 2000)), `Limit ${limit}`);
    }
  });

  it('ignores Before and After, whatever they hold', async () => {
    const first = ids(await find({ Limit: 10 }));
    const richPage = await search(rich, richToken, { Limit: 10 });
    for (const cursor of [
      { After: 'garbage' },
      { Before: 'garbage' },
      { After: richPage.body.After },
      { Before: richPage.body.Before },
    ]) {
      assert.deepEqual(ids(await find({ Limit: 10, ...cursor })), first, JSON.stringify(cursor));
    }
  });

  it('applies the server filters as the rich profile does, although their fields are absent', async () => {
    const pageId = all[0].Channel.Id;
    const filters: Record<string, unknown>[] = [
      { HasPhone: true },
      { HasAddress: true },
      { HasOrder: true },
      { IsUnread: true },
      { IsUnreplied: true },
      { Keyword: 'size' },
      { Channels: [{ Id: pageId, Type: 4 }] },
      { Type: 'message' },
      { Type: 'comment' },
      { HasPhone: true, Type: 'comment', IsUnread: true },
    ];
    for (const filter of filters) {
      const body = { Limit: 2000, ...filter };
      const got = ids(await find(body));
      const expected = ids(await find(body, richToken, rich));
      assert.ok(got.length > 0 && got.length < all.length, JSON.stringify(filter));
      assert.deepEqual(got, expected, JSON.stringify(filter));
    }
  });

  it('lists messages in the used envelope with the recorded and also-seen fields only', async () => {
    let long: { conv: Json; first: Json } | undefined;
    for (const conv of all.filter((c) => c.LastActivities.Message).slice(0, 200)) {
      const res = await thread('messages', conv, '&limit=200');
      assert.deepEqual(keysOf(res.body), PAGE_KEYS);
      for (const m of res.body.Data) assertMessage(m);
      if (res.body.After !== null) {
        long = { conv, first: res.body };
        break;
      }
    }
    assert.ok(long, 'a conversation has more than one page');
    // `limit` and `before` were never sent by a real client: pages stay at 20.
    assert.equal(long.first.Data.length, 20);
    const before = await thread('messages', long.conv, `&before=${long.first.Before}`);
    assert.deepEqual(ids(before.body.Data), ids(long.first.Data));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await thread('messages', long.conv, cursor ? `&after=${cursor}` : '');
      seen.push(...ids(res.body.Data));
      cursor = res.body.After;
      assert.equal(res.body.Cursor, cursor);
    } while (cursor !== null);
    const conv = long.conv;
    const whole = await call(
      `${rich.restUrl}${V1}/messages?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}&limit=200`,
      { token: richToken },
    );
    assert.deepEqual(seen, ids(whole.body.Data));
  });

  it('lists comments with the recorded fields, replies nested alike, Status 1 when visible', async () => {
    let replies = 0;
    for (const conv of all.filter((c) => c.LastActivities.Comment).slice(0, 60)) {
      const res = await thread('messages/comments', conv);
      assert.deepEqual(keysOf(res.body), PAGE_KEYS);
      for (const c of res.body.Data as Json[]) {
        replies += assertComment(c);
        assert.equal(c.ParentId, null);
        assert.equal(c.Status, COMMENT_STATUS.visible);
      }
    }
    assert.ok(replies > 0, 'some comments have nested replies');
  });

  it('tells the kinds apart in messages/all by Type', async () => {
    const conv = all.find((c) => c.LastActivities.Message && c.LastActivities.Comment)!;
    const res = await thread('messages/all', conv);
    const types = new Set<string>();
    for (const item of res.body.Data as Json[]) {
      types.add(item.Type);
      if (item.Type === 'comment') assertComment(item, ['Type']);
      else assertMessage(item);
    }
    assert.deepEqual([...types].sort(), ['comment', 'message']);
  });

  it('hides and replies by Facebook comment id only, answers {}, and shows hidden as Status 2', async () => {
    const conv = all.find((c) => c.LastActivities.Comment)!;
    const path = `${V1}/messages/comments?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`;
    const target = (await get(path)).body.Data[0];
    const state = await simConversation(sim, conv.Id);
    const fbId = state.Items.find((i: Json) => i.Id === target.Id).FacebookId;
    assert.match(fbId, /^\d{15}_\d{15}$/);
    const hide = (commentId: string, hidden: boolean) =>
      post('/rest/v2.0/facebook-graph/comment/hide', {
        pageid: conv.Channel.Id,
        commentId,
        is_hidden: hidden,
      });
    const statusOf = async () =>
      (await get(path)).body.Data.find((c: Json) => c.Id === target.Id).Status;
    assert.equal((await hide(target.Id, true)).status, 404);
    assert.equal(await statusOf(), COMMENT_STATUS.visible);
    const hidden = await hide(fbId, true);
    assert.equal(hidden.status, 200);
    assert.deepEqual(hidden.body, {});
    assert.equal(await statusOf(), COMMENT_STATUS.hidden);
    assert.deepEqual((await hide(fbId, false)).body, {});
    assert.equal(await statusOf(), COMMENT_STATUS.visible);

    const reply = (commentId: string) =>
      post('/rest/v2.0/facebook-graph/comment/reply', {
        pageid: conv.Channel.Id,
        commentId,
        message: 'Dạ shop inbox chị nhé',
      });
    assert.equal((await reply(target.Id)).status, 404);
    const replied = await reply(fbId);
    assert.equal(replied.status, 200);
    assert.deepEqual(replied.body, {});
    const stored = (await get(path)).body.Data.find((c: Json) => c.Id === target.Id);
    assertComment(stored);
    assert.equal(stored.Messages.at(-1).Message, 'Dạ shop inbox chị nhé');
    assert.equal(stored.Messages.at(-1).IsOwner, true);
  });

  it('answers mark-seen with {} and clears the unread count', async () => {
    const conv = all.find((c) => c.LastActivities.UnreadCount > 0)!;
    const seen = await post(
      `${V1}/conversations/4/${conv.Channel.Id}/${conv.User.Id}/seen?isSeen=true&type=message`,
    );
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body, {});
    const now = (await find({ Limit: 2000 })).find((c) => c.Id === conv.Id)!;
    assert.equal(now.LastActivities.UnreadCount, 0);
    assert.equal(now.LastActivities.HasUnread, false);
  });

  it('lists pages with ids, names, logos and the page token only (no other token field)', async () => {
    const res = await get('/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs');
    assert.deepEqual(keysOf(res.body), ['value']);
    assert.equal(res.body.value.length, 1);
    assert.deepEqual(keysOf(res.body.value[0]), ['Childs']);
    for (const page of res.body.value[0].Childs) {
      assert.deepEqual(keysOf(page), [
        'ChannelId',
        'Facebook_PageId',
        'Facebook_PageLogo',
        'Facebook_PageName',
        'Facebook_PageToken',
        'Id',
        'Name',
        'Type',
      ]);
    }
    const tokenFields = res.text.match(/"\w*(Token|Secret)\w*"\s*:/g) ?? [];
    assert.deepEqual(
      tokenFields.map((f: string) => f.replace(/\s/g, '')),
      res.body.value[0].Childs.map(() => '"Facebook_PageToken":'),
    );
  });

  it('answers customer info with the used fields and an empty Conversation', async () => {
    const childs = await pages();
    const teamOf = (c: Json) => childs.find((p) => p.Facebook_PageId === c.Channel.Id)!.Id;
    const withOrder = (await find({ HasOrder: true, Limit: 1 }))[0]!;
    const info = await get(`/rest/v2.0/chatomni/info/${teamOf(withOrder)}_${withOrder.User.Id}`);
    assert.equal(info.status, 200);
    assert.deepEqual(keysOf(info.body), ['Conversation', 'Order', 'Partner', 'Revenue']);
    assert.deepEqual(keysOf(info.body.Partner), [
      'FullAddress',
      'Id',
      'Name',
      'Phone',
      'Status',
      'StatusText',
    ]);
    assert.deepEqual(keysOf(info.body.Order), [
      'Code',
      'DateCreated',
      'Id',
      'Note',
      'Status',
      'StatusText',
    ]);
    assert.deepEqual(info.body.Conversation, {});
    assert.deepEqual(keysOf(info.body.Revenue), ['RevenueTotal']);
    const withOrders = new Set(ids(await find({ HasOrder: true, Limit: 2000 })));
    const without = all.find((c) => !withOrders.has(c.Id))!;
    const none = await get(`/rest/v2.0/chatomni/info/${teamOf(without)}_${without.User.Id}`);
    assert.equal(none.body.Order, null);
  });

  it('creates an order answering only Id; GetCommentOrders and chatomni/info show its code', async () => {
    const withOrders = new Set(ids(await find({ HasOrder: true, Limit: 2000 })));
    const conv = all.find((c) => c.LastActivities.Comment && !withOrders.has(c.Id))!;
    const team = (await pages()).find((p) => p.Facebook_PageId === conv.Channel.Id)!;
    const comment = (await thread('messages/comments', conv)).body.Data[0];
    const fbId = (await simConversation(sim, conv.Id)).Items.find(
      (i: Json) => i.Id === comment.Id,
    ).FacebookId;
    const res = await post('/odata/SaleOnline_Order', {
      CRMTeamId: team.Id,
      Facebook_UserName: conv.Name,
      Facebook_ASUserId: conv.User.Id,
      Facebook_PostId: comment.PostId,
      Facebook_CommentId: fbId,
    });
    assert.equal(res.status, 201);
    assert.deepEqual(keysOf(res.body), ['Id']);
    const codes = await get(
      `/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders?$expand=orders&PostId=${comment.PostId}`,
    );
    assert.deepEqual(keysOf(codes.body), ['value']);
    for (const entry of codes.body.value) {
      assert.deepEqual(keysOf(entry), ['asuid', 'orders']);
      for (const o of entry.orders)
        assert.deepEqual(keysOf(o), ['code', 'id', 'index', 'session', 'tags']);
    }
    const mine = codes.body.value.find((v: Json) => v.asuid === conv.User.Id);
    const order = mine.orders.find((o: Json) => o.id === res.body.Id);
    assert.match(order.code, /^#\d+\. \d{9}$/);
    const info = await get(`/rest/v2.0/chatomni/info/${team.Id}_${conv.User.Id}`);
    assert.equal(info.body.Order.Id, res.body.Id);
    assert.equal(order.code, `#${order.index}. ${info.body.Order.Code}`);
  });

  it('answers templates, partner statuses and order colours with the recorded fields', async () => {
    const templates = await get('/odata/MailTemplate?$filter=(Active eq true)');
    assert.deepEqual(keysOf(templates.body), ['value']);
    assert.equal(templates.body.value.length, 3);
    for (const t of templates.body.value) assert.deepEqual(keysOf(t), ['BodyPlain', 'Id', 'Name']);
    for (const path of ['/api/common/getpartnerstatus', '/api/common/getstylestatusorder']) {
      const richAnswer = await call(`${rich.restUrl}${path}`, { token: richToken });
      assert.deepEqual((await get(path)).body, richAnswer.body);
    }
  });

  it('issues tokens as used, with the captured JWT claims (and the simulator jti) only', async () => {
    const answer = await login(sim);
    assert.deepEqual(keysOf(answer), TOKEN_ANSWER_KEYS);
    assert.deepEqual(keysOf(decodeJwt(answer.access_token)), [
      'ClientId',
      'CompanyId',
      'DisplayName',
      'RoleIds',
      'TenantId',
      'aud',
      'exp',
      'iss',
      'jti',
      'nbf',
    ]);
  });

  it('answers 401 with no body', async () => {
    const res = await call(`${sim.restUrl}${V1}/conversations/search`, {
      method: 'POST',
      json: {},
    });
    assert.equal(res.status, 401);
    assert.equal(res.text, '');
  });
});
