/** The REST port: TPOS routes (also under `/api`), the `/__sim` control API, CORS, faults. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { later, REQUEST_LOG_SIZE, type SimContext } from '../context.js';
import {
  HttpError,
  MAX_BODY_BYTES,
  errorReply,
  matchRoute,
  type Reply,
  type Route,
  type SimRequest,
} from './http.js';

/** Bodies beyond this are not even drained: the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** True for 127.0.0.0/8 and ::1, also IPv4-mapped. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function record(ctx: SimContext, req: SimRequest): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name.toLowerCase()] =
      name.toLowerCase() === 'authorization'
        ? /^bearer\s/i.test(text)
          ? 'Bearer <redacted>'
          : '<redacted>'
        : text;
  }
  ctx.requests.push({
    method: req.method,
    path: req.path,
    query: Object.fromEntries(req.query),
    headers,
    at: new Date().toISOString(),
  });
  if (ctx.requests.length > REQUEST_LOG_SIZE)
    ctx.requests.splice(0, ctx.requests.length - REQUEST_LOG_SIZE);
}

function bearer(req: SimRequest): string | undefined {
  const value = req.headers.authorization;
  const m = typeof value === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return m?.[1];
}

function corsHeaders(ctx: SimContext, req: IncomingMessage): Record<string, string> {
  if (!ctx.opts.cors) return {};
  const origin = req.headers.origin;
  return {
    'access-control-allow-origin': origin ?? '*',
    // Standing in for the proxy, whose token routes take the widgets' credentialed requests.
    ...(origin ? { 'access-control-allow-credentials': 'true' } : {}),
    'access-control-expose-headers': 'tposappversion',
    vary: 'Origin',
  };
}

function send(ctx: SimContext, req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    ...corsHeaders(ctx, req),
  };
  if (ctx.opts.tposAppVersion) headers.tposappversion = ctx.opts.tposAppVersion;
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, headers);
  res.end(text);
}

function sleep(ctx: SimContext, ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => later(ctx, ms, resolve)) : Promise.resolve();
}

async function run(
  ctx: SimContext,
  route: Route,
  params: string[],
  req: SimRequest,
): Promise<Reply> {
  if (route.auth) {
    const principal = ctx.auth.verify(bearer(req));
    if (!principal) {
      // No 401 body was ever recorded: the recorded profile sends none.
      if (ctx.opts.profile === 'recorded') return { status: 401, raw: '' };
      return errorReply(401, 'Unauthorized', 'Authorization has been denied for this request.');
    }
    req.principal = principal;
  }
  try {
    return await route.handler(req, params);
  } catch (err) {
    if (err instanceof HttpError) return errorReply(err.status, err.code, err.message);
    ctx.opts.log(`[rest] ${req.method} ${route.name} failed: ${String(err)}`);
    return errorReply(500, 'InternalError', 'Internal error.');
  }
}

async function handle(
  ctx: SimContext,
  routes: readonly Route[],
  control: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const isControl = url.pathname.startsWith('/__sim/');
  if (method === 'OPTIONS' && ctx.opts.cors && req.headers['access-control-request-method']) {
    res.writeHead(204, {
      ...corsHeaders(ctx, req),
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers':
        req.headers['access-control-request-headers'] ?? 'authorization, content-type, accept',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  if (isControl && !isLoopback(req.socket.remoteAddress)) {
    send(ctx, req, res, errorReply(403, 'Forbidden', 'The control API answers loopback only.'));
    req.resume();
    return;
  }
  const sim: SimRequest = {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.alloc(0),
    remoteAddress: req.socket.remoteAddress ?? '',
  };
  if (!isControl) record(ctx, sim);
  const found = matchRoute(isControl ? control : routes, method, url.pathname);
  if (!isControl) {
    ctx.rest.total += 1;
    const key = found.match?.route.name ?? 'unmatched';
    ctx.rest.byRoute.set(key, (ctx.rest.byRoute.get(key) ?? 0) + 1);
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    send(
      ctx,
      req,
      res,
      errorReply(413, 'PayloadTooLarge', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`),
    );
    return;
  }
  sim.body = body;
  const plan = isControl ? undefined : ctx.faults.take(url.pathname);
  if (plan) {
    await sleep(ctx, plan.delayMs);
    if (plan.hang) {
      req.socket.destroy();
      return;
    }
    if (plan.replace) {
      send(ctx, req, res, plan.replace);
      return;
    }
  }
  let reply: Reply;
  if (found.match) reply = await run(ctx, found.match.route, found.match.params, sim);
  else if (found.methodMismatch)
    reply = errorReply(405, 'MethodNotAllowed', `${method} is not allowed here.`);
  else reply = errorReply(404, 'NotFound', 'No route matches this path.');
  send(ctx, req, res, plan?.transform ? plan.transform(reply) : reply);
}

/** Creates (does not start) the REST server. */
export function createRestServer(ctx: SimContext, routes: Route[], control: Route[]): Server {
  const server = createServer((req, res) => {
    handle(ctx, routes, control, req, res).catch((err: unknown) => {
      ctx.opts.log(`[rest] request failed: ${String(err)}`);
      if (!res.headersSent && !res.destroyed)
        send(ctx, req, res, errorReply(500, 'InternalError', 'Internal error.'));
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) {
      socket.end(
        'HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":{"code":"BadRequest","message":"Malformed HTTP request."}}',
      );
    } else socket.destroy();
  });
  return server;
}
