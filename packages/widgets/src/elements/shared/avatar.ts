import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { styleProps } from './style-props.js';
import { safeHttpUrl } from '../../util/url.js';
import { AVATAR_COLORS } from './tokens.js';

/** The Facebook profile picture of a page-scoped id; `{psid}` is replaced. */
export const DEFAULT_AVATAR_TEMPLATE =
  'https://platform-lookaside.fbsbx.com/platform/profilepic/?psid={psid}&height=200&width=200';

/** Avatar URLs that failed to load once: never asked again in this page. */
const failed = new Set<string>();
/** Avatar URLs that loaded once: in the browser's cache, cheap to show again. */
const loaded = new Set<string>();

/** Up to two initials of a name ("Hoa Phượng" → "HP"), "?" for an empty one. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = (w: string) => Array.from(w)[0] ?? '';
  const text =
    words.length > 1 ? first(words[0]!) + first(words[words.length - 1]!) : first(words[0]!);
  return text.toLocaleUpperCase('vi');
}

/** A stable colour for a key (the PSID or name): one of the `--chatomni-avatar-N` tokens. */
export function avatarColor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return `var(--_avatar-${(Math.abs(h) % AVATAR_COLORS) + 1})`;
}

/** The avatar URL from a template, or undefined when the result is not http(s). */
export function avatarUrl(template: string, psid: string): string | undefined {
  if (!psid) return undefined;
  return safeHttpUrl(template.replace('{psid}', encodeURIComponent(psid)));
}

function handleError(e: Event): void {
  const img = e.target as HTMLImageElement;
  failed.add(img.getAttribute('src') ?? '');
  img.hidden = true;
}

function handleLoad(e: Event): void {
  loaded.add((e.target as HTMLImageElement).getAttribute('src') ?? '');
}

/**
 * The picture to put in an avatar now: none when the template gives no http(s) URL and,
 * with `fetch` false (default true), none that would need a new request (a list being flung
 * would start and drop one request per row flying past). One that failed before is given (it
 * renders hidden, and a hidden lazy image is never requested).
 */
export function avatarPicture(template: string, psid: string, fetch = true): string | undefined {
  const url = avatarUrl(template, psid);
  if (!url) return undefined;
  return fetch || loaded.has(url) || failed.has(url) ? url : undefined;
}

/**
 * A round avatar of `size` px (default 40): the picture (from {@link avatarPicture}) over
 * initials on a colour. When the picture fails (private profile, offline) it is hidden for
 * good and the initials show; no network for the fallback.
 */
export function renderAvatar(
  who: { psid: string; name: string },
  picture: string | undefined,
  size = 40,
): TemplateResult {
  const style = { '--s': `${size}px`, background: avatarColor(who.psid || who.name) };
  return html`<span class="avatar" part="avatar" ${styleProps(style)} aria-hidden="true"
    >${initials(who.name)}${
      picture
        ? html`<img
            src=${picture}
            alt=""
            loading="lazy"
            referrerpolicy="no-referrer"
            .hidden=${live(failed.has(picture))}
            @load=${handleLoad}
            @error=${handleError}
          />`
        : nothing
    }</span
  >`;
}
