/** Making something happen in a tenant: store it and tell the sockets (control, live, REST). */
import { publish, type ServerTarget, type SimContext } from './context.js';
import { chatEnvelope, orderEnvelope, productEnvelope } from './envelopes.js';
import type { ProductEventKind, SimEvent } from './envelopes.js';
import type { SimAttachment, SimConversation, SimTenant } from './data/model.js';
import { commentText, customerText, imageUrl, shopReply } from './data/factory.js';
import { PRODUCT_NAMES } from './data/vocab.js';
import { socketIdOf } from './recorded.js';
import { HttpError } from './rest/http.js';
import { utc } from './time.js';

export type EmitKind = 'message' | 'comment' | 'order' | 'product' | 'raw';

/** Body of `POST /__sim/emit`. */
export interface EmitInput {
  /** Default: the first user's tenant. */
  tenant?: string;
  /** Default `both`. */
  server?: ServerTarget;
  /** Default `message`. */
  kind?: EmitKind;
  /** Default: one of the 50 most recent conversations. */
  conversationId?: string;
  /** Start a new conversation (customer `name`, default a random one). */
  newConversation?: boolean;
  name?: string;
  /** Default: a realistic random text. */
  text?: string;
  /** A shop reply echoed back (`IsOwner: true`). Default false. */
  isOwner?: boolean;
  attachments?: SimAttachment[];
  /** Comments: reply under this comment (ChatOmni or Facebook id). */
  parentId?: string;
  /** Products: which envelope. Default `template`. */
  productEvent?: ProductEventKind;
  /** kind `raw`: this exact value is the event argument; nothing is stored. */
  raw?: unknown;
  /** kind `raw`: event name. Default `on-events`. */
  rawEvent?: string;
  /** Messages and comments: use this 24-hex id instead of a new one. */
  id?: string;
}

export interface EmitResult {
  /** REST `Id` of the stored item (as GET messages/comments list it); order or product id. */
  Id: string | null;
  /**
   * `Message.Id` of a chat envelope: equal to `Id` in the rich profile, another 24-hex id in
   * the recorded one. Null for other kinds.
   */
  SocketId: string | null;
  ConversationId: string | null;
  /** ISO time with milliseconds. */
  EmittedAt: string;
  /** The envelope as sent in the captured dialect (or the raw value). */
  Envelope: unknown;
}

/** Resolves the tenant of a control request; 404 when unknown. */
export function tenantOf(ctx: SimContext, host?: string): SimTenant {
  const name = host ?? ctx.opts.users[0]!.tenant;
  const tenant = ctx.store.tenant(name);
  if (!tenant) throw new HttpError(404, 'NotFound', `Unknown tenant "${name}".`);
  return tenant;
}

function pickConversation(ctx: SimContext, tenant: SimTenant, input: EmitInput): SimConversation {
  if (input.newConversation) return ctx.store.newConversation(tenant, { name: input.name });
  if (input.conversationId) {
    const conv = tenant.byId.get(input.conversationId);
    if (!conv) throw new HttpError(404, 'NotFound', 'Unknown conversation.');
    return conv;
  }
  const list = ctx.store.list(tenant);
  if (list.length === 0) return ctx.store.newConversation(tenant, { name: input.name });
  return ctx.store.rng.pick(list.slice(0, 50));
}

/** Stores and emits one event; returns what was sent. */
export function emit(ctx: SimContext, input: EmitInput): EmitResult {
  const tenant = tenantOf(ctx, input.tenant);
  const target = input.server ?? 'both';
  const kind = input.kind ?? 'message';
  const { store } = ctx;
  if (kind === 'raw') {
    const event = input.rawEvent ?? 'on-events';
    for (const name of ['rt', 'chat'] as const) {
      if (target === name || target === 'both')
        ctx.servers[name].raw(tenant.host, event, input.raw);
    }
    return {
      Id: null,
      SocketId: null,
      ConversationId: null,
      EmittedAt: utc(Date.now()),
      Envelope: input.raw,
    };
  }
  if (kind === 'product') {
    const id = store.rng.int(10_000, 99_999);
    const event = productEnvelope(
      input.productEvent ?? 'template',
      {
        id,
        name: store.rng.pick(PRODUCT_NAMES),
        code: `SP${id}`,
        price: store.rng.int(3, 40) * 10_000,
        imageUrl: imageUrl(store.rng),
      },
      store.rng.pick(tenant.staff),
      tenant.companyId,
    );
    return send(ctx, tenant, event, target, String(id), null);
  }
  const conv = pickConversation(ctx, tenant, input);
  const staff = store.rng.pick(tenant.staff);
  if (kind === 'order') {
    const order = store.createOrder(tenant, conv, {
      psid: conv.psid,
      postId: conv.postObjectId,
      commentId: conv.firstCommentFbId,
      staff,
    });
    return send(ctx, tenant, orderEnvelope(order, 'created'), target, order.Id, conv.id);
  }
  const isOwner = input.isOwner === true;
  const attachments = input.attachments ?? [];
  if (kind === 'comment') {
    const parent = input.parentId ? store.findComment(conv, input.parentId) : undefined;
    if (input.parentId && !parent) throw new HttpError(404, 'NotFound', 'Unknown parent comment.');
    const text =
      input.text ?? (isOwner ? shopReply(store.rng) : commentText(store.rng, conv.phone));
    const comment = store.addComment(conv, { text, isOwner, attachments, staff }, parent, input.id);
    const event = chatEnvelope(ctx.opts.profile, tenant, conv, comment, parent);
    return send(ctx, tenant, event, target, comment.id, conv.id);
  }
  const text =
    input.text ??
    (attachments.length > 0 ? '' : isOwner ? shopReply(store.rng) : customerText(store.rng));
  const message = store.addMessage(conv, { text, isOwner, attachments, staff }, input.id);
  const event = chatEnvelope(ctx.opts.profile, tenant, conv, message);
  return send(ctx, tenant, event, target, message.id, conv.id);
}

function send(
  ctx: SimContext,
  tenant: SimTenant,
  event: SimEvent,
  target: ServerTarget,
  id: string,
  conversationId: string | null,
): EmitResult {
  publish(ctx, tenant.host, event, target);
  return {
    Id: id,
    SocketId: event.category === 'chat' ? socketIdOf(ctx.opts.profile, id) : null,
    ConversationId: conversationId,
    EmittedAt: utc(Date.now()),
    Envelope: event.envelope,
  };
}
