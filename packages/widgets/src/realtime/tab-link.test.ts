import { expect, waitUntil } from '@open-wc/testing';
import { ChatSession } from '../session/session.js';
import {
  QUICK_PINGS,
  QUICK_TIMERS,
  control,
  counters,
  emit,
  startSim,
  token,
  type Sim,
} from '../../test/support/harness.js';
import type { SessionConfig } from '../model/index.js';
import { readTabMessage, tabChannelName } from './tab-channel.js';
import { defaultConfig } from '../session/config.js';

/**
 * Two sessions of the same name in one page stand for two tabs: they meet on the same
 * BroadcastChannel and Web Lock as tabs of one origin do. (A leader that hangs needs a second
 * page: see test/e2e/tabs.test.ts.)
 */
const tabs: ChatSession[] = [];
let next = 0;

function tab(sim: Sim, name: string, config: Partial<SessionConfig> = {}): ChatSession {
  const s = new ChatSession(name, {
    baseUrl: sim.restUrl,
    rtUrl: sim.rtUrl,
    chatUrl: sim.chatUrl,
    ...QUICK_TIMERS,
    ...config,
  });
  tabs.push(s);
  return s;
}

async function signedInTab(sim: Sim, name: string, config: Partial<SessionConfig> = {}) {
  const s = tab(sim, name, config);
  s.setToken(await token(sim));
  await waitUntil(() => s.listState.loaded && !s.listState.loading, 'list not loaded', {
    timeout: 5000,
  });
  return s;
}

const connected = (s: ChatSession) =>
  s.status.rt.state === 'connected' && s.status.chat.state === 'connected';

async function openSockets(sim: Sim): Promise<[number, number]> {
  const c = await counters(sim);
  return [c.sockets.rt.connected, c.sockets.chat.connected];
}

/** How many messages with `id` the thread of `conversationId` holds. */
function copies(s: ChatSession, conversationId: string, id: string): number {
  return s.thread(conversationId)?.messages.filter((m) => m.id === id).length ?? 0;
}

afterEach(() => {
  for (const s of tabs.splice(0)) s.destroy();
});

