import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleProps } from '../shared/style-props.js';
import { formatRelative, type Lang, type MessageKey } from '../../i18n/i18n.js';
import type { Conversation } from '../../model/index.js';
import { avatarPicture, renderAvatar } from '../shared/avatar.js';
import { renderOrder, renderStatus } from '../shared/badges.js';
import { icon, type IconName } from '../shared/icons.js';

/** What a row needs besides its conversation. */
export interface RowContext {
  lang: Lang;
  t: (key: MessageKey, ...args: (string | number)[]) => string;
  /** The clock relative times are shown against; rows re-render only when it changes. */
  now: number;
  rowHeight: number;
  setSize: number;
  selectedId: string | null;
  activeIndex: number;
  avatarTemplate: string;
  /** Ask for avatar pictures not loaded yet (false while the list is flung). */
  fetchAvatars: boolean;
  statusColor: (text: string) => string | undefined;
}

/** The DOM id of the row at `index` (for `aria-activedescendant`). */
export const rowId = (index: number) => `row-${index}`;

/**
 * The preview line. The real TPOS's list tells only the preview's text (docs/tpos-protocol.md
 * §7.7): "Bạn:" only when the shop's side is known, "[Tệp đính kèm]" only when an attachment
 * is, and an empty text otherwise says just that there is no text.
 */
function lastLine(c: Conversation, ctx: RowContext): TemplateResult | typeof nothing {
  const m = c.lastMessage;
  if (!m) return nothing;
  const text =
    m.text ||
    (m.hasAttachment ? ctx.t('attachment') : m.hasAttachment === false ? '' : ctx.t('noText'));
  const kind = m.kind === 'comment' ? 'comments' : 'messages';
  return html`<span class="kind" title=${ctx.t(kind)}
      >${icon(m.kind === 'comment' ? 'comment' : 'message')}<span class="sr"
        >${ctx.t(kind)}:</span
      ></span
    ><span class="last">${m.isOwner === true ? ctx.t('you') : ''}${text}</span>`;
}

/** A small icon with a tooltip and a screen-reader label. */
function flag(name: IconName, label: string): TemplateResult {
  return html`<span title=${label}>${icon(name)}<span class="sr">${label}</span></span>`;
}

/**
 * One conversation row, absolutely positioned at its index. Only the row's own attributes
 * follow the index; its content is rendered again only when the conversation object, the
 * language, the clock, the picture or the status colour changed, so rows that merely moved
 * (scrolling, new activity above) cost a few attribute writes.
 */
export function renderRow(c: Conversation, index: number, ctx: RowContext): TemplateResult {
  const selected = c.id === ctx.selectedId;
  const unread = c.unreadCount > 0;
  const picture = avatarPicture(ctx.avatarTemplate, c.psid, ctx.fetchAvatars);
  const color = c.partnerStatus ? ctx.statusColor(c.partnerStatus) : undefined;
  return html`<div
    role="option"
    id=${rowId(index)}
    class="row${selected ? ' selected' : ''}${index === ctx.activeIndex ? ' active' : ''}${unread ? ' unread' : ''}"
    part="row${selected ? ' row-selected' : ''}"
    aria-selected=${selected}
    aria-posinset=${index + 1}
    aria-setsize=${ctx.setSize}
    data-index=${index}
    ${styleProps({ transform: `translateY(${index * ctx.rowHeight}px)` })}
  >
    ${guard([c, ctx.lang, ctx.now, picture, color], () => rowContent(c, ctx, picture, color))}
  </div>`;
}

function rowContent(
  c: Conversation,
  ctx: RowContext,
  picture: string | undefined,
  color: string | undefined,
): TemplateResult {
  const order = c.orders[0];
  return html`${renderAvatar(c, picture, 44)}
    <div class="main">
      <div class="line">
        <span class="name" part="name">${c.name}</span>
        <span class="time">${formatRelative(c.lastActivityAt, ctx.lang, ctx.now)}</span>
      </div>
      <div class="line">
        ${lastLine(c, ctx)}
        ${
          c.unreadCount > 0
            ? html`<span class="badge count" part="unread"
                >${c.unreadCount > 99 ? '99+' : c.unreadCount}<span class="sr">
                  ${ctx.t('unread')}</span
                ></span
              >`
            : nothing
        }
      </div>
      <div class="line meta">
        ${c.hasPhone === true ? flag('phone', ctx.t('hasPhone')) : nothing}
        ${c.hasAddress === true ? flag('pin', ctx.t('hasAddress')) : nothing}
        ${!order && c.hasOrder === true ? flag('cart', ctx.t('hasOrder')) : nothing}
        ${renderOrder(order, ctx.t('orderNoCode'))} ${renderStatus(c.partnerStatus, color)}
      </div>
    </div>`;
}

/**
 * The spacer (`height` px, the whole list) with the rows of `range` in it, keyed by
 * conversation id: a row that stays in view keeps its DOM (and its picture) while the list
 * moves; `footer` is a note under the last row ("Đang tải…").
 */
export function renderRows(
  items: readonly Conversation[],
  { start, end }: { start: number; end: number },
  ctx: RowContext,
  { height, footer }: { height: number; footer?: string },
): TemplateResult {
  return html`<div class="spacer" role="none" ${styleProps({ height: `${height}px` })}>
    ${repeat(
      items.slice(start, end),
      (c) => c.id,
      (c, k) => renderRow(c, start + k, ctx),
    )}
    ${footer ? html`<div class="footer" part="list-footer">${footer}</div>` : nothing}
  </div>`;
}

/** A grey placeholder row while the first page loads. */
export function renderSkeletonRow(): TemplateResult {
  return html`<div class="skeleton" aria-hidden="true">
    <span class="avatar"></span>
    <div class="main"><i></i><i></i></div>
  </div>`;
}
