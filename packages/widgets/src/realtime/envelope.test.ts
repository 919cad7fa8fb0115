import { expect } from '@open-wc/testing';
import { decodePayload, parseEvent, MAX_PAYLOAD_CHARS } from './envelope.js';

/** The captured chat envelope of docs/tpos-protocol.md §5.2 (a comment). */
const captured = {
  Conversation: {
    Id: '683498e07b342896aec155d6',
    ChannelType: 4,
    ChannelId: '270136663390370',
    UserId: '9484319011642026',
    Name: 'Hoa Phượng',
    HasPhone: true,
    HasAddress: true,
    UpdatedTime: '2025-12-19T14:22:35.887Z',
  },
  Message: {
    Id: '69455fa7e65daaf3ed261aaf',
    ChannelType: 4,
    ChannelId: '270136663390370',
    UserId: '9484319011642026',
    Message: 'lv do',
    MessageType: 12,
    ObjectId: '270136663390370_759214013141302',
    IsOwner: false,
    CreatedTime: '2025-12-19T21:22:35.873+07:00',
    Data: {
      id: '759214013141302_681441874903695',
      message: 'lv do',
      from: { id: '9484319011642026', name: 'Hoa Phượng' },
      created_time: '2025-12-19T21:22:31+07:00',
      is_hidden: false,
    },
  },
  EventName: 'chatomni.on-message',
};

describe('parseEvent', () => {
  it('reads the captured on-events string (parsed twice) into a comment', () => {
    const action = parseEvent('on-events', JSON.stringify(captured));
    expect(action).to.deep.equal({
      type: 'message',
      conversation: {
        id: '683498e07b342896aec155d6',
        pageId: '270136663390370',
        psid: '9484319011642026',
        name: 'Hoa Phượng',
        hasPhone: true,
        hasAddress: true,
        channelType: 4,
      },
      message: {
        id: '69455fa7e65daaf3ed261aaf',
        conversationId: '683498e07b342896aec155d6',
        kind: 'comment',
        text: 'lv do',
        isOwner: false,
        createdAt: Date.UTC(2025, 11, 19, 14, 22, 35, 873),
        attachments: [],
        commentId: '759214013141302_681441874903695',
        parentId: null,
        post: { id: '270136663390370_759214013141302', isVideo: false },
        isHidden: false,
      },
    });
  });

  it('reads Messenger image attachments from webhook_attachments, http(s) only', () => {
    const envelope = structuredClone(captured) as unknown as { Message: Record<string, unknown> };
    envelope.Message.MessageType = 11;
    envelope.Message.Data = {
      id: 'm_1',
      webhook_attachments: [
        { type: 'image', payload: { url: 'https://scontent.example/x.jpg' } },
        { type: 'image', payload: { url: 'javascript:alert(1)' } },
        { type: 'video', payload: { url: 'http://v.example/y.mp4' } },
      ],
    };
    const action = parseEvent('on-events', envelope);
    expect(action.type).to.equal('message');
    if (action.type !== 'message') return;
    expect(action.message.kind).to.equal('message');
    expect(action.message.attachments).to.deep.equal([
      { type: 'image', url: 'https://scontent.example/x.jpg' },
      { type: 'image' },
      { type: 'video', url: 'http://v.example/y.mp4' },
    ]);
  });

  it('reads order events with a display code', () => {
    const action = parseEvent(
      'on-events',
      JSON.stringify({
        Type: 'SaleOnline_Order',
        Message: 'Nhân viên: label.create_order_with_code 260401050.',
        Data: {
          Facebook_PostId: '1_2',
          Facebook_ASUserId: '9484319011642026',
          Id: 'abc',
          Code: '260401050',
          Session: 3,
          SessionIndex: 769,
        },
        EventName: 'created',
      }),
    );
    expect(action).to.deep.equal({
      type: 'order',
      psid: '9484319011642026',
      postId: '1_2',
      order: {
        id: 'abc',
        code: '260401050',
        index: 769,
        session: 3,
        displayCode: '#769. 260401050',
      },
    });
  });

  it('ignores catalogue and invoice envelopes', () => {
    for (const envelope of [
      {
        type: 'ProductTemplate',
        action: 'created',
        message: 'x',
        data: {},
        companyId: 1,
        userId: 'u',
      },
      { type: 'FastSaleOrder', action: 'created', data: {} },
      {
        Type: 'Product',
        Data: { ProductId: 1, ImageUrl: 'https://x' },
        EventName: 'product.image-updated',
      },
    ]) {
      expect(parseEvent('on-events', JSON.stringify(envelope)).type).to.equal('ignore');
    }
  });

  it('understands the seed dialect', () => {
    const created = { ...captured, EventName: 'MessageCreated' };
    expect(parseEvent('on-messages', created).type).to.equal('message');
    expect(parseEvent('update', captured).type).to.equal('message');
    expect(parseEvent('on-messages', { EventName: 'MessageCreated' })).to.deep.equal({
      type: 'refresh',
    });
    expect(
      parseEvent('on-conversations', {
        Conversation: { Id: 'c1', UpdatedTime: '2025-12-19T14:22:35.887Z' },
      }),
    ).to.deep.equal({
      type: 'refresh',
      conversationId: 'c1',
      updatedAt: Date.UTC(2025, 11, 19, 14, 22, 35, 887),
    });
    expect(parseEvent('notification', { Something: 1 })).to.deep.equal({ type: 'refresh' });
  });

  it('drops malformed payloads with a reason and never throws', () => {
    const cases: [unknown, string][] = [
      ['{not json', 'not JSON'],
      ['42', 'not an object (number)'],
      [[1, 2], 'not an object (array)'],
      [null, 'not an object (object)'],
      ['x'.repeat(MAX_PAYLOAD_CHARS + 1), 'payload too large'],
      ['['.repeat(100_000), 'not JSON'],
      [{ EventName: 'chatomni.on-message' }, 'message without Message'],
      [
        { ...captured, Message: { ...captured.Message, CreatedTime: 'soon' } },
        'message missing id, conversation, time, page or user',
      ],
      [
        { ...captured, Message: { ...captured.Message, Message: ['x'] } },
        'message text has the wrong type',
      ],
      [
        { Type: 'SaleOnline_Order', Data: { Id: 'x' }, EventName: 'created' },
        'order missing Id, Code or Facebook_ASUserId',
      ],
      [{ Hello: 'world' }, 'unknown envelope'],
    ];
    for (const [payload, reason] of cases) {
      expect(parseEvent('on-events', payload)).to.deep.equal({ type: 'drop', reason });
    }
  });

  it('caps text at 10,000 characters', () => {
    const envelope = { ...captured, Message: { ...captured.Message, Message: 'a'.repeat(50_000) } };
    const action = parseEvent('on-events', envelope);
    expect(action.type === 'message' && action.message.text.length).to.equal(10_000);
  });

  it('decodes a JSON string inside a JSON string', () => {
    expect(decodePayload(JSON.stringify(JSON.stringify({ a: 1 })))).to.deep.equal({ a: 1 });
  });
});
