/**
 * The upstream deadline in real workerd: `UPSTREAM_TIMEOUT_MS` bounds the wait for the
 * upstream's answer, not what is passed on after it. The deadline is an
 * `AbortSignal.timeout` handed to the upstream fetch, which fires while a body still streams
 * or a WebSocket is still open; this pins that workerd cuts neither.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startProxy, type RunningProxy } from './support/worker.js';

/** The deadline, and how long the upstream's body takes: well past it. */
const DEADLINE_MS = 300;
const CHUNKS = 8;
const CHUNK_EVERY_MS = 100;
const BODY = JSON.stringify(Array.from({ length: CHUNKS }, (_, i) => i));

let upstream: Server;
let echo: WebSocket.Server;
let worker: RunningProxy;
let proxy: string;

const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

/** Answers at once, then sends `BODY` in `CHUNKS` pieces, one every `CHUNK_EVERY_MS`. */
function slowBody(): Server {
  return createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const piece = Math.ceil(BODY.length / CHUNKS);
    const timer = setInterval(() => {
      res.write(BODY.slice(sent * piece, (sent + 1) * piece));
      if (++sent === CHUNKS) {
        clearInterval(timer);
        res.end();
      }
    }, CHUNK_EVERY_MS);
  });
}

before(async () => {
  upstream = slowBody();
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  echo = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => echo.once('listening', resolve));
  echo.on('connection', (socket) => socket.on('message', (m) => socket.send(`echo ${m}`)));
  worker = await startProxy({
    TPOS_API_BASE: `http://127.0.0.1:${portOf(upstream)}`,
    TPOS_RT_WS: `ws://127.0.0.1:${portOf(echo)}`,
    ALLOWED_ORIGINS: '',
    UPSTREAM_TIMEOUT_MS: String(DEADLINE_MS),
  });
  proxy = worker.url;
});

after(async () => {
  await worker?.dispose();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
  await new Promise((resolve) => echo?.close(resolve));
});

describe('the upstream deadline (workerd)', () => {
  it('passes on a body that streams past it, whole (pass-through)', async () => {
    const res = await fetch(`${proxy}/api/odata/MailTemplate`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), BODY);
  });

  it('passes on a body that streams past it, whole (the app’s route)', async () => {
    // A streamed request body (no Content-Length) is left to the app's chain.
    const res = await fetch(`${proxy}/api/api-ms/chatomni/v1/conversations/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob(['{"Limit":50}']).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), BODY);
  });

  it('keeps a WebSocket open past it', async () => {
    const socket = new WebSocket(`${proxy.replace('http', 'ws')}/ws/rt/socket.io/`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    // The condition is time itself: well past the deadline, whose signal has fired by then.
    await new Promise((resolve) => setTimeout(resolve, 3 * DEADLINE_MS));
    const answer = new Promise((resolve) => socket.once('message', (m) => resolve(String(m))));
    socket.send('hi');
    assert.equal(await answer, 'echo hi');
    socket.close();
  });
});