describe('TabLink: one connection per browser', () => {
  it('lets one tab lead while the other shows its link and its events', async () => {
    const sim = await startSim(QUICK_PINGS);
    const name = `tabs-${++next}`;
    const a = await signedInTab(sim, name);
    const b = await signedInTab(sim, name);
    await waitUntil(() => connected(a) && connected(b), 'both tabs show the sockets up');
    expect([a.status.tab, b.status.tab]).to.deep.equal(['leader', 'follower']);
    expect(b.status.mode).to.equal('realtime');
    expect(await openSockets(sim)).to.deep.equal([1, 1]);

    const target = a.visibleConversations()[0]!;
    a.select(target.id);
    b.select(target.id);
    await waitUntil(
      () => a.thread(target.id)?.messages.length && b.thread(target.id)?.messages.length,
    );
    const sent = await emit(sim, { server: 'both', conversationId: target.id, text: 'hai tab' });
    await waitUntil(
      () => copies(a, target.id, sent.Id) === 1 && copies(b, target.id, sent.Id) === 1,
      'the message in both tabs',
    );
    expect(b.conversation(target.id)!.lastMessage?.text).to.equal('hai tab');
  });

  it('hands over when the leader goes, and the catch-up brings what it missed', async () => {
    const sim = await startSim(QUICK_PINGS);
    const name = `tabs-${++next}`;
    const a = await signedInTab(sim, name);
    const b = await signedInTab(sim, name);
    await waitUntil(() => connected(a) && connected(b));
    const target = b.visibleConversations()[0]!;
    b.select(target.id);
    await waitUntil(() => b.thread(target.id)?.messages.length);

    a.destroy();
    // Sent during the hand-over: b's new sockets or its catch-up bring it, once.
    const missed = await emit(sim, { conversationId: target.id, text: 'giữa hai tab' });
    await waitUntil(() => b.status.tab === 'leader' && connected(b), 'b leads', {
      timeout: 2000,
    });
    await waitUntil(() => copies(b, target.id, missed.Id) === 1, 'the missed message', {
      timeout: 3000,
    });
    expect(await openSockets(sim)).to.deep.equal([1, 1]);
  });

  it('posts no events while it leads alone, and every one once another tab joins', async () => {
    const sim = await startSim(QUICK_PINGS);
    const name = `tabs-${++next}`;
    const posted: string[] = [];
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (message: unknown) {
      const m = message as { t?: string };
      if (this.name.includes(name) && m.t === 'event') posted.push(m.t);
      return post.call(this, message);
    };
    try {
      const a = await signedInTab(sim, name);
      await waitUntil(() => connected(a), 'a connected', { timeout: 5000 });
      const alone = await emit(sim, { server: 'both', text: 'một mình' });
      await waitUntil(() => a.conversation(alone.ConversationId)?.lastMessage?.text === 'một mình');
      expect(posted).to.deep.equal([]);
      const b = await signedInTab(sim, name);
      await waitUntil(() => b.status.tab === 'follower' && b.status.mode === 'realtime');
      const shared = await emit(sim, { server: 'both', text: 'hai tab rồi' });
      await waitUntil(
        () => b.conversation(shared.ConversationId)?.lastMessage?.text === 'hai tab rồi',
        'the follower got the event',
        { timeout: 3000 },
      );
      expect(posted.length).to.be.greaterThan(0);
    } finally {
      BroadcastChannel.prototype.postMessage = post;
    }
  });

  it('shares the leader’s polls while the sockets are down', async () => {
    const sim = await startSim(QUICK_PINGS);
    const name = `tabs-${++next}`;
    const a = await signedInTab(sim, name);
    const b = await signedInTab(sim, name);
    await waitUntil(() => connected(a) && connected(b));
    await control(sim, 'refuse', { server: 'both', seconds: 30 });
    await control(sim, 'disconnect', { server: 'both', transport: true });
    await waitUntil(() => b.status.polling && b.status.mode === 'polling', 'b shows polling', {
      timeout: 3000,
    });
    const sent = await emit(sim, { kind: 'message', text: 'qua polling' });
    await waitUntil(
      () => b.conversation(sent.ConversationId)?.lastMessage?.text === 'qua polling',
      'the polled message in the follower',
      { timeout: 3000 },
    );
    expect(b.status.tab).to.equal('follower');
  });

  it('signs every tab out when one signs out', async () => {
    const sim = await startSim(QUICK_PINGS);
    const name = `tabs-${++next}`;
    const a = await signedInTab(sim, name);
    const b = await signedInTab(sim, name);
    await waitUntil(() => connected(a) && connected(b));
    await b.logout();
    await waitUntil(() => a.auth === 'anonymous', 'a signed out too');
    await waitUntil(async () => (await openSockets(sim)).join() === '0,0', 'no socket open');
  });

  it('connects every tab alone with shareConnection: false', async () => {
    const sim = await startSim(QUICK_PINGS);
    const name = `tabs-${++next}`;
    const a = await signedInTab(sim, name, { shareConnection: false });
    const b = await signedInTab(sim, name, { shareConnection: false });
    await waitUntil(() => connected(a) && connected(b));
    expect([a.status.tab, b.status.tab]).to.deep.equal(['alone', 'alone']);
    await waitUntil(async () => (await openSockets(sim)).join() === '2,2', 'two pairs');
  });
});

describe('tab channel', () => {
  const jwt = (claims: Record<string, unknown>) =>
    `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

  it('names the channel by proxy, tenant, user and session, never by the token', () => {
    const token = jwt({ TenantId: 't', CompanyId: '1', DisplayName: 'Lan', jti: 'secret-ish' });
    const name = tabChannelName(defaultConfig(), token, 'default')!;
    expect(name).to.contain('"Lan"');
    expect(name).not.to.contain(token);
    expect(name).not.to.contain('secret-ish');
    expect(tabChannelName(defaultConfig(), jwt({ UserId: 'u2' }), 'default')).not.to.equal(name);
    expect(tabChannelName(defaultConfig(), token, 'other')).not.to.equal(name);
  });

  it('connects alone with a token that names no user, or with sharing off', () => {
    expect(tabChannelName(defaultConfig(), 'opaque-token', 'default')).to.equal(null);
    const off = { ...defaultConfig(), shareConnection: false };
    expect(tabChannelName(off, jwt({ UserId: 'u' }), 'default')).to.equal(null);
  });

  it('drops messages that are not ours', () => {
    for (const bad of [
      null,
      'beat',
      { t: 'beat', from: 'x' },
      { t: 'event', from: 'x', server: 'ws', event: 'on-events', action: { type: 'refresh' } },
      { t: 'event', from: 'x', server: 'rt', event: 'constructor', action: { type: 'refresh' } },
      { t: 'event', from: 'x', server: 'rt', event: 'on-events', payload: '{"raw":1}' },
      { t: 'event', from: 'x', server: 'rt', event: 'on-events', action: { type: 'eval' } },
      { t: 'rows', from: 'x', filter: '[]', rows: 'no' },
      { t: 'synced', from: 'x', since: 'yesterday', ok: true },
      { t: 'unknown', from: 'x' },
    ]) {
      expect(readTabMessage(bad), JSON.stringify(bad)).to.equal(null);
    }
    expect(readTabMessage({ t: 'hello', from: 'x' })).to.deep.equal({ t: 'hello', from: 'x' });
  });
});
