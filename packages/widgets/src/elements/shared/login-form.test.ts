import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { loadLanguage, msg } from '../../i18n/i18n.js';
import { renderLoginForm, type LoginFormState } from './login-form.js';

type Submitted = [username: string, password: string, remember: boolean];

/** The form rendered into a plain container, recording what it submits. */
async function form(state: Partial<LoginFormState> = {}, lang: 'vi' | 'en' = 'vi') {
  const submitted: Submitted[] = [];
  await loadLanguage(lang);
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  render(
    renderLoginForm({
      t: (key) => msg(lang, key),
      busy: false,
      error: null,
      onSubmit: (...args) => submitted.push(args),
      ...state,
    }),
    host,
  );
  const el = host.querySelector('form')!;
  const field = (name: string) => el.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  return { host, el, field, submitted };
}

describe('login form', () => {
  it('should offer "Ghi nhớ đăng nhập", unticked', async () => {
    const { field } = await form();
    const remember = field('remember');
    expect([remember.type, remember.checked]).to.deep.equal(['checkbox', false]);
    expect(remember.closest('label')?.textContent?.trim()).to.equal('Ghi nhớ đăng nhập');
  });

  it('should submit remember false unless ticked, and true when ticked', async () => {
    const { el, field, submitted } = await form();
    field('username').value = ' demo ';
    field('password').value = 'demo123';
    el.requestSubmit();
    field('password').value = 'demo123';
    field('remember').click();
    el.requestSubmit();
    expect(submitted).to.deep.equal([
      ['demo', 'demo123', false],
      ['demo', 'demo123', true],
    ]);
    expect(field('password').value).to.equal('');
  });

  it('should disable the box while signing in', async () => {
    const { field } = await form({ busy: true });
    expect(field('remember').disabled).to.equal(true);
  });

  it('should say Stay signed in in English, and be accessible', async () => {
    const { host, field } = await form({}, 'en');
    expect(field('remember').closest('label')?.textContent?.trim()).to.equal('Stay signed in');
    await expect(host).to.be.accessible();
  });
});
