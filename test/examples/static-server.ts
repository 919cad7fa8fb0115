/**
 * A static file server on a free port of 127.0.0.1 for the example pages: the admin page's own
 * origin, separate from the proxy's, as a shop's admin page is. Folders are mounted under URL
 * prefixes; `rewrite` edits text files as they are served.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A running static server. */
export interface StaticServer {
  /** E.g. `http://127.0.0.1:41234`, no trailing slash. */
  origin: string;
  /** Sets what is served: URL prefix (`/`, `/vendor/x/`) → folder. */
  mount(mounts: Record<string, string>, rewrite?: (path: string, text: string) => string): void;
  close(): Promise<void>;
}

/** Starts an empty server (404 for everything until `mount`). */
export async function startStaticServer(): Promise<StaticServer> {
  let mounts: [string, string][] = [];
  let rewrite: ((path: string, text: string) => string) | undefined;
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) ?? [];
      const rest = path.slice(prefix?.length ?? 0);
      const file =
        dir && normalize(join(dir, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest));
      if (!file || !file.startsWith(dir + sep) || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      try {
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        let body: Buffer | string = await readFile(file);
        if (rewrite && type.startsWith('text/')) body = rewrite(path, body.toString('utf8'));
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    mount(next, edit) {
      // Longest prefix first, so `/vendor/x/` wins over `/`.
      mounts = Object.entries(next).sort((a, b) => b[0].length - a[0].length);
      rewrite = edit;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
