import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import { TOMATO, call, connected, login, once, search, socketTo, type Json } from './helpers.js';

describe('odata, rest and api/common endpoints', () => {
  let sim: RunningSimulator;
  let token: string;
  let all: Json[];
  let socket: Socket;
  const get = (path: string) => call(`${sim.restUrl}${path}`, { token });
  const post = (path: string, json: unknown) =>
    call(`${sim.restUrl}${path}`, { method: 'POST', token, json });

  before(async () => {
    sim = await startSimulator({ conversations: 200, seed: 11 });
    token = (await login(sim)).access_token;
    all = (await search(sim, token, { Limit: 1000 })).body.Data;
    socket = await connected(socketTo(sim.rtUrl, { room: TOMATO, token }));
  });
  after(async () => {
    socket.close();
    await sim.close();
  });

  it('lists the Facebook pages with Childs and their (fake) page tokens', async () => {
    const res = await get('/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs');
    assert.equal(res.status, 200);
    const [team] = res.body.value;
    assert.equal(res.body.value.length, 1);
    assert.ok(team.Childs.length >= 2 && team.Childs.length <= 3);
    const pageIds = new Set(all.map((c) => c.Channel.Id));
    for (const page of team.Childs) {
      assert.match(page.Facebook_PageId, /^\d{15}$/);
      assert.equal(page.ChannelId, page.Facebook_PageId);
      assert.equal(typeof page.Facebook_PageName, 'string');
      assert.match(page.Facebook_PageLogo, /^https:\/\//);
      assert.match(page.Facebook_PageToken, /^EAA/);
      assert.equal(typeof page.Id, 'number');
      assert.ok(pageIds.has(page.Facebook_PageId));
    }
    const without = await get('/odata/CRMTeam/ODataService.GetAllFacebook');
    assert.equal(without.body.value[0].Childs, undefined);
  });

  it('answers partner statuses and order status colours as captured', async () => {
    const statuses = await get('/api/common/getpartnerstatus');
    assert.deepEqual(statuses.body.slice(0, 3), [
      { value: '#5cb85c', text: 'Bình thường' },
      { value: '#d1332e', text: 'Bom hàng' },
      { value: '#f0ad4e', text: 'Cảnh báo' },
    ]);
    assert.deepEqual(
      statuses.body.map((s: Json) => s.text),
      ['Bình thường', 'Bom hàng', 'Cảnh báo', 'Khách sỉ', 'Nguy hiểm', 'Thân thiết', 'Vip'],
    );
    const prefixed = await get('/api/api/common/getpartnerstatus');
    assert.deepEqual(prefixed.body, statuses.body);
    const styles = await get('/api/common/getstylestatusorder');
    assert.deepEqual(styles.body, { Nháp: '#808080', 'Đơn hàng': '#27c24c', Hủy: '#ff0000' });
  });

  it('lists active mail templates', async () => {
    const res = await get('/odata/MailTemplate?$filter=(Active eq true)');
    assert.equal(res.body.value.length, 3);
    for (const t of res.body.value) {
      assert.equal(t.Active, true);
      assert.equal(typeof t.Name, 'string');
      assert.equal(typeof t.BodyPlain, 'string');
    }
    assert.equal((await get('/odata/MailTemplate')).body.value.length, 4);
  });

  it('creates an order: answer, on-events "created", customer info and display codes', async () => {
    const teams = (await get('/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs')).body
      .value[0].Childs as Json[];
    const conv = all.find((c) => c.LastActivities.Comment && !c.HasOrder)!;
    const team = teams.find((t) => t.Facebook_PageId === conv.Channel.Id)!;
    const comments = await get(
      `/api-ms/chatomni/v1/messages/comments?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`,
    );
    const comment = comments.body.Data[0];
    const event = once<string>(socket, 'on-events');
    const res = await post('/odata/SaleOnline_Order', {
      CRMTeamId: team.Id,
      Facebook_UserName: conv.Name,
      Facebook_ASUserId: conv.User.Id,
      Facebook_PostId: comment.ObjectId,
      Facebook_CommentId: comment.Data.id,
      Phone: '0912345678',
      Note: 'Giao giờ hành chính',
    });
    assert.equal(res.status, 201);
    const order = res.body;
    assert.match(order.Id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(order.Code, /^\d{9}$/);
    assert.ok(order.SessionIndex >= 1);
    assert.equal(order.Facebook_PostId, comment.ObjectId);
    assert.equal(order.Note, 'Giao giờ hành chính');
    assert.equal(order.StatusText, 'Nháp');
    const envelope = JSON.parse(await event);
    assert.equal(envelope.Type, 'SaleOnline_Order');
    assert.equal(envelope.EventName, 'created');
    assert.equal(envelope.Message, `Nguyễn Thu Hà: label.create_order_with_code ${order.Code}.`);
    assert.deepEqual(envelope.Data, {
      Facebook_PostId: comment.ObjectId,
      Facebook_UserName: conv.Name,
      Facebook_ASUserId: conv.User.Id,
      Facebook_CommentId: comment.Data.id,
      Id: order.Id,
      Code: order.Code,
      Session: order.Session,
      SessionIndex: order.SessionIndex,
    });
    const info = await get(`/rest/v2.0/chatomni/info/${team.Id}_${conv.User.Id}`);
    assert.equal(info.status, 200);
    assert.equal(info.body.Order.Id, order.Id);
    assert.equal(info.body.Partner.Name, conv.Name);
    assert.equal(info.body.Partner.Phone, conv.Phone ?? '0912345678');
    assert.equal(typeof info.body.Revenue.RevenueTotal, 'number');
    assert.equal(info.body.Conversation.Id, conv.Id);
    const codes = await get(
      `/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders?$expand=orders&PostId=${comment.ObjectId}`,
    );
    const mine = codes.body.value.find((v: Json) => v.asuid === conv.User.Id);
    assert.deepEqual(mine.orders.at(-1), {
      id: order.Id,
      session: order.Session,
      index: order.SessionIndex,
      code: `#${order.SessionIndex}. ${order.Code}`,
      tags: [],
    });
    const after = await search(sim, token, { HasOrder: true, Limit: 1000 });
    assert.ok(after.body.Data.some((c: Json) => c.Id === conv.Id));
  });

  it('refuses bad order bodies with 400', async () => {
    assert.equal((await post('/odata/SaleOnline_Order', {})).status, 400);
    assert.equal((await post('/odata/SaleOnline_Order', { Facebook_ASUserId: 5 })).status, 400);
    assert.equal((await post('/odata/SaleOnline_Order', { Facebook_ASUserId: '1' })).status, 400);
  });

  it('gives generated orders display codes per post', async () => {
    const conv = all.find((c) => c.HasOrder)!;
    const postId = conv.LastActivities.Comment?.ObjectId;
    assert.ok(postId);
    const codes = await get(
      `/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders?PostId=${postId}`,
    );
    const mine = codes.body.value.find((v: Json) => v.asuid === conv.User.Id);
    assert.ok(mine.orders.length >= 1);
    for (const o of mine.orders) assert.match(o.code, /^#\d+\. \d{9}$/);
    assert.equal(
      (await get('/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders')).status,
      400,
    );
  });

  it('replies to a comment: stored under the parent and echoed as IsOwner', async () => {
    const conv = all.find((c) => c.LastActivities.Comment)!;
    const path = `/api-ms/chatomni/v1/messages/comments?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`;
    const parent = (await get(path)).body.Data[0];
    const event = once<string>(socket, 'on-events');
    const res = await post('/rest/v2.0/facebook-graph/comment/reply', {
      pageid: conv.Channel.Id,
      commentId: parent.Data.id,
      message: 'Dạ shop inbox chị nhé',
    });
    assert.equal(res.status, 200);
    assert.match(res.body.id, /^\d{15}_\d{15}$/);
    const envelope = JSON.parse(await event);
    assert.equal(envelope.EventName, 'chatomni.on-message');
    assert.equal(envelope.Message.IsOwner, true);
    assert.equal(envelope.Message.MessageType, 12);
    assert.equal(envelope.Message.ParentId, parent.Id);
    assert.equal(envelope.Message.Id, res.body.Id);
    assert.equal(envelope.Message.Data.parent.id, parent.Data.id);
    assert.equal(envelope.Message.CreatedBy.UserName, 'demo');
    const stored = (await get(path)).body.Data.find((c: Json) => c.Id === parent.Id);
    assert.equal(stored.Messages.at(-1).Id, res.body.Id);
    assert.equal(stored.Messages.at(-1).Message, 'Dạ shop inbox chị nhé');
    const unknown = await post('/rest/v2.0/facebook-graph/comment/reply', {
      commentId: '1_2',
      message: 'x',
    });
    assert.equal(unknown.status, 404);
    const missing = await post('/rest/v2.0/facebook-graph/comment/reply', {
      commentId: parent.Data.id,
    });
    assert.equal(missing.status, 400);
  });

  it('hides and unhides a comment', async () => {
    const conv = all.find((c) => c.LastActivities.Comment)!;
    const path = `/api-ms/chatomni/v1/messages/comments?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`;
    const target = (await get(path)).body.Data[0];
    const res = await post('/rest/v2.0/facebook-graph/comment/hide', {
      pageid: conv.Channel.Id,
      commentId: target.Data.id,
      is_hidden: true,
    });
    assert.deepEqual(res.body, { success: true });
    const hidden = (await get(path)).body.Data.find((c: Json) => c.Id === target.Id);
    assert.equal(hidden.IsHidden, true);
    assert.equal(hidden.Data.is_hidden, true);
    await post('/rest/v2.0/facebook-graph/comment/hide', {
      commentId: target.Id,
      is_hidden: false,
    });
    assert.equal((await get(path)).body.Data.find((c: Json) => c.Id === target.Id).IsHidden, false);
    const bad = await post('/rest/v2.0/facebook-graph/comment/hide', {
      commentId: target.Id,
      is_hidden: 'yes',
    });
    assert.equal(bad.status, 400);
  });

  it('answers 404 for unknown customer info', async () => {
    const res = await get('/rest/v2.0/chatomni/info/1_2');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NotFound');
  });
});
