/**
 * Account data from TPOS (pages, status colours) → the normalized types. Same rules as
 * `normalize.ts`: check every field, cap text, http(s) URLs only, never throw; page access
 * tokens are never copied. A customer's info and the templates are in normalize-customer.ts.
 */
import type { Page } from '../model/index.js';
import { safeHttpUrl } from '../util/url.js';
import { capText } from '../util/text.js';
import { field, optText, toId } from './fields.js';

/** Pages (the `Childs` of every team) from `GetAllFacebook`; tokens are never copied. */
export function normalizePages(teams: readonly unknown[]): Page[] {
  const pages: Page[] = [];
  const seen = new Set<string>();
  for (const team of teams) {
    const childs = field(team, 'Childs');
    for (const child of Array.isArray(childs) ? childs : []) {
      const id = toId(field(child, 'Facebook_PageId')) ?? toId(field(child, 'ChannelId'));
      const teamId = toId(field(child, 'Id'));
      if (!id || !teamId || seen.has(id)) continue;
      seen.add(id);
      const page: Page = {
        id,
        teamId,
        name: capText(field(child, 'Facebook_PageName') ?? field(child, 'Name'), 200),
      };
      const logo = safeHttpUrl(field(child, 'Facebook_PageLogo'));
      if (logo) page.logoUrl = logo;
      pages.push(page);
    }
  }
  return pages;
}

/** `[{value: '#5cb85c', text: 'Bình thường'}]` → Map text → colour (CSS colours only). */
export function normalizePartnerStatuses(list: readonly unknown[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of list) {
    const text = optText(field(item, 'text'), 100);
    const colour = safeColour(field(item, 'value'));
    if (text && colour) map.set(text, colour);
  }
  return map;
}

/** `{'Nháp': '#808080'}` → Map (CSS colours only). */
export function normalizeOrderColours(raw: Record<string, unknown>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [text, value] of Object.entries(raw).slice(0, 200)) {
    const colour = safeColour(value);
    if (colour) map.set(text.slice(0, 100), colour);
  }
  return map;
}

/** `#rgb`, `#rrggbb(aa)` or a plain colour name; anything else (e.g. `url(...)`) is refused. */
export function safeColour(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^#[0-9a-f]{3,8}$/i.test(value) || /^[a-z]{3,20}$/i.test(value) ? value : undefined;
}
