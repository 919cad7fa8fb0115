import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { scrollAsUser } from '../../test/support/harness.js';
import { ThreadScrollController } from './thread-scroll-controller.js';

interface Line {
  id: string;
  isOwner: boolean;
}
const lines = (n: number, prefix = 'm'): Line[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, isOwner: false }));

/** The smallest host: a 100 px log of 30 px lines. */
class ThreadHost extends LitElement {
  static override styles = css`
    .log {
      height: 100px;
      overflow: auto;
    }
    p {
      height: 30px;
      margin: 0;
    }
  `;
  key = 'a';
  messages: Line[] = lines(20);
  nearTop = 0;
  readonly scroller = new ThreadScrollController(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.log'),
    snapshot: () => {
      const last = this.messages[this.messages.length - 1];
      return {
        key: this.key,
        first: this.messages[0]?.id,
        last: last?.id,
        lastIsOwner: last?.isOwner,
      };
    },
    onNearTop: () => this.nearTop++,
  });

  override render() {
    return html`<div class="log">
      <div>${this.messages.map((m) => html`<p>${m.id}</p>`)}</div>
    </div>`;
  }

  get log(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.log')!;
  }

  get atBottom(): boolean {
    return this.log.scrollTop === this.log.scrollHeight - this.log.clientHeight;
  }

  async show(messages: Line[]): Promise<void> {
    this.messages = messages;
    this.requestUpdate();
    await this.updateComplete;
  }

  /** Scrolls as the reader would and waits for the controller to see it. */
  async userScroll(top: number): Promise<void> {
    await scrollAsUser(this.log, top);
    await this.updateComplete;
  }
}
customElements.define('thread-scroll-host', ThreadHost);

describe('ThreadScrollController', () => {
  it('opens at the bottom and sticks to it for new messages', async () => {
    const host = await fixture<ThreadHost>(html`<thread-scroll-host></thread-scroll-host>`);
    expect(host.log.scrollTop).to.equal(500);
    await host.show([...host.messages, { id: 'new', isOwner: false }]);
    // Scrolled down once the frame has laid the new line out (no layout forced before).
    await waitUntil(() => host.atBottom, 'not scrolled to the new line');
    expect(host.scroller.newBelow).to.equal(false);
  });

  it('tells of new messages below instead of scrolling a reader who scrolled up', async () => {
    const host = await fixture<ThreadHost>(html`<thread-scroll-host></thread-scroll-host>`);
    await host.userScroll(200);
    await host.show([...host.messages, { id: 'customer', isOwner: false }]);
    expect([host.log.scrollTop, host.scroller.newBelow]).to.deep.equal([200, true]);
    // The shop's own message always scrolls down.
    await host.show([...host.messages, { id: 'shop', isOwner: true }]);
    expect([host.atBottom, host.scroller.newBelow]).to.deep.equal([true, false]);
  });

  it('keeps the view in place when older messages are prepended', async () => {
    const host = await fixture<ThreadHost>(html`<thread-scroll-host></thread-scroll-host>`);
    await host.userScroll(200);
    await host.show([...lines(5, 'old'), ...host.messages]);
    expect(host.log.scrollTop).to.equal(200 + 5 * 30);
  });

  it('asks for older messages near the top, and at the bottom of another conversation', async () => {
    const host = await fixture<ThreadHost>(html`<thread-scroll-host></thread-scroll-host>`);
    expect(host.nearTop).to.equal(0);
    await host.userScroll(0);
    expect(host.nearTop).to.be.greaterThan(0);
    host.key = 'b';
    await host.show(lines(20, 'b'));
    expect(host.atBottom).to.equal(true);
  });
});
