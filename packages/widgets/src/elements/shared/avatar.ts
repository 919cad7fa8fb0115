import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { styleProps } from './style-props.js';
import { safeHttpUrl } from '../../util/url.js';
import { AVATAR_COLORS } from './tokens.js';

/** The Facebook profile picture of a page-scoped id; `{psid}` is replaced. */
export const DEFAULT_AVATAR_TEMPLATE =
  'https://platform-lookaside.fbsbx.com/platform/profilepic/?psid={psid}&height=200&width=200';

/** Avatar URLs that failed to load once: never asked again in this page. */
const failed = new Set<string>();

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

/**
 * A round avatar: the picture over initials on a colour. When the picture fails (private
 * profile, offline) it is hidden for good and the initials show; no network for the fallback.
 */
export function renderAvatar(
  who: { psid: string; name: string },
  template: string,
  size = 40,
): TemplateResult {
  const url = avatarUrl(template, who.psid);
  const style = { '--s': `${size}px`, background: avatarColor(who.psid || who.name) };
  return html`<span class="avatar" part="avatar" ${styleProps(style)} aria-hidden="true"
    >${initials(who.name)}${
      url
        ? html`<img
            src=${url}
            alt=""
            loading="lazy"
            referrerpolicy="no-referrer"
            .hidden=${live(failed.has(url))}
            @error=${handleError}
          />`
        : null
    }</span
  >`;
}
