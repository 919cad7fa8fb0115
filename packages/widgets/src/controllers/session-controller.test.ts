import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { getSession, type ChatSession } from '../session/session.js';
import { SessionController } from './session-controller.js';

/** The smallest host: shows the selected id of the session its `name` names. */
class SessionHost extends LitElement {
  @property() name = '';
  readonly sessions = new SessionController(this, { name: () => this.name });

  override render() {
    return html`${this.sessions.session.selectedId ?? '-'}`;
  }
}
customElements.define('session-controller-host', SessionHost);

/** A host whose renders take `busy` ms of the main thread, spaced by `spacing(cost)`. */
class SpacedHost extends LitElement {
  @property() name = '';
  busy = 0;
  updates = 0;
  readonly costs: number[] = [];
  spacing = (cost: number) => cost;
  readonly sessions = new SessionController(this, {
    name: () => this.name,
    spacing: (cost) => (this.costs.push(cost), this.spacing(cost)),
  });

  override render() {
    const end = performance.now() + this.busy;
    while (performance.now() < end);
    return html`${this.sessions.session.selectedId ?? '-'}`;
  }

  override updated() {
    this.updates++;
  }
}
customElements.define('session-controller-spaced', SpacedHost);

/** A host that shows `input` and updates on `data` when `eager` and `input` changed. */
class EagerHost extends LitElement {
  @property() name = '';
  input = 0;
  busy = 0;
  eager = true;
  readonly sessions = new SessionController(this, {
    name: () => this.name,
    relevant: () => [this.input],
    eager: () => this.eager,
  });

  override render() {
    const end = performance.now() + this.busy;
    while (performance.now() < end);
    return html`${this.input}`;
  }
}
customElements.define('session-controller-eager', EagerHost);

const made: ChatSession[] = [];
let next = 0;
function fresh(): ChatSession {
  const s = getSession(`controller-${Date.now()}-${++next}`);
  made.push(s);
  return s;
}
const shown = (host: SessionHost) => host.shadowRoot!.textContent!.trim();

describe('SessionController', () => {
  afterEach(() => {
    for (const s of made.splice(0)) s.destroy();
  });

  it('re-renders its host on select, change and auth-required', async () => {
    const s = fresh();
    const host = await fixture<SessionHost>(
      html`<session-controller-host name=${s.name}></session-controller-host>`,
    );
    expect([host.sessions.session, shown(host)]).to.deep.equal([s, '-']);
    s.select('c1');
    expect(host.isUpdatePending).to.equal(true);
    await host.updateComplete;
    expect(shown(host)).to.equal('c1');
    for (const type of ['change', 'auth-required'] as const) {
      s.dispatchEvent(new Event(type));
      expect(host.isUpdatePending, type).to.equal(true);
      await host.updateComplete;
    }
  });

  it('follows a new name and stops listening to the old session', async () => {
    const [a, b] = [fresh(), fresh()];
    const host = await fixture<SessionHost>(
      html`<session-controller-host name=${a.name}></session-controller-host>`,
    );
    host.name = b.name;
    await host.updateComplete;
    expect(host.sessions.session).to.equal(b);
    a.select('old');
    expect(host.isUpdatePending).to.equal(false);
    b.select('new');
    await host.updateComplete;
    expect(shown(host)).to.equal('new');
  });

  it('listens only while its host is connected', async () => {
    const s = fresh();
    const host = await fixture<SessionHost>(
      html`<session-controller-host name=${s.name}></session-controller-host>`,
    );
    const parent = host.parentElement!;
    host.remove();
    s.select('while-away');
    expect(host.isUpdatePending).to.equal(false);
    parent.append(host);
    s.select('back');
    await host.updateComplete;
    expect(shown(host)).to.equal('back');
  });

  it('holds change renders back by spacing(cost), where cost covers the render and its frame', async () => {
    const s = fresh();
    const host = await fixture<SpacedHost>(
      html`<session-controller-spaced name=${s.name}></session-controller-spaced>`,
    );
    host.busy = 30;
    host.requestUpdate();
    await host.updateComplete;
    // The cost is measured in the task after the frame that showed the update.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    host.spacing = () => 1500;
    s.dispatchEvent(new Event('change'));
    expect(host.costs.at(-1)).to.be.at.least(30);
    expect(host.isUpdatePending, 'a change within the spacing is held').to.equal(false);
    s.select('picked');
    expect(host.isUpdatePending, 'select is never held').to.equal(true);
    await host.updateComplete;
    expect(shown(host)).to.equal('picked');
    const updates = host.updates;
    s.dispatchEvent(new Event('change'));
    s.dispatchEvent(new Event('change'));
    expect(host.isUpdatePending).to.equal(false);
    await host.sessions.heldUpdate;
    await host.updateComplete;
    expect(host.updates, 'one update after the spacing, for both changes').to.equal(updates + 1);
    host.spacing = () => 0;
    s.dispatchEvent(new Event('change'));
    expect(host.isUpdatePending, 'no spacing, no wait').to.equal(true);
  });

  it('updates an eager host on data when its inputs changed, spaced by its own cost', async () => {
    const s = fresh();
    const host = await fixture<EagerHost>(
      html`<session-controller-eager name=${s.name}></session-controller-eager>`,
    );
    host.input = 1;
    // In the task of the data event (once its first render's spacing is over).
    await waitUntil(() => {
      s.dispatchEvent(new Event('data'));
      return host.isUpdatePending;
    }, 'a data event with new inputs updates at once');
    await host.updateComplete;
    expect(host.shadowRoot!.textContent!.trim()).to.equal('1');
    s.dispatchEvent(new Event('data'));
    expect(host.isUpdatePending, 'inputs as shown').to.equal(false);
    s.dispatchEvent(new Event('change'));
    expect(host.isUpdatePending, "the frame's change: already shown").to.equal(false);
    host.eager = false;
    host.input = 2;
    s.dispatchEvent(new Event('data'));
    expect(host.isUpdatePending, 'not eager: waits for the change').to.equal(false);
    s.dispatchEvent(new Event('change'));
    expect(host.isUpdatePending).to.equal(true);
    await host.updateComplete;
    // An update of 40 ms: a change within 4 × (40 - 16) ms after it waits for the frame's change.
    host.eager = true;
    host.busy = 40;
    host.input = 3;
    s.dispatchEvent(new Event('data'));
    await host.updateComplete;
    host.busy = 0;
    host.input = 4;
    s.dispatchEvent(new Event('data'));
    expect(host.isUpdatePending, 'within the spacing').to.equal(false);
    s.dispatchEvent(new Event('change'));
    expect(host.isUpdatePending).to.equal(true);
    await host.updateComplete;
    expect(host.shadowRoot!.textContent!.trim()).to.equal('4');
  });
});
