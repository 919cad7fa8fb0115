/**
 * A customer's info and the message templates from TPOS → the normalized types, by the rules
 * of `normalize.ts`. Only an open conversation asks for them: they go with the conversation
 * side's chunk.
 */
import type { CustomerInfo, MessageTemplate } from '../model/index.js';
import { capText } from '../util/text.js';
import { field, optText, toId, toTime } from './fields.js';
import { normalizeOrder } from './normalize-orders.js';

export function normalizeCustomerInfo(raw: unknown): CustomerInfo {
  const info: CustomerInfo = {};
  const partner = field(raw, 'Partner');
  const partnerId = toId(field(partner, 'Id'));
  if (partnerId) {
    info.partner = { id: partnerId, name: capText(field(partner, 'Name'), 200) };
    const phone = optText(field(partner, 'Phone'), 50);
    const address = optText(field(partner, 'FullAddress'), 1000);
    const status = optText(field(partner, 'StatusText'), 100);
    if (phone) info.partner.phone = phone;
    if (address) info.partner.address = address;
    if (status) info.partner.statusText = status;
  }
  const orderRaw = field(raw, 'Order');
  const order = normalizeOrder(orderRaw);
  if (order) {
    const createdAt = toTime(field(orderRaw, 'DateCreated'));
    const note = optText(field(orderRaw, 'Note'), 2000);
    info.order = { ...order };
    if (createdAt !== undefined) info.order.createdAt = createdAt;
    if (note) info.order.note = note;
  }
  const revenue = field(field(raw, 'Revenue'), 'RevenueTotal');
  if (typeof revenue === 'number' && Number.isFinite(revenue)) info.revenue = revenue;
  return info;
}

export function normalizeTemplates(list: readonly unknown[]): MessageTemplate[] {
  const out: MessageTemplate[] = [];
  for (const item of list) {
    const id = toId(field(item, 'Id'));
    if (!id) continue;
    out.push({
      id,
      name: capText(field(item, 'Name'), 200),
      body: capText(field(item, 'BodyPlain')),
    });
  }
  return out;
}
