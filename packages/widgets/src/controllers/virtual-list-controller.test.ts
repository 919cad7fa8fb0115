import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { scrollAsUser } from '../../test/support/harness.js';
import { VirtualListController } from './virtual-list-controller.js';

const ROW = 20;
const ids = (n: number, prefix = 'r') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));

/** The smallest host: a 100 px scroller of 20 px rows, at most 20 in the DOM. */
class ListHost extends LitElement {
  static override styles = css`
    .scroller {
      height: 100px;
      overflow: auto;
    }
    .spacer {
      position: relative;
    }
    .row {
      position: absolute;
      height: 20px;
    }
  `;
  items: readonly { id: string }[] = ids(1000);
  nearEnd = 0;
  readonly list = new VirtualListController(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    items: () => this.items,
    rowHeight: ROW,
    maxRows: 20,
    onNearEnd: () => this.nearEnd++,
  });

  override render() {
    const { start, end } = this.list.range;
    return html`<div class="scroller">
      <div class="spacer" style="height:${this.list.totalHeight}px">
        ${this.items
          .slice(start, end)
          .map(
            (item, k) =>
              html`<div class="row" style="top:${(start + k) * ROW}px" data-id=${item.id}></div>`,
          )}
      </div>
    </div>`;
  }

  get scroller(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.scroller')!;
  }

  rows(): string[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.row')].map((r) => r.dataset['id']!);
  }

  /** Scrolls as the user would and waits for the re-render. */
  async userScroll(top: number): Promise<void> {
    await scrollAsUser(this.scroller, top);
    await this.updateComplete;
  }
}
customElements.define('virtual-list-host', ListHost);

describe('VirtualListController', () => {
  it('renders at most maxRows rows, following the scroll position', async () => {
    const host = await fixture<ListHost>(html`<virtual-list-host></virtual-list-host>`);
    expect(host.list.viewport).to.equal(100);
    expect(host.rows()[0]).to.equal('r0');
    expect(host.rows().length).to.be.at.most(20);
    await host.userScroll(500 * ROW);
    const shown = host.rows();
    expect(shown).to.include('r500');
    expect(shown.length).to.be.at.most(20);
    expect(host.nearEnd).to.equal(0);
  });

  it('asks for more once the rendered rows reach the end', async () => {
    const host = await fixture<ListHost>(html`<virtual-list-host></virtual-list-host>`);
    await host.userScroll(1000 * ROW);
    expect(host.rows()).to.include('r999');
    expect(host.nearEnd).to.be.greaterThan(0);
  });

  it('keeps the rows in view when new ones are inserted above', async () => {
    const host = await fixture<ListHost>(html`<virtual-list-host></virtual-list-host>`);
    await host.userScroll(100 * ROW);
    host.items = [...ids(3, 'new'), ...host.items];
    host.requestUpdate();
    await host.updateComplete;
    expect(host.scroller.scrollTop).to.equal(103 * ROW);
    expect(host.rows()).to.include('r100');
  });

  it('reveals a row by scrolling the least needed', async () => {
    const host = await fixture<ListHost>(html`<virtual-list-host></virtual-list-host>`);
    host.list.reveal(50);
    await host.updateComplete;
    // Row 50 ends at 1020 px: its bottom lines up with the 100 px viewport's.
    expect(host.scroller.scrollTop).to.equal(51 * ROW - 100);
    host.list.reveal(2);
    await host.updateComplete;
    expect(host.scroller.scrollTop).to.equal(2 * ROW);
  });
});
