/**
 * What `<chatomni-status>` shows (see its comment): a chunk of its own, loaded once the page has
 * shown its first list, with its styles and its texts.
 */
import { html, type TemplateResult } from 'lit';
import { formatDateTime } from '../../i18n/formats.js';
import { addMessages, type Lang, type MessageKey } from '../../i18n/i18n.js';
import { statusEn, statusVi } from '../../i18n/status-messages.js';
import {
  SocketState,
  AuthState,
  LinkMode,
  type SessionStatus,
  type SocketStatus,
} from '../../model/index.js';
import { MediaQueryController } from '../../controllers/media-query-controller.js';
import type { ChatSession } from '../../session/session.js';
import { addIcons, icon } from '../shared/icons.js';
import { moreIcons } from '../shared/more-icons.js';
import { addStyles, type StyledHost } from '../shared/lazy.js';
import { statusStyles } from './chatomni-status.styles.js';

addMessages({ vi: statusVi, en: statusEn });
addIcons(moreIcons);

/** The `<chatomni-status>` a view renders into. */
export interface StatusHost extends StyledHost {
  readonly chatSession: ChatSession;
  /** Fold the badges into one. */
  readonly compact: boolean;
}

/** What the view reads from its element, each time it renders. */
export interface StatusViewOptions {
  t: (key: MessageKey, ...args: (string | number)[]) => string;
  lang: () => Lang;
}

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

/** The badges and buttons of one `<chatomni-status>`. */
export class StatusView {
  private refreshing = false;

  /** A phone-sized screen: the status sits in a top bar sized by its content, not a container. */
  private readonly phone: MediaQueryController;

  constructor(
    private readonly host: StatusHost,
    private readonly options: StatusViewOptions,
  ) {
    addStyles(host, statusStyles);
    this.phone = new MediaQueryController(host, '(max-width: 599.98px)');
  }

  private get chatSession(): ChatSession {
    return this.host.chatSession;
  }

  private t(key: MessageKey, ...args: (string | number)[]): string {
    return this.options.t(key, ...args);
  }

  private readonly handleRefresh = async (): Promise<void> => {
    this.setRefreshing(true);
    try {
      await this.chatSession.refresh();
    } catch {
      // The badges and the inbox show the failure; the button just stops spinning.
    } finally {
      this.setRefreshing(false);
    }
  };

  private setRefreshing(on: boolean): void {
    this.refreshing = on;
    this.host.requestUpdate();
  }

  private readonly handleAuto = (): void => {
    this.chatSession.setAuto(!this.chatSession.status.auto);
  };

  private readonly handleLogout = (): void => {
    // The session forgets at once; the proxy's answer changes nothing on the page.
    void this.chatSession.logout();
  };

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

  render(): TemplateResult {
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
      ? this.t('lastEvent', formatDateTime(st.lastEventAt, this.options.lang()))
      : this.t('noEvents');
    // A tab that uses another tab's connection says so (realtime/tab-link.ts).
    const title = st.tab === 'follower' ? `${last}\n${this.t('tabFollower')}` : last;
    const folded = this.host.compact || this.phone.matches;
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
