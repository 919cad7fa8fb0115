import { en, vi, type MessageKey } from './messages.js';

export type { MessageKey } from './messages.js';

/** A language the elements speak. */
export type Lang = 'vi' | 'en';

/** Times are shown in Vietnam time unless a page changes this. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const tables: Record<Lang, Record<MessageKey, string>> = { vi, en };

/**
 * The language of an element: its own `lang` attribute or the closest ancestor's (crossing
 * shadow roots). Anything starting with `en` is English; everything else Vietnamese.
 */
export function resolveLang(el: Element): Lang {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return /^en\b/i.test(found.getAttribute('lang') ?? '') ? 'en' : 'vi';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return 'vi';
}

/** The text for `key` in `lang`, with `{0}`, `{1}`, … replaced by `args`. */
export function msg(lang: Lang, key: MessageKey, ...args: (string | number)[]): string {
  const text = tables[lang][key];
  return args.length ? text.replace(/\{(\d)\}/g, (_, i: string) => String(args[+i] ?? '')) : text;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'vi-VN', {
      timeZone: TIME_ZONE,
      hourCycle: 'h23',
      ...options,
    });
    formatters.set(key, f);
  }
  return f;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "Vừa xong", "5 phút trước", "2 giờ trước", then a date ("03/12", or "03/12/2024" in an
 * earlier year), in Vietnam time.
 */
export function formatRelative(at: number, lang: Lang, now = Date.now()): string {
  const diff = Math.max(0, now - at);
  if (diff < MINUTE) return msg(lang, 'justNow');
  if (diff < HOUR) return msg(lang, 'minutesAgo', Math.floor(diff / MINUTE));
  if (diff < DAY) return msg(lang, 'hoursAgo', Math.floor(diff / HOUR));
  const year = (t: number) => dateFormat(lang, { year: 'numeric' }).format(t);
  const sameYear = year(at) === year(now);
  return dateFormat(lang, {
    day: lang === 'en' ? 'numeric' : '2-digit',
    month: lang === 'en' ? 'short' : '2-digit',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(at);
}

/** A message time: "14:05" today, "03/12 14:05" on another day (Vietnam time). */
export function formatTime(at: number, lang: Lang, now = Date.now()): string {
  const day = dateFormat(lang, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = dateFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(at);
  if (day.format(at) === day.format(now)) return time;
  return `${dateFormat(lang, { day: '2-digit', month: '2-digit' }).format(at)} ${time}`;
}

/** A full date and time for tooltips, e.g. "03/12/2025 14:05:09" (Vietnam time). */
export function formatDateTime(at: number, lang: Lang): string {
  const date = dateFormat(lang, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = dateFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return `${date.format(at)} ${time.format(at)}`;
}

let vnd: Intl.NumberFormat | undefined;
/** An amount in Vietnamese đồng, e.g. "1.250.000 ₫" (the same in both languages). */
export function formatVnd(amount: number): string {
  vnd ??= new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  return vnd.format(amount);
}
