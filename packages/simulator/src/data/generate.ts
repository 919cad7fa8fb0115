/**
 * Deterministic generation of a tenant's shop. Conversation headers (what search needs) are
 * made up front; their messages and comments only on first read (see thread.ts), so 100,000
 * conversations cost a few hundred milliseconds.
 */
import { Prng, hashString, mixSeed } from './prng.js';
import {
  address,
  guid,
  makeStaff,
  objectId,
  personName,
  phone,
  imageAttachments,
} from './factory.js';
import { commentText, customerText, shopReply } from './factory.js';
import type { LastItem, SimConversation, SimOrder, SimPage, SimPost, SimTenant } from './model.js';
import { PARTNER_STATUSES, POST_DESCRIPTIONS, POST_TITLES, SHOP_NAMES } from './vocab.js';

export interface TenantSpec {
  host: string;
  index: number;
  seed: number;
  conversations: number;
  now: number;
  logins: { username: string; displayName: string }[];
}

const DAY = 86_400_000;

/** Builds a tenant; the same spec always yields the same data (times relative to `now`). */
export function generateTenant(spec: TenantSpec): SimTenant {
  const rng = new Prng(mixSeed(spec.seed, hashString(spec.host)));
  const pageCount = rng.int(2, 3);
  const pages: SimPage[] = [];
  const shopOffset = rng.int(0, SHOP_NAMES.length - 1);
  for (let p = 0; p < pageCount; p++) {
    const id = rng.digits(15);
    pages.push({
      id,
      name: SHOP_NAMES[(shopOffset + p) % SHOP_NAMES.length] as string,
      logo: `https://picsum.photos/seed/page${id}/200/200`,
      teamId: 10 + spec.index * 100 + p + 1,
      accessToken: `EAAFakePageToken${rng.hex(40)}`,
    });
  }
  const posts: SimPost[] = [];
  for (const page of pages) {
    for (let k = 0; k < 4; k++) {
      const postId = rng.digits(15);
      posts.push({
        pageId: page.id,
        postId,
        objectId: `${page.id}_${postId}`,
        title: rng.pick(POST_TITLES),
        description: rng.pick(POST_DESCRIPTIONS),
        objectType: k % 2 === 0 ? 1 : 0,
        createdAt: spec.now - (k + 1) * 2 * DAY,
        session: rng.int(1, 40),
        nextIndex: 1,
      });
    }
  }
  const tenant: SimTenant = {
    host: spec.host,
    index: spec.index,
    companyId: 1,
    rootTeamId: 10 + spec.index * 100,
    pages,
    posts,
    staff: makeStaff(rng, spec.logins),
    list: [],
    byId: new Map(),
    byUser: new Map(),
    ordersByPost: new Map(),
    ordersById: new Map(),
    orderCounter: rng.int(1000, 4000),
    partnerCounter: 100_000 + spec.index * 1_000_000,
  };
  // Spread the history over up to 90 days, the newest conversation a minute ago.
  const avgGap = Math.max(
    20_000,
    Math.min(30 * 60_000, (90 * DAY) / Math.max(1, spec.conversations)),
  );
  let at = spec.now - 60_000;
  const orders: SimOrder[] = [];
  for (let i = 0; i < spec.conversations; i++) {
    const conv = generateConversation(tenant, spec, i, at);
    tenant.list.push(conv);
    tenant.byId.set(conv.id, conv);
    tenant.byUser.set(`${conv.pageId}|${conv.psid}`, conv);
    for (const o of conv.orders) orders.push(o);
    at -= rng.int(5_000, avgGap * 2);
  }
  // Codes and session indexes increase with time, as a real shop's do.
  orders.sort((a, b) => a.createdAt - b.createdAt);
  for (const o of orders) {
    const post = posts.find((p) => p.objectId === o.PostId);
    o.SessionIndex = post ? post.nextIndex++ : 0;
    o.Session = post?.session ?? 0;
    o.Code = orderCode(tenant, o.createdAt);
    tenant.ordersById.set(o.Id, o);
    if (o.PostId) {
      const list = tenant.ordersByPost.get(o.PostId) ?? [];
      list.push(o);
      tenant.ordersByPost.set(o.PostId, list);
    }
  }
  for (const conv of tenant.list) conv.orders.sort((a, b) => b.createdAt - a.createdAt);
  return tenant;
}

