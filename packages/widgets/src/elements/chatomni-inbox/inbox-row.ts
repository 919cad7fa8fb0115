import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleProps } from '../shared/style-props.js';
import { formatRelative, type Lang, type MessageKey } from '../../i18n/i18n.js';
import type { Conversation } from '../../model/index.js';
import { renderAvatar } from '../shared/avatar.js';
import { renderOrder, renderStatus } from '../shared/badges.js';
import { icon, type IconName } from '../shared/icons.js';

/** What a row needs besides its conversation. */
export interface RowContext {
  lang: Lang;
  t: (key: MessageKey, ...args: (string | number)[]) => string;
  now: number;
  rowHeight: number;
  setSize: number;
  selectedId: string | null;
  activeIndex: number;
  avatarTemplate: string;
  statusColor: (text: string) => string | undefined;
}

/** The DOM id of the row at `index` (for `aria-activedescendant`). */
export const rowId = (index: number) => `row-${index}`;

function lastLine(c: Conversation, ctx: RowContext): TemplateResult | typeof nothing {
  const m = c.lastMessage;
  if (!m) return nothing;
  const text = m.text || (m.hasAttachment ? ctx.t('attachment') : '');
  const kind = m.kind === 'comment' ? 'comments' : 'messages';
  return html`<span class="kind" title=${ctx.t(kind)}
      >${icon(m.kind === 'comment' ? 'comment' : 'message')}<span class="sr"
        >${ctx.t(kind)}:</span
      ></span
    ><span class="last">${m.isOwner ? ctx.t('you') : ''}${text}</span>`;
}

/** A small icon with a tooltip and a screen-reader label. */
function flag(name: IconName, label: string): TemplateResult {
  return html`<span title=${label}>${icon(name)}<span class="sr">${label}</span></span>`;
}

/** One conversation row (absolutely positioned at its index). */
export function renderRow(c: Conversation, index: number, ctx: RowContext): TemplateResult {
  const selected = c.id === ctx.selectedId;
  const unread = c.unreadCount > 0;
  const order = c.orders[0];
  return html`<div
    role="option"
    id=${rowId(index)}
    class=${classMap({ row: true, selected, active: index === ctx.activeIndex, unread })}
    part="row${selected ? ' row-selected' : ''}"
    aria-selected=${selected}
    aria-posinset=${index + 1}
    aria-setsize=${ctx.setSize}
    data-index=${index}
    ${styleProps({ transform: `translateY(${index * ctx.rowHeight}px)` })}
  >
    ${renderAvatar(c, ctx.avatarTemplate, 44)}
    <div class="main">
      <div class="line">
        <span class="name" part="name">${c.name}</span>
        <span class="time">${formatRelative(c.lastActivityAt, ctx.lang, ctx.now)}</span>
      </div>
      <div class="line">
        ${lastLine(c, ctx)}
        ${
          unread
            ? html`<span class="badge count" part="unread"
                >${c.unreadCount > 99 ? '99+' : c.unreadCount}<span class="sr">
                  ${ctx.t('unread')}</span
                ></span
              >`
            : nothing
        }
      </div>
      <div class="line meta">
        ${c.hasPhone ? flag('phone', ctx.t('hasPhone')) : nothing}
        ${c.hasAddress ? flag('pin', ctx.t('hasAddress')) : nothing}
        ${!order && c.hasOrder ? flag('cart', ctx.t('hasOrder')) : nothing} ${renderOrder(order)}
        ${renderStatus(c.partnerStatus, c.partnerStatus && ctx.statusColor(c.partnerStatus))}
      </div>
    </div>
  </div>`;
}

/** A grey placeholder row while the first page loads. */
export function renderSkeletonRow(): TemplateResult {
  return html`<div class="skeleton" aria-hidden="true">
    <span class="avatar"></span>
    <div class="main"><i></i><i></i></div>
  </div>`;
}
