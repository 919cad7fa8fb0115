// The host page's own glue, as any shop admin page would write it: a log of the events the
// widgets fire (orders, customer info, the messages the seller sends), and a way to hand over
// a token the page already has. Loaded as a module (no inline script: the page runs under a
// strict Content-Security-Policy).
import { getSession } from './widgets/chatomni-widgets.js';

const log = /** @type {HTMLOListElement} */ (document.getElementById('event-log'));
const logEmpty = /** @type {HTMLElement} */ (document.getElementById('log-empty'));
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Most entries kept in the panel; older ones are dropped. */
const MAX_ENTRIES = 50;

/**
 * Appends one entry to the log panel. Everything is set as text: customer names and
 * messages are untrusted.
 * @param {string} type the event's name
 * @param {(string | { code: string })[]} parts text pieces; `{code}` is shown as an order code
 */
function addEntry(type, parts) {
  const item = document.createElement('li');
  item.dataset.type = type;
  const time = document.createElement('time');
  time.className = 'log-time';
  time.dateTime = new Date().toISOString();
  time.textContent = timeFormat.format(new Date());
  const name = document.createElement('div');
  name.className = 'log-type';
  name.textContent = type;
  const text = document.createElement('div');
  text.className = 'log-text';
  for (const part of parts) {
    if (typeof part === 'string') {
      text.append(part);
    } else {
      const code = document.createElement('span');
      code.className = 'order-code';
      code.textContent = part.code;
      text.append(code);
    }
  }
  item.append(time, name, text);
  log.prepend(item);
  while (log.children.length > MAX_ENTRIES) log.lastElementChild?.remove();
  logEmpty.hidden = true;
}

document.getElementById('log-clear')?.addEventListener('click', () => {
  log.replaceChildren();
  logEmpty.hidden = false;
});

// "Tạo đơn hàng" pressed. A host page could call preventDefault() and open its own order
// form; this one lets the element create the order and waits for chatomni-order-created.
document.addEventListener('chatomni-create-order', (event) => {
  const { conversation } = event.detail;
  addEntry(event.type, [`Tạo đơn cho ${conversation.name}`]);
});

document.addEventListener('chatomni-order-created', (event) => {
  const { order } = event.detail;
  addEntry(event.type, ['Đã tạo đơn ', { code: order.displayCode ?? order.code }]);
});

// The seller answers a customer. This page lets the element send it through the proxy
// (POST /api/send); a page with its own sending would call preventDefault() here and send
// `detail` itself, with `detail.idempotencyKey`.
const SENT_KIND = { text: 'tin nhắn', image: 'ảnh', 'private-reply': 'tin nhắn riêng' };
document.addEventListener('chatomni-send', (event) => {
  const { kind, text } = event.detail;
  addEntry(event.type, [`Gửi ${SENT_KIND[kind] ?? 'tin nhắn'}`, text ? `: “${text}”` : '']);
});

document.addEventListener('chatomni-info', (event) => {
  const { info } = event.detail;
  const parts = [`Khách: ${info.partner?.name ?? '—'}`];
  if (info.partner?.phone) parts.push(` · ${info.partner.phone}`);
  if (info.partner?.statusText) parts.push(` · ${info.partner.statusText}`);
  if (info.order) parts.push(' · đơn gần nhất ', { code: info.order.code });
  if (typeof info.revenue === 'number') {
    parts.push(` · doanh số ${info.revenue.toLocaleString('vi-VN')} ₫`);
  }
  addEntry(event.type, parts);
});

// A token the page already has (e.g. from its own TPOS login): handed to the shared session,
// kept in memory only, never written to storage or the URL.
const tokenForm = /** @type {HTMLFormElement} */ (document.getElementById('token-form'));
const tokenInput = /** @type {HTMLInputElement} */ (document.getElementById('token-input'));
const tokenResult = /** @type {HTMLOutputElement} */ (document.getElementById('token-result'));
tokenForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  tokenInput.value = '';
  if (!token) return;
  tokenResult.textContent = 'Đang kiểm tra…';
  try {
    await getSession().setToken(token);
    tokenResult.textContent = 'Đã dùng token.';
  } catch {
    tokenResult.textContent = 'Token không dùng được.';
  }
});

// The realtime room is the tenant's host. The elements take it from the access token's
// `TenantId` claim (docs/tpos-protocol.md §7.8), which is right for the simulator's shops.
// Against a real tenant (`TPOS_API_BASE=https://<shop>.tpos.vn npm start`) the proxy's health
// check names the host, and the page sets it. There is no fixed fallback tenant.
fetch('/health')
  .then((res) => (res.ok ? res.json() : null))
  .then((health) => {
    const host = health?.upstream?.api;
    if (typeof host !== 'string') return;
    if (/^(127\.|localhost\b|\[::1\])/.test(host)) {
      // The local simulator: tell a first-time visitor how to log in.
      const hint = document.getElementById('sim-hint');
      if (hint) hint.hidden = false;
      return;
    }
    const tenant = host.replace(/:\d+$/, '');
    if (getSession().config.tenant !== tenant) getSession().configure({ tenant });
  })
  .catch(() => {});

// Light, dark or the system's choice: the page's own colours follow `data-theme` on <html>
// (demo.css), the widgets their `theme` attribute (no attribute = the system's choice). The
// choice is not a secret: it is kept in localStorage.
const THEME_KEY = 'demo-theme';
const WIDGETS = 'chatomni-status, chatomni-inbox, chatomni-thread';
const themeSelect = /** @type {HTMLSelectElement} */ (document.getElementById('theme-select'));

/** @param {string} theme `light`, `dark` or `system` */
function applyTheme(theme) {
  const fixed = theme === 'light' || theme === 'dark';
  for (const el of document.querySelectorAll(WIDGETS)) {
    if (fixed) el.setAttribute('theme', theme);
    else el.removeAttribute('theme');
  }
  if (fixed) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
  themeSelect.value = fixed ? theme : 'system';
}

let savedTheme = 'system';
try {
  savedTheme = localStorage.getItem(THEME_KEY) ?? 'system';
} catch {
  // Storage refused: the system's choice.
}
applyTheme(savedTheme);
themeSelect.addEventListener('change', () => {
  applyTheme(themeSelect.value);
  try {
    localStorage.setItem(THEME_KEY, themeSelect.value);
  } catch {
    // The choice lasts for this page.
  }
});

// A phone shows one pane at a time: the list, then the open conversation full width with a
// back button. Opening a conversation adds a history entry, so the phone's own back gesture
// returns to the list too.
const workspace = /** @type {HTMLElement} */ (document.getElementById('workspace'));
const narrow = window.matchMedia('(max-width: 759.98px)');

/** @param {boolean} open */
function showThread(open) {
  workspace.classList.toggle('show-thread', open);
  // The row that was clicked is hidden now: the focus goes to the pane's first control.
  if (open && narrow.matches) document.getElementById('back')?.focus();
}

document.addEventListener('chatomni-select', () => {
  if (!narrow.matches || workspace.classList.contains('show-thread')) return;
  history.pushState({ demoThread: true }, '');
  showThread(true);
});

document.getElementById('back')?.addEventListener('click', () => {
  if (history.state?.demoThread) history.back();
  else showThread(false);
});

window.addEventListener('popstate', () => showThread(Boolean(history.state?.demoThread)));
