import { Hono } from 'hono';
import { ErrorCode, errorResponse, methodNotAllowed, upstreamFailure } from '../errors.js';
import { upstreamDeadline } from '../middleware/deadline.js';
import { urlParts } from '../request-url.js';
import type { ProxyEnv } from '../types.js';
import { cleanHeaders, cleanResponse } from '../upstream/headers.js';

/**
 * `/ws/rt/*` and `/ws/chat/*`: WebSocket pass-through to `TPOS_RT_WS` / `TPOS_CHAT_WS`.
 * The prefix is stripped and the rest of the path and the query are kept, so
 * `io(origin + '/chatomni', { path: '/ws/rt/socket.io' })` reaches the upstream's
 * `/socket.io/?EIO=4&transport=websocket&room=...`. The upstream handshake carries the
 * tenant's `Origin` and nothing of the browser's (no cookies); the token stays inside the
 * Socket.IO CONNECT payload. Non-upgrade requests get 426.
 */
export const wsRoutes = new Hono<ProxyEnv>().all(
  '/:target{rt|chat}/*',
  async function upgradeOnly(c, next) {
    if (c.req.method !== 'GET') return methodNotAllowed(['GET']);
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      return errorResponse(426, ErrorCode.UpgradeRequired, 'This path only accepts WebSockets', {
        upgrade: 'websocket',
      });
    }
    await next();
  },
  upstreamDeadline(),
  async (c) => {
    const target = c.req.param('target') === 'rt' ? 'rt' : 'chat';
    c.set('wsTarget', target);
    const { path, search } = urlParts(c.req.url);
    const config = c.get('config');
    const base = config.wsTargets[target];
    // fetch() speaks http(s); workerd upgrades when asked with `Upgrade: websocket`.
    const scheme = base.protocol === 'wss:' ? 'https:' : 'http:';
    const rest = path.slice(`/ws/${target}`.length) || '/';
    const url = new URL(`${scheme}//${base.host}${rest}${search}`);
    let upstream: Response;
    try {
      upstream = await fetch(url, {
        headers: { upgrade: 'websocket', origin: config.apiBase.origin },
        signal: c.get('upstreamSignal'),
      });
    } catch {
      throw upstreamFailure(c.get('upstreamSignal'));
    }
    c.set('upstreamStatus', upstream.status);
    const socket = upstream.webSocket;
    if (upstream.status !== 101 || !socket) return cleanResponse(upstream);
    // Hand the upstream socket straight to the client: workerd pipes the frames and the
    // close in both directions natively (no per-message JavaScript). Rebuilt only to drop
    // upstream cookies and hop-by-hop headers from the 101.
    return new Response(null, {
      status: 101,
      headers: cleanHeaders(upstream.headers),
      webSocket: socket,
    });
  },
);
