/** Plumbing shared by the REST and control routes: request, reply, errors, routing. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth.js';

/** Largest request body accepted; more gets 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface SimRequest {
  method: string;
  /** Path as received, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
  /** Set on routes that require a token. */
  principal?: Principal;
}

export interface Reply {
  status: number;
  /** JSON-serialized unless `raw` is given. */
  body?: unknown;
  raw?: string;
  contentType?: string;
}

/** An error answered as `{"error":{"code","message"}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200): Reply {
  return { status, body };
}

export function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}

/** Parses the JSON body; `{}` when empty. 400 when malformed. */
export function jsonBody(req: SimRequest): unknown {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BadRequest', 'The request body is not valid JSON.');
  }
}

/** The JSON body as an object; 400 for arrays and primitives. */
export function objectBody(req: SimRequest): Record<string, unknown> {
  const body = jsonBody(req);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'BadRequest', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

type Field = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** Reads an optional field, 400 when it has another type. null and undefined give undefined. */
export function field<T>(body: Record<string, unknown>, name: string, type: Field): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const ok =
    type === 'array'
      ? Array.isArray(value)
      : type === 'object'
        ? typeof value === 'object' && !Array.isArray(value)
        : type === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === type;
  if (!ok)
    throw new HttpError(
      400,
      'BadRequest',
      `"${name}" must be ${type === 'array' ? 'an array' : `a ${type}`}.`,
    );
  return value as T;
}

export type Handler = (req: SimRequest, params: string[]) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  /** Template shown in counters, e.g. `POST /api-ms/chatomni/v1/conversations/search`. */
  name: string;
  pattern: RegExp;
  /** Needs a valid Bearer token. */
  auth: boolean;
  handler: Handler;
}

/** Builds a route; `:name` segments become captured parameters. */
export function route(method: string, template: string, handler: Handler, auth = true): Route {
  const source = template
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '([^/]+)' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return {
    method,
    name: `${method} ${template}`,
    pattern: new RegExp(`^${source}$`),
    auth,
    handler,
  };
}

export interface Match {
  route: Route;
  params: string[];
}

/**
 * Finds the route for a path as TPOS serves it, or under the proxy's `/api` prefix.
 * `methodMismatch` tells a known path asked with another method (405).
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { match?: Match; methodMismatch: boolean } {
  const candidates = [path];
  if (path.startsWith('/api/')) candidates.push(path.slice(4));
  let methodMismatch = false;
  for (const p of candidates) {
    for (const r of routes) {
      const m = r.pattern.exec(p);
      if (!m) continue;
      if (r.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params = m.slice(1).map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      });
      return { match: { route: r, params }, methodMismatch: false };
    }
  }
  return { methodMismatch };
}
