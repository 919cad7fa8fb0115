import { html, type TemplateResult } from 'lit';
import type { MessageKey } from '../../i18n/i18n.js';

/** What the login form shows and calls. */
export interface LoginFormState {
  t: (key: MessageKey) => string;
  busy: boolean;
  /** The key of a translated error, or null. */
  error: MessageKey | null;
  /**
   * `remember`: "Ghi nhớ đăng nhập" is ticked (unticked by default), so the proxy keeps the
   * sign-in in its HttpOnly cookie.
   */
  onSubmit: (username: string, password: string, remember: boolean) => void;
}

/** The message key of a failed `session.login` (`LoginError.code`), `login.server` when unknown. */
export function loginErrorKey(error: unknown): MessageKey {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'invalid_credentials' || code === 'network' ? `login.${code}` : 'login.server';
}

function handleSubmit(e: SubmitEvent, onSubmit: LoginFormState['onSubmit']): void {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const data = new FormData(form);
  const password = form.elements.namedItem('password') as HTMLInputElement;
  onSubmit(
    String(data.get('username') ?? '').trim(),
    String(data.get('password') ?? ''),
    data.get('remember') === 'on',
  );
  // The password does not stay in the DOM longer than needed.
  password.value = '';
}

/**
 * A compact username/password form with "Ghi nhớ đăng nhập"; the password never leaves the
 * submit callback.
 */
export function renderLoginForm(s: LoginFormState): TemplateResult {
  return html`<form
    class="login"
    part="login"
    @submit=${(e: SubmitEvent) => handleSubmit(e, s.onSubmit)}
  >
    <strong>${s.t('loginTitle')}</strong>
    <label
      >${s.t('username')}
      <input name="username" autocomplete="username" required ?disabled=${s.busy}
    /></label>
    <label
      >${s.t('password')}
      <input
        name="password"
        type="password"
        autocomplete="current-password"
        required
        ?disabled=${s.busy}
    /></label>
    <label class="remember"
      ><input name="remember" type="checkbox" ?disabled=${s.busy} />${s.t('remember')}</label
    >
    ${s.error ? html`<p class="error" role="alert">${s.t(s.error)}</p>` : null}
    <button class="primary" type="submit" ?disabled=${s.busy}>
      ${s.busy ? s.t('signingIn') : s.t('signIn')}
    </button>
  </form>`;
}
