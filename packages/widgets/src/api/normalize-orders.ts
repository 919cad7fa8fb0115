/**
 * Orders from TPOS → `OrderRef`: order events, the create-order answer, customer info and
 * `GetCommentOrders` (docs/tpos-protocol.md §4.8, §7.4, §7.6). Same rules as `normalize.ts`.
 */
import type { OrderRef } from '../model/index.js';
import { field, isRecord, optText, toCount, toId } from './fields.js';

/**
 * An order from a SaleOnline_Order event `Data`, an order creation answer or customer info;
 * null without `Id`, or without `Code` unless `codeOptional` (the create answer of the real
 * TPOS may carry only `Id`: the order then has `code: ''` until a read finds it).
 */
export function normalizeOrder(raw: unknown, codeOptional = false): OrderRef | null {
  if (!isRecord(raw)) return null;
  const id = toId(raw.Id);
  const code = optText(raw.Code, 100) ?? '';
  if (!id || (!code && !codeOptional)) return null;
  const order: OrderRef = { id, code };
  const index = toCount(raw.SessionIndex);
  const session = toCount(raw.Session);
  if (index !== undefined) {
    order.index = index;
    if (code) order.displayCode = `#${index}. ${code}`;
  }
  if (session !== undefined) order.session = session;
  const status = optText(raw.StatusText, 100);
  if (status) order.statusText = status;
  return order;
}

/** `#769. 251204471` → index 769 and code 251204471; a code without `#n. ` is kept whole. */
function splitDisplayCode(display: string): { code: string; index?: number } {
  const match = /^#(\d{1,9})\.\s*(\S.*)$/.exec(display.trim());
  return match ? { code: match[2]!, index: Number(match[1]) } : { code: display.trim() };
}

/**
 * `GetCommentOrders` `value` → the orders of each customer (`asuid`, the PSID) on that post,
 * newest first: by `session` then `index` when they are sent (a later live session and a
 * later number are newer; the order of the answer itself is not recorded).
 */
export function normalizeCommentOrders(list: readonly unknown[]): Map<string, OrderRef[]> {
  const byUser = new Map<string, OrderRef[]>();
  for (const entry of list.slice(0, 10_000)) {
    const asuid = toId(field(entry, 'asuid'));
    const orders = field(entry, 'orders');
    if (!asuid || !Array.isArray(orders)) continue;
    const out: OrderRef[] = [];
    for (const raw of orders.slice(0, 200)) {
      const id = toId(field(raw, 'id'));
      const display = optText(field(raw, 'code'), 120);
      if (!id || !display) continue;
      const split = splitDisplayCode(display);
      const index = toCount(field(raw, 'index')) ?? split.index;
      const session = toCount(field(raw, 'session'));
      const order: OrderRef = { id, code: split.code, displayCode: display };
      if (index !== undefined) order.index = index;
      if (session !== undefined) order.session = session;
      out.push(order);
    }
    out.sort((a, b) => (b.session ?? 0) - (a.session ?? 0) || (b.index ?? 0) - (a.index ?? 0));
    if (out.length) byUser.set(asuid, [...(byUser.get(asuid) ?? []), ...out]);
  }
  return byUser;
}
