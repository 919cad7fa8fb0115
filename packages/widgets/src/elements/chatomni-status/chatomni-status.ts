import { css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { AuthState } from '../../model/index.js';
import { ChatomniElement } from '../shared/chatomni-element.js';
import { LazyPart, renderPartError } from '../shared/lazy.js';
import { sharedStyles } from '../shared/shared.styles.js';
import type { StatusView } from './status-view.js';

/** The badges and buttons: a chunk of their own (see `render`). */
const statusView = new LazyPart(() => import('./status-view.js'));

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
 * needed). What it shows is loaded when the page is idle once the session showed its first
 * list (or has none to show): a seller's first load is the list, and the status stays empty
 * until then.
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
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        background: transparent;
      }
    `,
  ];

  /** Fold the badges into one, whatever the screen's width. Default off (folded below 600px). */
  @property({ type: Boolean, reflect: true }) compact = false;

  private view: StatusView | null = null;

  /**
   * The badges, whose code is loaded when the page is idle once the session showed its first
   * list (or has none to show: not signed in, or the list failed), so that it never competes
   * with the list; until then an empty status.
   */
  override render(): TemplateResult {
    const s = this.chatSession;
    const { loaded, error } = s.listState;
    const listComing =
      !loaded &&
      !error &&
      (s.auth === AuthState.Authenticated || s.auth === AuthState.Authenticating);
    const module = listComing ? statusView.value : this.parts.later(statusView);
    this.view ??= module
      ? new module.StatusView(this, {
          t: (k, ...a) => this.t(k, ...a),
          lang: () => this.locale.lang,
        })
      : null;
    if (this.view) return this.view.render();
    return statusView.failed
      ? renderPartError(
          (k) => this.t(k),
          () => this.parts.retry(statusView),
        )
      : html`<div role="status" part="badges"></div>`;
  }
}

if (!customElements.get('chatomni-status'))
  customElements.define('chatomni-status', ChatomniStatus);

declare global {
  interface HTMLElementTagNameMap {
    'chatomni-status': ChatomniStatus;
  }
}
