import { expect } from '@open-wc/testing';
import type { ChatMessage, OutgoingMessage } from '../model/index.js';
import { ECHO_CLOCK_SKEW_MS, ECHO_WINDOW_MS, findEcho } from './reconcile.js';

const AT = Date.UTC(2025, 11, 3, 7, 0, 0);

function out(patch: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: 'out-1',
    conversationId: 'c1',
    kind: 'text',
    text: 'Dạ còn ạ',
    idempotencyKey: 'k'.repeat(32),
    status: 'sending',
    createdAt: AT,
    attempts: 1,
    ...patch,
  };
}

function message(id: string, patch: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    conversationId: 'c1',
    kind: 'message',
    text: 'Dạ còn ạ',
    isOwner: true,
    createdAt: AT + 1000,
    attachments: [],
    ...patch,
  };
}

const none: ReadonlySet<string> = new Set();

describe('findEcho', () => {
  it('finds the echo by Facebook message id, whatever its text or time', () => {
    const echo = message('e1', { externalId: 'm_1', text: 'changed', createdAt: AT + 5000 });
    const found = findEcho({ out: out({ messageId: 'm_1' }), before: none }, [echo], none);
    expect(found).to.equal(echo);
  });

  it('finds an echo without ids by conversation, owner, text and time', () => {
    const echo = message('e1', { text: ' Dạ còn ạ ' });
    expect(
      findEcho({ out: out(), before: none }, [message('x', { isOwner: false }), echo], none),
    ).to.equal(echo);
  });

  it('ignores look-alikes that were there before, claimed, out of the window or another id', () => {
    const candidate = { out: out({ messageId: 'm_2' }), before: new Set(['old']) };
    const list = [
      message('early', { createdAt: AT - ECHO_CLOCK_SKEW_MS - 1 }),
      message('old'),
      message('taken'),
      message('comment', { kind: 'comment' }),
      message('customer', { isOwner: false }),
      message('other', { externalId: 'm_other' }),
      message('late', { createdAt: AT + ECHO_WINDOW_MS + 1 }),
    ];
    expect(findEcho(candidate, list, new Set(['taken']))).to.equal(undefined);
  });

  it('takes the oldest of two look-alikes (outgoing messages are matched oldest first)', () => {
    const first = message('e1', { createdAt: AT + 100 });
    const second = message('e2', { createdAt: AT + 200 });
    expect(findEcho({ out: out(), before: none }, [first, second], none)).to.equal(first);
    expect(findEcho({ out: out(), before: none }, [first, second], new Set(['e1']))).to.equal(
      second,
    );
  });

  it('matches an image by an image attachment and no text', () => {
    const image = out({ kind: 'image', text: '' });
    const echo = message('e1', { text: '', attachments: [{ type: 'image', url: 'https://x/a' }] });
    expect(findEcho({ out: image, before: none }, [message('t'), echo], none)).to.equal(echo);
  });
});