/** Next order code of the tenant: `YYMM` + a five-digit counter, e.g. `251204471`. */
export function orderCode(tenant: SimTenant, ms: number): string {
  const d = new Date(ms + 7 * 3600_000);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  tenant.orderCounter += 1;
  return `${yy}${mm}${String(tenant.orderCounter % 100_000).padStart(5, '0')}`;
}

function generateConversation(
  tenant: SimTenant,
  spec: TenantSpec,
  index: number,
  lastAt: number,
): SimConversation {
  const seed = mixSeed(spec.seed, spec.index, index);
  const rng = new Prng(seed);
  const page = rng.pick(tenant.pages);
  const name = personName(rng);
  const hasPhone = rng.chance(0.55);
  const ph = hasPhone ? phone(rng) : null;
  const addr = hasPhone && rng.chance(0.7) ? address(rng) : null;
  const roll = rng.next();
  const kinds = new Set<'message' | 'comment'>(
    roll < 0.5 ? ['message'] : roll < 0.75 ? ['comment'] : ['message', 'comment'],
  );
  const pagePosts = tenant.posts.filter((p) => p.pageId === page.id);
  const post = kinds.has('comment') ? rng.pick(pagePosts) : null;
  const lastKind = kinds.size === 2 ? (rng.chance(0.6) ? 'message' : 'comment') : [...kinds][0]!;
  const isOwner = rng.chance(0.3);
  const staff = isOwner ? rng.pick(tenant.staff) : undefined;
  let last: LastItem;
  if (isOwner) last = { kind: lastKind, text: shopReply(rng), isOwner, attachments: [], staff };
  else if (lastKind === 'message' && rng.chance(0.12)) {
    last = { kind: lastKind, text: '', isOwner, attachments: imageAttachments(rng) };
  } else {
    const text = lastKind === 'message' ? customerText(rng) : commentText(rng, ph);
    last = { kind: lastKind, text, isOwner, attachments: [] };
  }
  const statusRoll = rng.next();
  const status =
    statusRoll < 0.8
      ? PARTNER_STATUSES[0]
      : PARTNER_STATUSES[rng.int(1, PARTNER_STATUSES.length - 1)];
  const conv: SimConversation = {
    id: objectId(rng, lastAt - rng.int(0, 30) * DAY),
    tenant: tenant.host,
    seed,
    pageId: page.id,
    psid: rng.digits(16),
    name,
    phone: ph,
    address: addr,
    partnerId: tenant.partnerCounter + index,
    partnerStatus: status!.text,
    lastAt,
    createdAt: lastAt - rng.int(1, 20) * 3_600_000,
    unread: !isOwner && rng.chance(0.4) ? rng.int(1, 3) : 0,
    last,
    kinds,
    postObjectId: post?.objectId ?? null,
    firstCommentFbId: post ? `${post.postId}_${rng.digits(15)}` : null,
    assigned: rng.chance(0.3) ? [rng.pick(tenant.staff).Id] : [],
    orders: [],
    // Every 20th conversation has a long Messenger history, so paging has something to page.
    plannedMessages: kinds.has('message')
      ? index % 20 === 0
        ? rng.int(25, 60)
        : rng.int(1, 6)
      : 0,
    plannedComments: kinds.has('comment') ? rng.int(1, 4) : 0,
    thread: null,
  };
  if (post && rng.chance(0.2)) {
    const count = rng.chance(0.2) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const createdAt = lastAt - rng.int(1, 120) * 60_000;
      conv.orders.push({
        Id: guid(rng),
        Code: '',
        Session: 0,
        SessionIndex: 0,
        PostId: post.objectId,
        CommentId: conv.firstCommentFbId,
        conversationId: conv.id,
        psid: conv.psid,
        name,
        phone: ph,
        address: addr,
        note: null,
        crmTeamId: page.teamId,
        status: 'Draft',
        statusText: 'Nháp',
        totalAmount: rng.int(1, 12) * 50_000 + 30_000,
        createdAt,
        staff: rng.pick(tenant.staff),
      });
    }
  }
  return conv;
}
