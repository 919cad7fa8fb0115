import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ConversationFilter, Page } from '../../model/index.js';
import { icon } from '../shared/icons.js';

/** What the search and filter bar shows and calls. */
export interface ToolbarContext {
  t: (key: MessageKey) => string;
  keyword: string;
  filter: ConversationFilter;
  pages: readonly Page[];
  /**
   * The sound switch, shown with notifications on; `on` unless the seller muted it; `failed`
   * when notifications could not be loaded (the bell then says so and tries again).
   */
  sound?: { on: boolean; failed: boolean };
  onSearch: (keyword: string) => void;
  onFilter: (change: Partial<ConversationFilter>) => void;
  onSound: () => void;
}

type Flag = 'unread' | 'unreplied' | 'hasPhone' | 'hasOrder';
const FLAGS: readonly Flag[] = ['unread', 'unreplied', 'hasPhone', 'hasOrder'];
const TYPES = [
  ['all', 'all'],
  ['message', 'messages'],
  ['comment', 'comments'],
] as const;

/** The bell that mutes or unmutes the beep for new messages (a toggle button). */
function renderSound(ctx: ToolbarContext): TemplateResult | typeof nothing {
  if (!ctx.sound) return nothing;
  const { on, failed } = ctx.sound;
  const label = failed ? `${ctx.t('sound')}: ${ctx.t('partError')}` : ctx.t('sound');
  return html`<button
    type="button"
    class="sound ${failed ? 'failed' : ''}"
    part="sound"
    aria-pressed=${failed ? nothing : on}
    aria-label=${label}
    title=${label}
    @click=${ctx.onSound}
  >
    ${icon(on && !failed ? 'bell' : 'bell-off')}
  </button>`;
}

/** Search (debounced by the caller), the page picker, the sound switch, type segments, chips. */
export function renderToolbar(ctx: ToolbarContext): TemplateResult {
  const f = ctx.filter;
  const type = f.type ?? 'all';
  const page = f.pageIds?.length === 1 ? f.pageIds[0] : '';
  return html`<div class="toolbar" part="toolbar">
    <div class="search">
      ${icon('search')}
      <input
        type="search"
        part="search"
        .value=${ctx.keyword}
        placeholder=${ctx.t('search')}
        aria-label=${ctx.t('search')}
        @input=${(e: InputEvent) => ctx.onSearch((e.target as HTMLInputElement).value)}
      />
      ${
        ctx.pages.length > 1
          ? html`<select
              part="page-select"
              aria-label=${ctx.t('page')}
              .value=${page ?? ''}
              @change=${(e: Event) => {
                const id = (e.target as HTMLSelectElement).value;
                ctx.onFilter({ pageIds: id ? [id] : [] });
              }}
            >
              <option value="">${ctx.t('allPages')}</option>
              ${ctx.pages.map(
                (p) => html`<option value=${p.id} ?selected=${p.id === page}>${p.name}</option>`,
              )}
            </select>`
          : nothing
      }
      ${renderSound(ctx)}
    </div>
    <div class="chips" role="group" aria-label=${ctx.t('filters')}>
      <span class="segment">
        ${TYPES.map(
          ([value, label]) =>
            html`<button
              type="button"
              aria-pressed=${type === value}
              @click=${() => ctx.onFilter({ type: value })}
            >
              ${ctx.t(label)}
            </button>`,
        )}
      </span>
      ${FLAGS.map(
        (flag) =>
          html`<button
            type="button"
            class="chip"
            aria-pressed=${!!f[flag]}
            @click=${() => ctx.onFilter({ [flag]: !f[flag] })}
          >
            ${ctx.t(flag)}
          </button>`,
      )}
    </div>
  </div>`;
}
