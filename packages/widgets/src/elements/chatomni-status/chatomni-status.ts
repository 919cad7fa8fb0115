import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { formatDateTime } from '../../i18n/i18n.js';
import { SocketState, AuthState, LinkMode, type SocketStatus } from '../../model/index.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { icon } from '../shared/icons.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { statusStyles } from './chatomni-status.styles.js';

/**
 * The connection badges of a session, as in the seed: 🟢/⚪ Chat, 🟢/⚪ RT, ⚡ Realtime or
 * 🔄 Polling, 🟡 while reconnecting and the attempt number while retrying, 🔒 when sign-in is needed;
 * the time of the last event in the tooltip; a refresh button, the Auto ON/OFF switch and
 * 🚪 Đăng xuất while signed in (which also makes the proxy forget a kept sign-in).
 *
 * @summary Realtime connection status with refresh, the Auto polling switch and logout.
 * @csspart badges - The `role="status"` group of badges.
 * @csspart chat - The Chat socket badge.
 * @csspart rt - The RT socket badge.
 * @csspart mode - The Realtime / Polling badge.
 * @csspart refresh - The refresh button.
 * @csspart auto - The Auto switch.
 * @csspart logout - The "🚪 Đăng xuất" button (shown while signed in or sign-in is required).
 * @cssprop [--chatomni-font=system-ui, …] - Font stack.
 * @cssprop [--chatomni-font-size=14px] - Base font size.
 * @cssprop [--chatomni-bg=#fff] - Badge background.
 * @cssprop [--chatomni-fg=#111827] - Text colour.
 * @cssprop [--chatomni-border=#e5e7eb] - Badge borders.
 * @cssprop [--chatomni-accent=#2563eb] - Focus ring.
 * @cssprop [--chatomni-success=#15803d] - The Auto switch when on.
 * @cssprop [--chatomni-danger=#c81e1e] - The sign-in badge.
 */
export class ChatomniStatus extends ChatomniElement {
  static override styles = [sharedStyles, statusStyles];

  @state() private refreshing = false;

  private async handleRefresh(): Promise<void> {
    this.refreshing = true;
    try {
      await this.chatSession.refresh();
    } catch {
      // The badges and the inbox show the failure; the button just stops spinning.
    } finally {
      this.refreshing = false;
    }
  }

  private handleAuto(): void {
    this.chatSession.setAuto(!this.chatSession.status.auto);
  }

  private handleLogout(): void {
    // The session forgets at once; the proxy's answer changes nothing on the page.
    void this.chatSession.logout();
  }

  private renderSocket(label: string, s: SocketStatus, part: string): TemplateResult {
    const reconnecting = s.state === SocketState.Reconnecting || s.state === SocketState.Connecting;
    const dot = s.state === SocketState.Connected ? '🟢' : reconnecting ? '🟡' : '⚪';
    const word =
      s.state === SocketState.Connected
        ? 'connected'
        : reconnecting
          ? 'connecting'
          : 'disconnected';
    return html`<span class="chip ${reconnecting ? 'warn' : ''}" part=${part}
      ><span aria-hidden="true">${dot}</span>${label}${
        s.attempt > 0 && s.state !== SocketState.Connected
          ? ` (${this.t('attempt', s.attempt)})`
          : ''
      }<span class="sr">: ${this.t(word)}</span></span
    >`;
  }

  override render(): TemplateResult {
    const st = this.chatSession.status;
    const needsLogin = st.auth === AuthState.AuthRequired || st.auth === AuthState.Anonymous;
    const canLogout = st.auth === AuthState.Authenticated || st.auth === AuthState.AuthRequired;
    const mode =
      st.mode === LinkMode.Realtime
        ? ['⚡', this.t('realtime')]
        : st.mode === LinkMode.Polling
          ? ['🔄', this.t('polling')]
          : ['⛔', this.t('offline')];
    const title = st.lastEventAt
      ? this.t('lastEvent', formatDateTime(st.lastEventAt, this.locale.lang))
      : this.t('noEvents');
    return html`<div role="status" part="badges" title=${title} aria-label=${this.t('connection')}>
        ${this.renderSocket('Chat', st.chat, 'chat')} ${this.renderSocket('RT', st.rt, 'rt')}
        <span class="chip" part="mode"><span aria-hidden="true">${mode[0]}</span>${mode[1]}</span>
        ${
          needsLogin
            ? html`<span class="chip auth"
                ><span aria-hidden="true">🔒</span>${this.t('loginRequired')}</span
              >`
            : null
        }
      </div>
      <button
        part="refresh"
        class=${this.refreshing ? 'spin' : ''}
        title=${this.t('refresh')}
        aria-label=${this.t('refresh')}
        ?disabled=${this.refreshing || needsLogin}
        @click=${this.handleRefresh}
      >
        ${icon('refresh')}
      </button>
      <button role="switch" part="auto" aria-checked=${st.auto} @click=${this.handleAuto}>
        <span class="track" aria-hidden="true"></span>${this.t('auto')}
        <span aria-hidden="true">${st.auto ? 'ON' : 'OFF'}</span>
      </button>
      ${
        canLogout
          ? html`<button part="logout" @click=${this.handleLogout}>
              <span aria-hidden="true">🚪</span> ${this.t('logout')}
            </button>`
          : null
      }`;
  }
}

if (!customElements.get('chatomni-status'))
  customElements.define('chatomni-status', ChatomniStatus);

declare global {
  interface HTMLElementTagNameMap {
    'chatomni-status': ChatomniStatus;
  }
}
