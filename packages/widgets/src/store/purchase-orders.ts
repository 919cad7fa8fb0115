/** The purchase orders (TPOS `SaleOnline_Order`) a conversation carries, newest first. */
import type { OrderRef } from '../model/index.js';

/** Orders deduplicated by id, the incoming (latest) first, updates merged into old entries. */
export function mergeOrders(
  existing: readonly OrderRef[],
  incoming: readonly OrderRef[],
): OrderRef[] {
  const byId = new Map(existing.map((o) => [o.id, o]));
  for (const order of incoming) byId.set(order.id, { ...byId.get(order.id), ...order });
  const ids = [...incoming.map((o) => o.id), ...existing.map((o) => o.id)];
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/**
 * Orders read from TPOS (`GetCommentOrders`, `chatomni/info`) merged into what a conversation
 * shows: the orders it already had keep their place (an order event or a creation on this page
 * is at least as new as a read), updated with the read's fields; orders only the read knows
 * follow, in the read's order. Returns `existing` itself when nothing changes.
 */
export function mergeReadOrders(
  existing: readonly OrderRef[],
  read: readonly OrderRef[],
): readonly OrderRef[] {
  const byId = new Map(read.map((o) => [o.id, o]));
  let changed = false;
  const kept = existing.map((o) => {
    const update = byId.get(o.id);
    if (!update) return o;
    byId.delete(o.id);
    const merged = { ...o, ...update, ...(update.code ? {} : { code: o.code }) };
    if (JSON.stringify(merged) !== JSON.stringify(o)) changed = true;
    return merged;
  });
  if (!changed && byId.size === 0) return existing;
  return [...kept, ...byId.values()];
}
