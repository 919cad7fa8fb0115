/**
 * Account data loaded once per login: the Facebook pages (ids, names, logos and CRMTeam ids
 * only; the page access tokens in the answer are never kept), partner-status and order-status
 * colours.
 */
import type { TposApi } from '../api/tpos.js';
import {
  normalizeOrderColours,
  normalizePages,
  normalizePartnerStatuses,
} from '../api/normalize-account.js';
import type { Page } from '../model/index.js';

export class SessionAccount {
  private _pages: readonly Page[] = [];
  private partnerColours = new Map<string, string>();
  private orderColours = new Map<string, string>();
  private loaded = false;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly api: TposApi,
    private readonly onChange: () => void,
  ) {}

  get pages(): readonly Page[] {
    return this._pages;
  }

  partnerColour(statusText: string): string | undefined {
    return this.partnerColours.get(statusText);
  }

  orderColour(statusText: string): string | undefined {
    return this.orderColours.get(statusText);
  }

  /** Loads what is missing (every part again when one failed). */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.loading ??= this.fetch().finally(() => (this.loading = null));
    return this.loading;
  }

  /** The page a conversation belongs to, loading the pages when needed. */
  async page(pageId: string): Promise<Page> {
    if (!this._pages.some((p) => p.id === pageId)) {
      this.loaded = false;
      await this.load();
    }
    const page = this._pages.find((p) => p.id === pageId);
    if (!page) throw new Error(`Unknown page ${pageId}`);
    return page;
  }

  reset(): void {
    this._pages = [];
    this.loaded = false;
  }

  private async fetch(): Promise<void> {
    const api = this.api;
    const [teams, partner, order] = await Promise.allSettled([
      api.teams(),
      api.partnerStatuses(),
      api.orderStatusColours(),
    ]);
    if (teams.status === 'fulfilled') this._pages = Object.freeze(normalizePages(teams.value));
    if (partner.status === 'fulfilled') {
      this.partnerColours = normalizePartnerStatuses(partner.value);
    }
    if (order.status === 'fulfilled') this.orderColours = normalizeOrderColours(order.value);
    this.loaded = [teams, partner, order].every((r) => r.status === 'fulfilled');
    this.onChange();
  }
}
