/**
 * The times, dates and amounts of an open conversation and the status badges (Vietnam time,
 * as the list's relative times in i18n.ts): with their chunks, not in the first load.
 */
import { vn, type Lang } from './i18n.js';

/** A message time: "14:05" today, "03/12 14:05" on another day (Vietnam time). */
export function formatTime(at: number, _lang: Lang, now = Date.now()): string {
  const p = vn(at);
  const n = vn(now);
  const time = `${p.hour}:${p.minute}`;
  return p.day === n.day && p.month === n.month && p.year === n.year
    ? time
    : `${p.day}/${p.month} ${time}`;
}

/** The Vietnam day of `now`: {@link formatTime} of any time changes only when this does. */
export function dayOf(now: number): string {
  const n = vn(now);
  return `${n.year}-${n.month}-${n.day}`;
}

/** A full date and time for tooltips, "03/12/2025 14:05:09" (Vietnam time). */
export function formatDateTime(at: number, _lang?: Lang): string {
  const p = vn(at);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

let vnd: Intl.NumberFormat | undefined;
/** An amount in Vietnamese đồng, e.g. "1.250.000 ₫" (the same in both languages). */
export function formatVnd(amount: number): string {
  vnd ??= new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  return vnd.format(amount);
}
