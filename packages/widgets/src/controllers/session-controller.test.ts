import { expect, fixture, html } from '@open-wc/testing';
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
});
