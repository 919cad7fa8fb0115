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
