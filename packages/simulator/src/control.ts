/** The `/__sim/*` control API (loopback only; see README). */
import { later, type SimContext } from './context.js';
import { emit, tenantOf, type EmitInput, type EmitKind } from './emit.js';
import type { ProductEventKind } from './envelopes.js';
import type { FaultBody } from './faults.js';
import { objectId } from './data/factory.js';
import type { Live } from './live.js';
import { ROOM_MODES, type SimDialect, type SimServerName } from './options.js';
import { socketIdOf } from './recorded.js';
import { observeRoutes } from './observe.js';
import { HttpError, field, json, objectBody, route, type Route } from './rest/http.js';
import { utc } from './time.js';

const SERVERS = ['rt', 'chat', 'both'] as const;
const KINDS: EmitKind[] = ['message', 'comment', 'order', 'product', 'raw'];
const BODIES: FaultBody[] = ['json', 'truncated', 'empty', 'wrong-type', 'html'];
const PRODUCT_EVENTS: ProductEventKind[] = [
  'template',
  'product',
  'inventory',
  'invoice',
  'image-updated',
];

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  fallback?: T,
): T {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new HttpError(400, 'BadRequest', `"${name}" must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** An integer body field from `min` to `max` (400 otherwise); `fallback` when absent. */
export function intIn(
  value: unknown,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new HttpError(400, 'BadRequest', `"${name}" must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function targets(server: 'rt' | 'chat' | 'both'): SimServerName[] {
  return server === 'both' ? ['rt', 'chat'] : [server];
}

function emitInput(body: Record<string, unknown>): EmitInput {
  const attachments = field<unknown[]>(body, 'attachments', 'array');
  return {
    tenant: field<string>(body, 'tenant', 'string'),
    server: oneOf(body.server, SERVERS, 'server', 'both'),
    kind: oneOf(body.kind, KINDS, 'kind', 'message'),
    conversationId: field<string>(body, 'conversationId', 'string'),
    newConversation: field<boolean>(body, 'newConversation', 'boolean'),
    name: field<string>(body, 'name', 'string'),
    text: field<string>(body, 'text', 'string'),
    isOwner: field<boolean>(body, 'isOwner', 'boolean'),
    parentId: field<string>(body, 'parentId', 'string'),
    productEvent: body.productEvent
      ? oneOf<ProductEventKind>(body.productEvent, PRODUCT_EVENTS, 'productEvent')
      : undefined,
    attachments: attachments?.map((a) => {
      const { type, url } = (a ?? {}) as { type?: unknown; url?: unknown };
      if (typeof type !== 'string' || typeof url !== 'string') {
        throw new HttpError(400, 'BadRequest', '"attachments" must be a list of {type, url}.');
      }
      return { type, url };
    }),
    raw: body.raw,
    rawEvent: field<string>(body, 'rawEvent', 'string'),
  };
}

/** Every `/__sim` route: actions here, observation in observe.ts. */
export function controlRoutes(ctx: SimContext, live: Live): Route[] {
  const ok = (extra: Record<string, unknown> = {}) => json({ ok: true, ...extra });
  return [
    ...observeRoutes(ctx, live),
    route('POST', '/__sim/emit', (req) => json(emit(ctx, emitInput(objectBody(req)))), false),
    route(
      'POST',
      '/__sim/emit-batch',
      (req) => {
        const body = objectBody(req);
        const count = intIn(body.count, 'count', 1, 100_000);
        const spreadMs = intIn(body.spreadMs, 'spreadMs', 0, 3_600_000, 0);
        const base = emitInput(body);
        const tenant = tenantOf(ctx, base.tenant);
        const list = ctx.store.list(tenant);
        const n = intIn(
          body.conversations,
          'conversations',
          1,
          Math.max(1, list.length),
          Math.min(50, Math.max(1, list.length)),
        );
        const convIds = base.conversationId
          ? [base.conversationId]
          : list.slice(0, n).map((c) => c.id);
        const now = Date.now();
        const ids: (string | null)[] = [];
        for (let i = 0; i < count; i++) {
          const input: EmitInput = {
            ...base,
            conversationId: convIds.length > 0 ? convIds[i % convIds.length] : undefined,
          };
          const at = spreadMs > 0 ? Math.floor((i * spreadMs) / count) : 0;
          if (at === 0) {
            ids.push(emit(ctx, input).Id);
            continue;
          }
          const stored = input.kind === 'message' || input.kind === 'comment';
          if (stored) input.id = objectId(ctx.store.rng, now + at);
          ids.push(stored ? input.id! : null);
          later(ctx, at, () => {
            try {
              emit(ctx, input);
            } catch (err) {
              ctx.opts.log(`[control] batch emit failed: ${String(err)}`);
            }
          });
        }
        const socketIds = ids.map((id) =>
          id !== null && (base.kind === 'message' || base.kind === 'comment')
            ? socketIdOf(ctx.opts.profile, id)
            : null,
        );
        return json({ Ids: ids, SocketIds: socketIds, Count: count });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/disconnect',
      (req) => {
        const body = objectBody(req);
        const server = oneOf(body.server, SERVERS, 'server', 'both');
        const transport = field<boolean>(body, 'transport', 'boolean') ?? false;
        let disconnected = 0;
        for (const name of targets(server))
          disconnected += ctx.servers[name].disconnectAll(transport);
        return ok({ disconnected });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/frames',
      (req) => {
        const body = objectBody(req);
        const server = oneOf(body.server, SERVERS, 'server', 'both');
        const text = field<unknown[]>(body, 'frames', 'array') ?? [];
        const binary = field<unknown[]>(body, 'binary', 'array') ?? [];
        if (![...text, ...binary].every((f) => typeof f === 'string')) {
          throw new HttpError(
            400,
            'BadRequest',
            '"frames" and "binary" must be arrays of strings.',
          );
        }
        const frames = [
          ...(text as string[]),
          ...(binary as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))),
        ];
        let connections = 0;
        for (const name of targets(server)) connections += ctx.servers[name].frames(frames);
        return ok({ connections });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/refuse',
      (req) => {
        const body = objectBody(req);
        const server = oneOf(body.server, SERVERS, 'server', 'both');
        const seconds = field<number>(body, 'seconds', 'number') ?? 10;
        for (const name of targets(server)) ctx.servers[name].refuse(seconds);
        return ok({ until: utc(Date.now() + Math.max(0, seconds) * 1000) });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/outage',
      (req) => {
        const body = objectBody(req);
        const seconds = field<number>(body, 'seconds', 'number') ?? 10;
        if (!(seconds >= 0 && seconds <= 86_400))
          throw new HttpError(400, 'BadRequest', '"seconds" must be from 0 to 86400.');
        const rest = field<boolean>(body, 'rest', 'boolean') ?? true;
        const server = oneOf(body.server, [...SERVERS, 'none'] as const, 'server', 'both');
        if (rest) ctx.faults.outage(seconds);
        let disconnected = 0;
        for (const name of server === 'none' ? [] : targets(server)) {
          ctx.servers[name].refuse(seconds);
          // Down means the connections drop too, as when the servers crash.
          if (seconds > 0) disconnected += ctx.servers[name].disconnectAll(true);
        }
        return ok({ until: utc(Date.now() + seconds * 1000), disconnected });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/fail',
      (req) => {
        const body = objectBody(req);
        const kind = oneOf(body.body, BODIES, 'body', 'json');
        const plainStatus = kind === 'json' || kind === 'html' ? 500 : 200;
        ctx.faults.add({
          remaining: intIn(body.count, 'count', 1, 1_000_000, 1),
          status: intIn(body.status, 'status', 0, 599, plainStatus),
          delayMs: intIn(body.delayMs, 'delayMs', 0, 600_000, 0),
          route: field<string>(body, 'route', 'string') ?? '',
          body: kind,
        });
        return ok({ pending: ctx.faults.pending });
      },
      false,
    ),
    route('POST', '/__sim/clear-faults', () => (ctx.faults.clear(), ok()), false),
    route(
      'POST',
      '/__sim/expire-tokens',
      (req) => {
        const keepRefresh = field<boolean>(objectBody(req), 'keepRefresh', 'boolean') ?? false;
        const jtis = new Set(ctx.auth.expireAll(keepRefresh).map((p) => p.jti));
        const disconnected =
          ctx.servers.rt.disconnectTokens(jtis) + ctx.servers.chat.disconnectTokens(jtis);
        return ok({ expired: jtis.size, disconnected });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/half-close',
      (req) => {
        const body = objectBody(req);
        const server = oneOf(body.server, SERVERS, 'server', 'both');
        const on = field<boolean>(body, 'on', 'boolean') ?? true;
        for (const name of targets(server)) ctx.servers[name].setHalfClosed(on);
        return ok();
      },
      false,
    ),
    route(
      'POST',
      '/__sim/dialect',
      (req) => {
        const body = objectBody(req);
        const server = oneOf(body.server, SERVERS, 'server');
        const dialect = oneOf<SimDialect>(body.dialect, ['captured', 'seed'], 'dialect');
        for (const name of targets(server)) ctx.servers[name].setDialect(dialect);
        return ok({ dialect: { rt: ctx.servers.rt.dialect, chat: ctx.servers.chat.dialect } });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/room',
      (req) => {
        const body = objectBody(req);
        const server = oneOf(body.server, SERVERS, 'server', 'both');
        const mode = oneOf(body.mode, ROOM_MODES, 'mode');
        for (const name of targets(server)) ctx.servers[name].roomMode = mode;
        return ok({
          unknownRoom: { rt: ctx.servers.rt.roomMode, chat: ctx.servers.chat.roomMode },
        });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/live',
      (req) => {
        const body = objectBody(req);
        const on = field<boolean>(body, 'on', 'boolean');
        if (on === undefined) throw new HttpError(400, 'BadRequest', '"on" is required.');
        const interval = intIn(body.intervalMs, 'intervalMs', 10, 3_600_000, 0);
        const minMs = intIn(body.minMs, 'minMs', 10, 3_600_000, interval || live.interval.minMs);
        const maxMs = intIn(
          body.maxMs,
          'maxMs',
          minMs,
          3_600_000,
          interval || Math.max(minMs, live.interval.maxMs),
        );
        if (on) live.start({ minMs, maxMs });
        else live.stop();
        return ok({ live: live.running, ...live.interval });
      },
      false,
    ),
  ];
}
