import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, formatVnd } from '../../i18n/formats.js';
import type { Lang, MessageKey } from '../../i18n/i18n.js';
import type { ActionsState } from '../../controllers/customer-actions-controller.js';
import type { Conversation, CustomerInfo, MessageTemplate, OrderRef } from '../../model/index.js';
import { renderAvatar } from '../shared/avatar.js';
import { orderCode, renderOrder, renderStatus } from '../shared/badges.js';
import { icon } from '../shared/icons.js';

/** What the header shows and calls. */
export interface HeaderContext {
  t: (key: MessageKey, ...args: (string | number)[]) => string;
  avatarTemplate: string;
  statusColor: (text: string) => string | undefined;
  order: OrderRef | undefined;
  creating: boolean;
  panel: 'info' | 'templates' | null;
  onCreateOrder: () => void;
  onInfo: () => void;
  onTemplates: () => void;
}

/** Customer, phone, status and order badges, and the seed's three buttons. */
export function renderHeader(c: Conversation, ctx: HeaderContext): TemplateResult {
  return html`<header part="header">
    ${renderAvatar(c, ctx.avatarTemplate, 40)}
    <div class="who">
      <strong class="name" part="name">${c.name}</strong>
      <div class="badges">
        ${
          c.phone
            ? html`<span class="phone"
                >${icon('phone')}<span class="sr">${ctx.t('phone')}:</span> ${c.phone}</span
              >`
            : nothing
        }
        ${renderStatus(c.partnerStatus, c.partnerStatus && ctx.statusColor(c.partnerStatus))}
        ${renderOrder(ctx.order, ctx.t('orderNoCode'))}
      </div>
    </div>
    <div class="actions">
      <button class="ok" part="create-order" ?disabled=${ctx.creating} @click=${ctx.onCreateOrder}>
        ${icon('cart', 'lead')}${ctx.creating ? ctx.t('creatingOrder') : ctx.t('createOrder')}
      </button>
      <button
        part="info-button"
        aria-expanded=${ctx.panel === 'info'}
        aria-controls="panel"
        @click=${ctx.onInfo}
      >
        ${icon('user', 'lead')}${ctx.t('info')}
      </button>
      <button
        part="templates-button"
        aria-expanded=${ctx.panel === 'templates'}
        aria-controls="panel"
        @click=${ctx.onTemplates}
      >
        ${ctx.t('templates')}${icon('chevron')}
      </button>
    </div>
  </header>`;
}

/** What the info panel shows besides the customer's data. */
interface InfoContext {
  t: HeaderContext['t'];
  lang: Lang;
  statusColor: (text: string) => string | undefined;
  orderColor: (text: string) => string | undefined;
}

/** What the panel under the header shows and calls. */
export interface PanelContext extends InfoContext {
  onPick: (template: MessageTemplate) => void;
  onClose: () => void;
}

/**
 * The info or templates panel under the header (nothing while closed), titled, with a close
 * button; focusable so a keyboard shortcut can move into it.
 */
export function renderPanel(
  state: Pick<ActionsState, 'panel' | 'info' | 'templates'>,
  ctx: PanelContext,
): TemplateResult | typeof nothing {
  const { panel, info, templates } = state;
  if (!panel) return nothing;
  const title = ctx.t(panel === 'info' ? 'customerInfo' : 'messageTemplates');
  return html`<section
    id="panel"
    class="panel"
    part="panel"
    tabindex="-1"
    aria-labelledby="panel-title"
  >
    <div class="panel-head">
      <strong id="panel-title">${title}</strong>
      <button class="link" part="panel-close" @click=${ctx.onClose}>${ctx.t('close')}</button>
    </div>
    ${
      panel === 'info'
        ? renderInfo(info, ctx)
        : renderTemplates(templates, (k) => ctx.t(k), ctx.onPick)
    }
  </section>`;
}

/** The customer info panel: partner, phone, address, latest order, revenue. */
export function renderInfo(
  info: CustomerInfo | 'loading' | 'error',
  ctx: InfoContext,
): TemplateResult {
  if (info === 'loading') return html`<p class="muted">${ctx.t('loading')}</p>`;
  if (info === 'error') return html`<p class="error" role="alert">${ctx.t('infoError')}</p>`;
  const p = info.partner;
  const o = info.order;
  const row = (key: MessageKey, value: unknown) =>
    value || value === 0
      ? html`<dt>${ctx.t(key)}</dt>
          <dd>${value}</dd>`
      : nothing;
  return html`<dl class="info">
    ${row('customer', p?.name)} ${row('phone', p?.phone)} ${row('address', p?.address)}
    ${row('status', p?.statusText && renderStatus(p.statusText, ctx.statusColor(p.statusText)))}
    ${row(
      'latestOrder',
      o &&
        html`${o.code ? orderCode(o) : ctx.t('orderNoCode')}
        ${renderStatus(o.statusText, o.statusText && ctx.orderColor(o.statusText), 'order-status')}
        ${
          o.createdAt
            ? html`<span class="muted">${formatDateTime(o.createdAt, ctx.lang)}</span>`
            : nothing
        }`,
    )}
    ${row('revenue', info.revenue !== undefined ? formatVnd(info.revenue) : undefined)}
  </dl>`;
}

/** The message templates list ("Tin nhắn" dropdown). */
export function renderTemplates(
  templates: readonly MessageTemplate[] | 'loading' | 'error',
  t: HeaderContext['t'],
  onPick: (template: MessageTemplate) => void,
): TemplateResult {
  if (templates === 'loading') return html`<p class="muted">${t('loading')}</p>`;
  if (templates === 'error') return html`<p class="error" role="alert">${t('actionFailed')}</p>`;
  if (!templates.length) return html`<p class="muted">${t('noTemplates')}</p>`;
  return html`<ul class="templates">
    ${templates.map(
      (tpl) =>
        html`<li>
          <button @click=${() => onPick(tpl)}>
            <strong>${tpl.name}</strong><span class="muted">${tpl.body}</span>
          </button>
        </li>`,
    )}
  </ul>`;
}
