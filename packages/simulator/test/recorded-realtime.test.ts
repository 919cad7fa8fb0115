/**
 * The recorded profile's socket envelopes: exactly the captured fields, event times in +07:00,
 * and socket `Message.Id`s that differ from the REST `Id`s, learnt through the control API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import {
  TOMATO,
  call,
  collect,
  connected,
  control,
  keysOf,
  login,
  once,
  search,
  simConversation,
  socketTo,
  until,
  type Json,
} from './helpers.js';

const V1 = '/api-ms/chatomni/v1';
const HEX24 = /^[0-9a-f]{24}$/;
const VN_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/;
const CONVERSATION_KEYS = [
  'ChannelId',
  'ChannelType',
  'HasAddress',
  'HasPhone',
  'Id',
  'Name',
  'UpdatedTime',
  'UserId',
];
const MESSAGE_KEYS = [
  'ChannelCreatedTime',
  'ChannelId',
  'ChannelType',
  'ContentType',
  'CreatedBy',
  'CreatedById',
  'CreatedTime',
  'Data',
  'Id',
  'IsOwner',
  'Message',
  'MessageType',
  'ObjectId',
  'ParentId',
  'UserId',
];
const COMMENT_DATA_KEYS = [
  'can_reply_privately',
  'created_time',
  'from',
  'id',
  'is_hidden',
  'message',
];

/** Checks the captured chat envelope fields and returns it parsed. */
function chatEnvelope(text: string): Json {
  const env = JSON.parse(text);
  assert.deepEqual(keysOf(env), ['Conversation', 'EventName', 'Message']);
  assert.equal(env.EventName, 'chatomni.on-message');
  assert.deepEqual(keysOf(env.Conversation), CONVERSATION_KEYS);
  assert.deepEqual(keysOf(env.Message), MESSAGE_KEYS);
  assert.match(env.Conversation.UpdatedTime, VN_MS);
  assert.match(env.Message.CreatedTime, VN_MS);
  assert.match(env.Message.ChannelCreatedTime, VN_MS);
  assert.match(env.Message.Id, HEX24);
  return env;
}

