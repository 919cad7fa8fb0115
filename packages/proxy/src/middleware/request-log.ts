import type { MiddlewareHandler } from 'hono';
import type { ProxyEnv } from '../types.js';

/** Options of {@link requestLog}. */
export interface RequestLogOptions {
  /** Where each line goes; default `console.log` (Workers Logs / `wrangler tail`). */
  print?: (line: string) => void;
}

/**
 * Logs one line per request: request id, method, path without query, status and
 * duration. Never headers, bodies or query strings, so no password or token can reach
 * the log (tokens travel in headers and bodies only; the WebSocket routes keep them in
 * the Socket.IO payload).
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareHandler<ProxyEnv> {
  const print = options.print ?? ((line: string) => console.log(line));
  return async function requestLog(c, next) {
    const started = Date.now();
    const { pathname } = new URL(c.req.url);
    try {
      await next();
    } finally {
      const id = c.get('requestId') ?? '-';
      print(`${id} ${c.req.method} ${pathname} ${c.res.status} ${Date.now() - started}ms`);
    }
  };
}
