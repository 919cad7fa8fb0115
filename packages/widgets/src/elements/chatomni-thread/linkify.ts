import { html, type TemplateResult } from 'lit';
import { safeHttpUrl } from '../../util/url.js';

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/**
 * Text with its http(s) links as anchors (`rel="noopener noreferrer" target="_blank"`); all the
 * rest stays text. Trailing punctuation is left out of a link. Nothing else is ever a link.
 */
export function linkify(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const raw = match[0].replace(/[.,;:!?)\]}]+$/, '');
    const url = safeHttpUrl(raw);
    if (!url) continue;
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    out.push(html`<a href=${url} target="_blank" rel="noopener noreferrer">${raw}</a>`);
    last = at + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
