import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the test upstream received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the test upstream answers: status, headers and a body (JSON-encoded unless a string or Buffer). */
export interface CannedResponse {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
  /** Never answer (the request hangs until the server closes). */
  hang?: boolean;
}

/** A tiny real HTTP upstream on 127.0.0.1 that records requests and answers as told. */
export interface TestUpstream {
  url: string;
  received: ReceivedRequest[];
  /** The answer to the next requests; default 200 `{"ok":true}`. */
  respond(response: CannedResponse): void;
  close(): Promise<void>;
}

/** Starts a {@link TestUpstream} on a free port. */
export async function startUpstream(): Promise<TestUpstream> {
  const received: ReceivedRequest[] = [];
  let canned: CannedResponse = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (canned.hang) return;
      const body =
        typeof canned.body === 'string' || Buffer.isBuffer(canned.body)
          ? canned.body
          : JSON.stringify(canned.body ?? { ok: true });
      res.writeHead(canned.status ?? 200, {
        'content-type': 'application/json',
        ...canned.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond(response) {
      canned = response;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port just freed). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
