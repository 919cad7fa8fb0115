/**
 * Browser side of the `@lit-labs/virtualizer` comparison (bundled by `virtualizer.ts`): the
 * inbox's own rows (`renderRow`), its styles and the same synthetic conversations, laid out
 * by the virtualizer's `virtualize` directive instead of our VirtualListController.
 */
import { LitElement, css, html } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { inboxStyles } from '../../packages/widgets/src/elements/chatomni-inbox/chatomni-inbox.styles.js';
import {
  renderRow,
  type RowContext,
} from '../../packages/widgets/src/elements/chatomni-inbox/inbox-row.js';
import { sharedStyles } from '../../packages/widgets/src/elements/shared/shared.styles.js';
import { msg } from '../../packages/widgets/src/i18n/i18n.js';
import type { Conversation } from '../../packages/widgets/src/model/index.js';
import { SYNTHETIC_LINES, syntheticConversations } from './synthetic.js';

/** `<virtualized-inbox count="10000">`: a 330 × 660 px list, the plain list's box. */
class VirtualizedInbox extends LitElement {
  static override styles = [
    sharedStyles,
    inboxStyles,
    css`
      :host {
        width: 330px;
        height: 660px;
        min-height: 0;
      }
      .list {
        height: 100%;
      }
      .item {
        width: 100%;
      }
      /* The virtualizer positions the items; the row sits in it (ours positions itself). */
      .item > .row {
        position: relative;
        transform: none !important;
      }
    `,
  ];

  private readonly items = syntheticConversations(
    Number(this.getAttribute('count') ?? 10_000),
    '100000000000001',
    Date.now(),
    SYNTHETIC_LINES,
  ) as unknown as Conversation[];

  override render() {
    const ctx: RowContext = {
      lang: 'vi',
      t: (key, ...args) => msg('vi', key, ...args),
      now: Date.now(),
      rowHeight: 72,
      setSize: this.items.length,
      selectedId: null,
      activeIndex: -1,
      // No pictures in either list while it is flung (ours defers them; see the figure).
      avatarTemplate: 'none:{psid}',
      fetchAvatars: false,
      statusColor: () => undefined,
    };
    return html`<div class="list" part="list" role="listbox" aria-label="Hội thoại">
      ${virtualize({
        items: this.items,
        keyFunction: (c) => c.id,
        renderItem: (c, i) => html`<div class="item">${renderRow(c, i, ctx)}</div>`,
        scroller: true,
      })}
    </div>`;
  }
}
customElements.define('virtualized-inbox', VirtualizedInbox);