describe('recorded profile: socket envelopes', () => {
  let sim: RunningSimulator;
  let token: string;
  let socket: Socket;
  let conv: Json;
  const thread = (kind: string) =>
    call(`${sim.restUrl}${V1}/${kind}?type=4&channelId=${conv.Channel.Id}&userId=${conv.User.Id}`, {
      token,
    });

  before(async () => {
    sim = await startSimulator({ profile: 'recorded', conversations: 40, seed: 9 });
    token = (await login(sim)).access_token;
    socket = await connected(socketTo(sim.rtUrl, { room: TOMATO, token }));
    conv = (await search(sim, token, { Limit: 40 })).body.Data.find(
      (c: Json) => c.LastActivities.Message && c.LastActivities.Comment,
    );
    assert.ok(conv, 'a conversation with messages and comments');
  });
  after(async () => {
    socket.close();
    await sim.close();
  });

  it('sends a Messenger message with the captured fields and a socket id unlike the REST one', async () => {
    const event = once<string>(socket, 'on-events');
    const url = 'https://picsum.photos/seed/r/640/800';
    const res = await control(sim, 'emit', {
      conversationId: conv.Id,
      text: 'Shop ơi',
      attachments: [{ type: 'image', url }],
    });
    const env = chatEnvelope(await event);
    assert.deepEqual(env, res.body.Envelope);
    assert.equal(env.Message.MessageType, 11);
    assert.deepEqual(keysOf(env.Message.Data), [
      'attachments',
      'from',
      'id',
      'message',
      'webhook_attachments',
    ]);
    assert.deepEqual(keysOf(env.Message.Data.from), ['id']);
    assert.deepEqual(env.Message.Data.webhook_attachments, [{ type: 'image', payload: { url } }]);

    assert.match(res.body.Id, HEX24);
    assert.equal(res.body.SocketId, env.Message.Id);
    assert.notEqual(env.Message.Id, res.body.Id);
    assert.equal(env.Conversation.Id, conv.Id);
    const rest = (await thread('messages')).body.Data;
    assert.equal(rest[0].Id, res.body.Id);
    assert.equal(rest[0].Message, 'Shop ơi');
    assert.ok(rest.every((m: Json) => m.Id !== env.Message.Id));
    const item = (await simConversation(sim, conv.Id)).Items.at(-1);
    assert.deepEqual(
      { Id: item.Id, SocketId: item.SocketId, Kind: item.Kind },
      { Id: res.body.Id, SocketId: env.Message.Id, Kind: 'message' },
    );
  });

  it('sends comments and their replies with the captured Facebook fields and socket ParentIds', async () => {
    const got = collect<string>(socket, 'on-events');
    const top = await control(sim, 'emit', {
      conversationId: conv.Id,
      kind: 'comment',
      text: 'chốt',
    });
    await until(() => got.length === 1, 5000, 'the comment');
    const comment = chatEnvelope(got[0]!);
    assert.equal(comment.Message.MessageType, 12);
    assert.equal(comment.Message.ParentId, null);
    assert.match(comment.Message.ObjectId, /^\d{15}_\d{15}$/);
    assert.deepEqual(keysOf(comment.Message.Data), COMMENT_DATA_KEYS);
    assert.deepEqual(keysOf(comment.Message.Data.from), ['id', 'name']);
    assert.match(comment.Message.Data.id, /^\d{15}_\d{15}$/);
    assert.equal(top.body.SocketId, comment.Message.Id);
    assert.notEqual(top.body.SocketId, top.body.Id);

    // The shop replies through TPOS with the Facebook id learnt from the envelope.
    const answer = await call(`${sim.restUrl}/rest/v2.0/facebook-graph/comment/reply`, {
      method: 'POST',
      token,
      json: { pageid: conv.Channel.Id, commentId: comment.Message.Data.id, message: 'Dạ vâng' },
    });
    assert.deepEqual(answer.body, {});
    await until(() => got.length === 2, 5000, 'the reply echo');
    const echo = chatEnvelope(got[1]!);
    assert.equal(echo.Message.IsOwner, true);
    assert.deepEqual(keysOf(echo.Message.Data), [...COMMENT_DATA_KEYS, 'parent'].sort());
    assert.deepEqual(echo.Message.Data.parent, { id: comment.Message.Data.id });
    assert.equal(echo.Message.ParentId, comment.Message.Id);
    const items = (await simConversation(sim, conv.Id)).Items;
    const reply = items.find((i: Json) => i.SocketId === echo.Message.Id);
    assert.equal(reply.ParentId, top.body.Id);
    const stored = (await thread('messages/comments')).body.Data.find(
      (c: Json) => c.Id === top.body.Id,
    );
    assert.equal(stored.Messages.at(-1).Id, reply.Id);
    assert.notEqual(reply.Id, echo.Message.Id);
  });

  it('sends order events exactly as captured', async () => {
    const event = once<string>(socket, 'on-events');
    const res = await control(sim, 'emit', { conversationId: conv.Id, kind: 'order' });
    const env = JSON.parse(await event);
    assert.deepEqual(env, res.body.Envelope);
    assert.deepEqual(keysOf(env), ['Data', 'EventName', 'Message', 'Type']);
    assert.deepEqual(keysOf(env.Data), [
      'Code',
      'Facebook_ASUserId',
      'Facebook_CommentId',
      'Facebook_PostId',
      'Facebook_UserName',
      'Id',
      'Session',
      'SessionIndex',
    ]);
    assert.equal(res.body.SocketId, null);
  });

  it('answers a batch with the socket ids of its items', async () => {
    const got = collect<string>(socket, 'on-events');
    const res = await control(sim, 'emit-batch', { count: 3, conversationId: conv.Id });
    await until(() => got.length === 3, 5000, 'three events');
    assert.deepEqual(
      got.map((text) => JSON.parse(text).Message.Id),
      res.body.SocketIds,
    );
    res.body.Ids.forEach((id: string, i: number) => assert.notEqual(id, res.body.SocketIds[i]));
  });
});
