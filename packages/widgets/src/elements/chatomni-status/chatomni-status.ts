import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatDateTime } from '../../i18n/i18n.js';
import {
  SocketState,
  AuthState,
  LinkMode,
  type SessionStatus,
  type SocketStatus,
} from '../../model/index.js';
import { MediaQueryController } from '../../controllers/media-query-controller.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { icon } from '../shared/icons.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { statusStyles } from './chatomni-status.styles.js';

/** How a socket's state reads (docs/tpos-protocol.md §7.8 for the last two). */
type SocketWord = 'connected' | 'connecting' | 'disconnected' | 'degraded' | 'roomRejected';

/** A socket's state as a word: `connecting` covers reconnecting. */
function socketWord(s: SocketStatus): SocketWord {
  if (s.state === SocketState.Connected) return 'connected';
  if (s.state === SocketState.Degraded) return 'degraded';
  if (s.state === SocketState.RoomRejected) return 'roomRejected';
  const trying = s.state === SocketState.Reconnecting || s.state === SocketState.Connecting;
  return trying ? 'connecting' : 'disconnected';
}

/** The dot before a socket's name. */
const DOTS: Record<SocketWord, string> = {
  connected: '🟢',
  connecting: '🟡',
  disconnected: '⚪',
  degraded: '🟠',
  roomRejected: '⛔',
};

/** A socket's room was refused although the login is valid. */
function roomRejected(st: SessionStatus): boolean {
  return st.rt.state === SocketState.RoomRejected || st.chat.state === SocketState.RoomRejected;
}

/**
 * The connection badges of a session, as in the seed: 🟢/⚪ Chat, 🟢/⚪ RT, ⚡ Realtime or
 * 🔄 Polling, 🟡 while reconnecting and the attempt number while retrying, 🔒 when sign-in is needed;
 * ⛔ "Phòng realtime bị từ chối" when the server refuses the room although the login is valid,
 * 🟠 on a socket that is connected but delivers nothing REST does not find first (then Polling);
 * the time of the last event in the tooltip (and, in a tab that shows the connection another tab
 * of the browser holds, that it does); a refresh button, the Auto ON/OFF switch and
 * 🚪 Đăng xuất while signed in (which also makes the proxy forget a kept sign-in).
 * With `compact`, or on a screen narrower than 600px, the badges fold into one (the worst state:
 * 🟢 both sockets up, 🟡 one reconnecting, 🔄 polling, ⛔ offline or room rejected, 🔒 sign-in
 * needed).
 *
 * @summary Realtime connection status with refresh, the Auto polling switch and logout.
 * @csspart badges - The `role="status"` group of badges.
 * @csspart chat - The Chat socket badge.
 * @csspart rt - The RT socket badge.
 * @csspart mode - The Realtime / Polling badge.
 * @csspart refresh - The refresh button.
 * @csspart auto - The Auto switch.
 * @csspart logout - The "🚪 Đăng xuất" button (shown while signed in or sign-in is required).
 * @csspart summary - The one folded badge (with `compact` or on a phone).
 * @csspart room-rejected - The "Phòng realtime bị từ chối" badge.
 */
export class ChatomniStatus extends ChatomniElement {
  static override styles = [sharedStyles, statusStyles];

  /** Fold the badges into one, whatever the screen's width. Default off (folded below 600px). */
  @property({ type: Boolean, reflect: true }) compact = false;

  @state() private refreshing = false;

  /** A phone-sized screen: the status sits in a top bar sized by its content, not a container. */
  private readonly phone = new MediaQueryController(this, '(max-width: 599.98px)');

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
    const word = socketWord(s);
    const warn = word === 'connecting' || word === 'degraded';
    return html`<span class="chip ${warn ? 'warn' : ''}" part=${part}
      ><span aria-hidden="true">${DOTS[word]}</span>${label}${
        s.attempt > 0 && word === 'connecting' ? ` (${this.t('attempt', s.attempt)})` : ''
      }<span class="sr">: ${this.t(word)}</span></span
    >`;
  }

  /** "Phòng realtime bị từ chối", with the room and what still works in its tooltip (§7.8). */
  private renderRoomRejected(room: string): TemplateResult {
    const hint = this.t('roomRejectedHint', room);
    return html`<span class="chip auth" part="room-rejected" title=${hint}
      ><span aria-hidden="true">⛔</span>${this.t('roomRejected')}<span class="sr"
        >: ${hint}</span
      ></span
    >`;
  }

  /** The folded badge: one sign for the whole link, the details for screen readers. */
  private renderSummary(needsLogin: boolean, mode: string[]): TemplateResult {
    const st = this.chatSession.status;
    const rejected = roomRejected(st);
    const sign = needsLogin
      ? '🔒'
      : rejected
        ? '⛔'
        : st.mode !== LinkMode.Realtime
          ? mode[0]
          : socketWord(st.chat) === 'connected' && socketWord(st.rt) === 'connected'
            ? '🟢'
            : '🟡';
    const word = (s: SocketStatus) => this.t(socketWord(s));
    const tone = needsLogin ? 'auth' : sign === '🟡' ? 'warn' : '';
    return html`<span class="chip summary ${tone}" part="summary"
      ><span aria-hidden="true">${sign}</span>${
        needsLogin ? this.t('loginRequired') : rejected ? this.t('roomRejected') : mode[1]
      }<span class="sr">, ${this.t('connectionSummary', word(st.chat), word(st.rt))}</span></span
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
    const last = st.lastEventAt
      ? this.t('lastEvent', formatDateTime(st.lastEventAt, this.locale.lang))
      : this.t('noEvents');
    // A tab that uses another tab's connection says so (realtime/tab-link.ts).
    const title = st.tab === 'follower' ? `${last}\n${this.t('tabFollower')}` : last;
    const folded = this.compact || this.phone.matches;
    return html`<div
        role="status"
        part="badges"
        title=${title}
        aria-label=${this.t('connection')}
        data-tab=${st.tab ?? ''}
      >
        ${
          folded
            ? this.renderSummary(needsLogin, mode)
            : html`${this.renderSocket('Chat', st.chat, 'chat')}
                ${this.renderSocket('RT', st.rt, 'rt')}
                <span class="chip" part="mode"
                  ><span aria-hidden="true">${mode[0]}</span>${mode[1]}</span
                >
                ${
                  needsLogin
                    ? html`<span class="chip auth"
                        ><span aria-hidden="true">🔒</span>${this.t('loginRequired')}</span
                      >`
                    : roomRejected(st)
                      ? this.renderRoomRejected(st.room)
                      : null
                }`
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
        ${folded ? null : html`<span aria-hidden="true">${st.auto ? 'ON' : 'OFF'}</span>`}
      </button>
      ${
        canLogout
          ? html`<button part="logout" title=${this.t('logout')} @click=${this.handleLogout}>
              <span aria-hidden="true">🚪</span>${
                folded ? html`<span class="sr">${this.t('logout')}</span>` : ` ${this.t('logout')}`
              }
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
