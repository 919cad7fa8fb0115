/**
 * The Graph stand-in's port: `POST /<version>/<page-id|me>/messages` (the Send API, JSON,
 * form-urlencoded or multipart with `filedata`) and `GET /media/<id>` (uploaded images, so
 * echoes show them). Everything else answers as Graph does for an unknown path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { later, type SimContext } from '../context.js';
import { GRAPH_ERRORS, graphError, type GraphErrorReply } from './errors.js';
import { deliver, pageOfToken, validateSend, type SendRequest } from './send.js';
import type { GraphState, SendRecord } from './state.js';

/** Meta's limit for an attachment, plus room for the other multipart fields. */
const MAX_BODY_BYTES = 25 * 1024 * 1024 + 64 * 1024;
const SEND_PATH = /^\/(v\d+\.\d+)\/(me|\d+)\/messages\/?$/;
const MEDIA_PATH = /^\/media\/([a-z0-9]+)$/;

type Body = Buffer | 'too-large';

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function answerError(res: ServerResponse, error: GraphErrorReply): void {
  answer(res, error.status, error.body, error.headers);
}

/** A JSON field value: multipart and form fields carry JSON text. */
function fieldValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The request's fields, upload and token, whatever way it was encoded. */
async function parseSend(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
): Promise<{ request: SendRequest; token?: string; tokenIn: SendRecord['tokenIn'] }> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const fields: Record<string, unknown> = {};
  let upload: SendRequest['upload'];
  if (
    type.startsWith('multipart/form-data') ||
    type.startsWith('application/x-www-form-urlencoded')
  ) {
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': type },
    }).formData();
    for (const [name, value] of form) {
      if (typeof value === 'string') fields[name] = fieldValue(value);
      else if (name === 'filedata') {
        upload = { type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
      }
    }
  } else if (body.length > 0) {
    const parsed = fieldValue(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      Object.assign(fields, parsed);
  }
  const header = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  const query = url.searchParams.get('access_token');
  const inBody = typeof fields.access_token === 'string' ? fields.access_token : undefined;
  delete fields.access_token;
  const token = header?.[1] ?? query ?? inBody;
  const tokenIn = header ? 'header' : query ? 'query' : inBody ? 'body' : 'none';
  return { request: { fields, upload }, token: token ?? undefined, tokenIn };
}

function record(
  state: GraphState,
  pageId: string,
  request: SendRequest,
  tokenIn: SendRecord['tokenIn'],
  outcome: Pick<SendRecord, 'outcome' | 'messageId' | 'error'>,
): void {
  const recipient = (request.fields.recipient ?? {}) as SendRecord['recipient'];
  const message = (request.fields.message ?? {}) as { text?: unknown; attachment?: unknown };
  const text = typeof message.text === 'string' ? message.text : undefined;
  state.record({
    at: new Date().toISOString(),
    pageId,
    recipient: {
      ...(typeof recipient.id === 'string' ? { id: recipient.id } : {}),
      ...(typeof recipient.comment_id === 'string' ? { comment_id: recipient.comment_id } : {}),
    },
    kind: recipient.comment_id
      ? 'private-reply'
      : text !== undefined
        ? 'text'
        : message.attachment
          ? 'image'
          : 'unknown',
    ...(text === undefined ? {} : { text }),
    tokenInUrl: tokenIn === 'query',
    tokenIn,
    ...outcome,
  });
}

function errorOutcome(error: GraphErrorReply) {
  const { code, error_subcode: subcode } = error.body.error;
  return { outcome: 'error' as const, error: subcode === undefined ? { code } : { code, subcode } };
}

async function handleSend(
  ctx: SimContext,
  state: GraphState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pathPageId: string,
  body: Buffer,
): Promise<void> {
  const { request, token, tokenIn } = await parseSend(req, url, body);
  const auth = pageOfToken(ctx, token, pathPageId);
  const pageId = auth.ok ? auth.value.page.id : pathPageId;
  const fault = state.takeFault(pageId);
  if (fault && fault.delayMs > 0) await new Promise<void>((r) => later(ctx, fault.delayMs, r));
  if (res.destroyed) return;
  if (fault?.error) {
    const error = graphError(fault.error);
    record(state, pageId, request, tokenIn, errorOutcome(error));
    return answerError(res, error);
  }
  if (fault?.hang && !fault.afterSend) {
    record(state, pageId, request, tokenIn, { outcome: 'hung' });
    return;
  }
  if (!auth.ok) {
    record(state, pageId, request, tokenIn, errorOutcome(auth.error));
    return answerError(res, auth.error);
  }
  const now = Date.now();
  const waitMs = state.throttle(pageId, now);
  if (waitMs > 0) {
    const error = graphError(GRAPH_ERRORS.rateLimited);
    const usage = [
      {
        type: 'messenger',
        call_count: 100,
        total_cputime: 0,
        total_time: 0,
        estimated_time_to_regain_access: Math.ceil(waitMs / 60_000),
      },
    ];
    error.headers = { 'x-business-use-case-usage': JSON.stringify({ [pageId]: usage }) };
    record(state, pageId, request, tokenIn, errorOutcome(error));
    return answerError(res, error);
  }
  const checked = validateSend(ctx, state, auth.value.tenant, auth.value.page, request, now);
  if (!checked.ok) {
    record(state, pageId, request, tokenIn, errorOutcome(checked.error));
    return answerError(res, checked.error);
  }
  const sent = deliver(ctx, state, checked.value);
  if (fault?.hang) {
    // Posted, echoed, and the answer lost: the caller cannot know it went out.
    record(state, pageId, request, tokenIn, { outcome: 'hung', messageId: sent.message_id });
    return;
  }
  record(state, pageId, request, tokenIn, { outcome: 'sent', messageId: sent.message_id });
  answer(res, 200, sent);
}

async function handle(
  ctx: SimContext,
  state: GraphState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://graph');
  const method = (req.method ?? 'GET').toUpperCase();
  const media = MEDIA_PATH.exec(url.pathname);
  if (method === 'GET' && media) {
    req.resume();
    const item = state.getMedia(media[1]!);
    if (!item) return answerError(res, graphError(GRAPH_ERRORS.unknownObject, media[1]));
    res.writeHead(200, {
      'content-type': item.type || 'application/octet-stream',
      'cache-control': 'public, max-age=86400',
    });
    res.end(item.bytes);
    return;
  }
  const send = SEND_PATH.exec(url.pathname);
  if (method !== 'POST' || !send) {
    req.resume();
    return answerError(
      res,
      graphError(GRAPH_ERRORS.unknownObject, url.pathname.split('/')[2] ?? ''),
    );
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    return answerError(
      res,
      graphError({ code: 100, subcode: 2018294, message: '(#100) Upload attachment failure.' }),
    );
  }
  await handleSend(ctx, state, req, res, url, send[2]!, body);
}

/** Creates (does not start) the Graph port. */
export function createGraphServer(ctx: SimContext, state: GraphState): Server {
  return createServer((req, res) => {
    handle(ctx, state, req, res).catch((err: unknown) => {
      ctx.opts.log(`[graph] request failed: ${String(err)}`);
      answerError(res, graphError(GRAPH_ERRORS.temporary));
    });
  });
}
