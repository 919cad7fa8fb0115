import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from './style-props.js';
import type { OrderRef } from '../../model/index.js';

/** A colour from the upstream, kept only when it is a plain hex or named colour. */
export function safeColor(value: string | undefined): string | undefined {
  return value && /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i.test(value) ? value : undefined;
}

/**
 * The number in the purple badge: `SessionIndex`, else the one in "#100. 251203802"; none for
 * 0 (an order outside a live session).
 */
export function orderIndex(order: OrderRef): string | undefined {
  const index = order.index ?? Number(/^#(\d+)/.exec(order.displayCode ?? '')?.[1]);
  return index > 0 ? String(index) : undefined;
}

/** The display code "#100. 251203802", or the plain code when there is no index. */
export function orderCode(order: OrderRef): string {
  const index = orderIndex(order);
  return index ? `#${index}. ${order.code}` : order.code;
}

/** A status text in its colour ("Bình thường" green, "Bom hàng" red …). */
export function renderStatus(
  text: string | undefined,
  color: string | undefined,
  part = 'status',
): TemplateResult | typeof nothing {
  if (!text) return nothing;
  return html`<span class="badge pstatus" part=${part} ${styleProps({ '--c': safeColor(color) })}
    >${text}</span
  >`;
}

/**
 * The purple order-number badge followed by the order code; an order whose code is not known
 * (docs/tpos-protocol.md §7.6) shows `noCode` instead of a code, never an invented one.
 */
export function renderOrder(
  order: OrderRef | undefined,
  noCode: string,
): TemplateResult | typeof nothing {
  if (!order) return nothing;
  const index = orderIndex(order);
  return html`<span class="order-ref"
    >${index ? html`<span class="badge order" part="order-badge">${index}</span>` : nothing}<span
      class="code"
      part="order-code"
      >${order.code ? orderCode(order) : noCode}</span
    ></span
  >`;
}
