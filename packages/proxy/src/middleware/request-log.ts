import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { ConfigError } from '../config.js';
import type { ProxyEnv } from '../types.js';

/** One request as {@link requestLog} writes it (one JSON object per line, keys in this order). */
export interface RequestLogEntry {
  /** `X-Request-Id`: the caller's if valid (up to 255 of `A-Za-z0-9_-=`), else a new UUID. */
  requestId: string;
  method: string;
  /**
   * The pattern of the route that answered (`/api/token`, `/api/*`,
   * `/ws/:target{rt|chat}/*`, `/health`), or of the middleware that did (`/api/*` for the
   * URL guard; `/*` for CORS refusals, preflights, a misconfigured Worker and paths no
   * route knows): never the request's own path.
   */
  route: string;
  status: number;
  /** The upstream's status, when the request reached one (Graph's for `/api/send`). */
  upstreamStatus?: number;
  /** `rt` or `chat`, for WebSocket pass-through. */
  target?: 'rt' | 'chat';
  /** Wall time to the response headers, in ms (workerd advances clocks only on I/O). */
  durationMs: number;
  /** `ConfigError: <message naming the var>`, or the name of an unexpected error. */
  error?: string;
}

/** Options of {@link requestLog}. */
export interface RequestLogOptions {
  /** Where each line goes. Default `console.log` (Workers Logs, `wrangler tail`). */
  print?: (line: string) => void;
}

/** The longest `X-Request-Id` taken from a caller (as Hono's `requestId`). */
const MAX_ID_LENGTH = 255;
/** What a caller's `X-Request-Id` may not contain (as Hono's `requestId`). */
const NOT_ID = /[^\w\-=]/;

/** The caller's `X-Request-Id` when it is a usable one, else a new UUID. */
export function requestIdOf(given: string | null | undefined): string {
  return given && given.length <= MAX_ID_LENGTH && !NOT_ID.test(given)
    ? given
    : crypto.randomUUID();
}

/** What of a thrown error may be logged: a ConfigError's message names a var, never a value. */
export function describeError(error: Error | undefined): string | undefined {
  if (!error || error instanceof HTTPException) return undefined;
  if (error instanceof ConfigError) return `${error.name}: ${error.message}`;
  // The name only: messages of runtime errors can carry URLs or request data.
  return error.name;
}

/** The line of `entry`: its JSON, keys in the documented order whoever built it. */
export function logLine(entry: RequestLogEntry): string {
  const { requestId, method, route, status, upstreamStatus, target, durationMs, error } = entry;
  return JSON.stringify({
    requestId,
    method,
    route,
    status,
    upstreamStatus,
    target,
    durationMs,
    error,
  } satisfies RequestLogEntry);
}

/**
 * Request Log Middleware: gives the request its id (the caller's `X-Request-Id` if valid,
 * else a new UUID, in `c.get('requestId')`, which `answerHeaders()` sends back as
 * `X-Request-Id`, so a user's report leads to the line) and writes one JSON line per
 * request, which Workers Logs (`[observability]`) indexes field by field. The line holds
 * the request id, method, route pattern, status, upstream status and WebSocket target (set
 * by the routes in `upstreamStatus` / `wsTarget` variables), duration and, for a 500, what
 * went wrong. Never a URL, query string, header, cookie or body, so no password, token or
 * username can reach the log (they travel in headers and bodies only). It does the work of
 * Hono's `requestId` too: that one also prepares a response header on every request, which
 * answers built from an upstream one never use.
 *
 * @param {RequestLogOptions} [options] - The options of the middleware.
 * @param {(line: string) => void} [options.print=console.log] - Where each line goes.
 * @returns {MiddlewareHandler} The middleware handler function.
 *
 * @example
 * ```ts
 * const app = new Hono<ProxyEnv>()
 *
 * app.use(requestLog())
 * app.use(answerHeaders())
 * // POST /api/token?x=1 →
 * // {"requestId":"4f1c…","method":"POST","route":"/api/token","status":200,"upstreamStatus":200,"durationMs":41}
 * ```
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareHandler<ProxyEnv> {
  const print = options.print ?? ((line: string) => console.log(line));
  return async function requestLog(c, next) {
    const started = Date.now();
    const requestId = requestIdOf(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    try {
      await next();
    } finally {
      print(
        logLine({
          requestId,
          method: c.req.method,
          route: routePath(c),
          status: c.res.status,
          upstreamStatus: c.get('upstreamStatus'),
          target: c.get('wsTarget'),
          durationMs: Date.now() - started,
          error: describeError(c.error),
        }),
      );
    }
  };
}
