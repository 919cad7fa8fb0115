import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { Conversation } from '../model/index.js';
import { NotifyController } from './notify-controller.js';

const T0 = Date.UTC(2025, 11, 19, 7, 0, 0);

const titleIs = (title: string) =>
  waitUntil(() => document.title === title, `title is "${document.title}", not "${title}"`);

function conv(id: string, unreadCount: number, at: number, isOwner = false): Conversation {
  return {
    id,
    pageId: 'p',
    psid: `psid-${id}`,
    channelType: 4,
    name: `Khách ${id}`,
    hasPhone: false,
    hasAddress: false,
    lastActivityAt: at,
    lastMessage: { text: `tin của ${id}`, kind: 'message', isOwner, hasAttachment: false },
    kinds: ['message'],
    unreadCount,
    orders: [],
  };
}

/** The smallest host: the conversations, `notify` and `live` it is given. */
class NotifyHost extends LitElement {
  conversations: Conversation[] = [];
  enabled = true;
  live = true;
  readonly notifier = new NotifyController(this, {
    enabled: () => this.enabled,
    conversations: () => this.conversations,
    live: () => this.live,
    title: (c) => `Tin nhắn mới từ ${c.name}`,
  });

  async show(patch: Partial<Pick<NotifyHost, 'conversations' | 'enabled' | 'live'>>) {
    Object.assign(this, patch);
    this.requestUpdate();
    await this.updateComplete;
  }
}
customElements.define('notify-controller-host', NotifyHost);

/** A stand-in for the browser's Notification: permission granted, instances recorded. */
class FakeNotification {
  static permission = 'granted';
  static shown: { title: string; body: string }[] = [];
  onclick: (() => void) | null = null;
  constructor(title: string, options: { body: string }) {
    FakeNotification.shown.push({ title, body: options.body });
  }
  close(): void {}
}

describe('NotifyController', () => {
  const title = document.title;
  afterEach(() => {
    document.title = title;
    delete (document as unknown as Record<string, unknown>).visibilityState;
  });

  it('puts the unread total in the title and restores it', async () => {
    document.title = 'Shop';
    const host = await fixture<NotifyHost>(html`<notify-controller-host></notify-controller-host>`);
    // The title is written in a task of its own, not in the update (see TITLE_INTERVAL).
    await host.show({ conversations: [conv('a', 2, T0), conv('b', 1, T0 - 1)] });
    await titleIs('(3) Shop');
    await host.show({ conversations: [conv('a', 0, T0), conv('b', 0, T0 - 1)] });
    await titleIs('Shop');
    await host.show({ conversations: [conv('a', 4, T0)] });
    await titleIs('(4) Shop');
    host.remove();
    expect(document.title).to.equal('Shop');
  });

  it('leaves the title alone while off or not live', async () => {
    document.title = 'Shop';
    const host = await fixture<NotifyHost>(html`<notify-controller-host></notify-controller-host>`);
    await host.show({ conversations: [conv('a', 2, T0)], enabled: false });
    expect(document.title).to.equal('Shop');
    await host.show({ enabled: true });
    await titleIs('(2) Shop');
    await host.show({ live: false });
    expect(document.title).to.equal('Shop');
  });

  it('raises a notification for a new customer message only while the page is hidden', async () => {
    const original = window.Notification;
    Object.assign(window, { Notification: FakeNotification });
    FakeNotification.shown = [];
    try {
      const host = await fixture<NotifyHost>(
        html`<notify-controller-host></notify-controller-host>`,
      );
      await host.show({ conversations: [conv('a', 0, T0)] });
      await host.show({ conversations: [conv('b', 1, T0 + 1), conv('a', 0, T0)] });
      expect(FakeNotification.shown).to.deep.equal([]);
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      await host.show({ conversations: [conv('c', 1, T0 + 2), conv('b', 1, T0 + 1)] });
      await host.show({ conversations: [conv('d', 0, T0 + 3, true), conv('c', 1, T0 + 2)] });
      expect(FakeNotification.shown).to.deep.equal([
        { title: 'Tin nhắn mới từ Khách c', body: 'tin của c' },
      ]);
    } finally {
      Object.assign(window, { Notification: original });
    }
  });
});
