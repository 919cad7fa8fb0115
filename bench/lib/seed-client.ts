/**
 * The baseline of the "REST requests per pushed message" figure: what the seed's viewer does
 * (seed/chatomni-viewer-websocket.md), in Node. It keeps one conversation open and, on every
 * `on-events` chat event, refetches the conversation list and the open thread through the
 * proxy, as its `fetchConversations()` / `fetchMessages()` handlers did.
 */
import { io, type Socket } from 'socket.io-client';

/** Options of {@link startSeedClient}. */
export interface SeedClientOptions {
  /** Proxy origin; REST goes to `<proxy>/api/...`, the socket to `<proxy>/ws/chat/socket.io`. */
  proxyUrl: string;
  token: string;
  /** Realtime room (the tenant host). */
  room: string;
  /** The open conversation: Facebook page id and customer PSID. */
  open: { pageId: string; psid: string };
}

/** A running seed-style client. */
export interface SeedClient {
  /** Chat events received so far. */
  readonly events: number;
  /** Refetches finished so far (each is one REST request). */
  readonly fetches: number;
  close(): void;
}

/** Connects like the seed (captured dialect) and refetches on every event. */
export async function startSeedClient(options: SeedClientOptions): Promise<SeedClient> {
  const headers = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const api = `${options.proxyUrl}/api/api-ms/chatomni/v1`;
  const state = { events: 0, fetches: 0 };
  const fetchConversations = async () => {
    const res = await fetch(`${api}/conversations/search`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ Keyword: null, Limit: 50, Type: 'all', FromNewToOld: true }),
    });
    await res.arrayBuffer();
    state.fetches += 1;
  };
  const fetchMessages = async () => {
    const query = new URLSearchParams({
      type: '4',
      channelId: options.open.pageId,
      userId: options.open.psid,
    });
    const res = await fetch(`${api}/messages?${query}`, { headers });
    await res.arrayBuffer();
    state.fetches += 1;
  };
  const socket: Socket = io(`${options.proxyUrl}/chatomni`, {
    path: '/ws/chat/socket.io',
    transports: ['websocket'],
    query: { room: options.room },
    auth: { token: options.token },
    reconnection: false,
  });
  socket.on('on-events', () => {
    state.events += 1;
    void fetchConversations();
    void fetchMessages();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return {
    get events() {
      return state.events;
    },
    get fetches() {
      return state.fetches;
    },
    close: () => void socket.close(),
  };
}
