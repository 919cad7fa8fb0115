import { vi, type MessageKey } from './messages.js';

export type { MessageKey } from './messages.js';

/** A language the elements speak. */
export type Lang = 'vi' | 'en';

/** Times are shown in Vietnam time unless a page changes this. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Table = Partial<Record<MessageKey, string>>;

/** The strings loaded so far: Vietnamese inline, the rest added by the chunks that need them. */
const tables: Record<Lang, Table> = { vi: { ...vi }, en: {} };

/** Adds strings (a lazy chunk's own, e.g. the texts of sending) to the tables. */
export function addMessages(more: Partial<Record<Lang, Table>>): void {
  for (const lang of ['vi', 'en'] as const) Object.assign(tables[lang], more[lang]);
}

let english: Promise<void> | undefined;
let englishLoaded = false;

/**
 * Makes `msg(lang, …)` complete: nothing to do for Vietnamese; English is a chunk of its own,
 * loaded once (again after a failure). Resolves at once when the strings are there.
 */
export function loadLanguage(lang: Lang): Promise<void> | undefined {
  if (lang === 'vi' || englishLoaded) return undefined;
  english ??= import('./messages-en.js').then(
    ({ en }) => {
      addMessages({ en });
      englishLoaded = true;
    },
    (error: unknown) => {
      english = undefined;
      throw error;
    },
  );
  return english;
}

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

/**
 * The text for `key` in `lang`, with `{0}`, `{1}`, … replaced by `args`; Vietnamese while the
 * English strings are not loaded (see {@link loadLanguage}).
 */
export function msg(lang: Lang, key: MessageKey, ...args: (string | number)[]): string {
  const text = tables[lang][key] ?? tables.vi[key] ?? key;
  return args.length ? text.replace(/\{(\d)\}/g, (_, i: string) => String(args[+i] ?? '')) : text;
}

export type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

let partsFormat: Intl.DateTimeFormat | undefined;
/** The Vietnam-time fields of an instant, two digits each (the year four). */
export function vn(at: number): Parts {
  partsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = {} as Parts;
  for (const p of partsFormat.formatToParts(at))
    (parts as Record<string, string>)[p.type] = p.value;
  return parts;
}

const englishDates = new Map<boolean, Intl.DateTimeFormat>();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "Vừa xong", "5 phút trước", "2 giờ trước", then a date: "03/12" ("Dec 3"), or "03/12/2024"
 * ("Dec 3, 2024") in an earlier year; Vietnam time.
 */
export function formatRelative(at: number, lang: Lang, now = Date.now()): string {
  const diff = Math.max(0, now - at);
  if (diff < MINUTE) return msg(lang, 'justNow');
  if (diff < HOUR) return msg(lang, 'minutesAgo', Math.floor(diff / MINUTE));
  if (diff < DAY) return msg(lang, 'hoursAgo', Math.floor(diff / HOUR));
  const p = vn(at);
  const sameYear = p.year === vn(now).year;
  if (lang === 'en') {
    let f = englishDates.get(sameYear);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: TIME_ZONE,
        month: 'short',
        day: 'numeric',
        ...(sameYear ? {} : { year: 'numeric' }),
      });
      englishDates.set(sameYear, f);
    }
    return f.format(at);
  }
  return sameYear ? `${p.day}/${p.month}` : `${p.day}/${p.month}/${p.year}`;
}
