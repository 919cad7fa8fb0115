/**
 * What a following tab does with the leading tab's polls and catch-ups (see
 * `realtime/tab-link.ts`): it stores the list rows the leader read, as if it had read them
 * itself, and brings its own open thread up to date only when those rows show that the
 * conversation moved on; so one poll of the browser costs one list read, and a thread read
 * only in the tabs where that thread is open and something new is missing.
 */
import type { ChatStore } from '../store/store.js';
import type { CatchUp } from './catch-up.js';
import type { ConversationList } from './list.js';

export interface SharedResultsDeps {
  store: ChatStore;
  list: ConversationList;
  /** Brings a thread up to date, back to `since` (loading the session's threads first). */
  catchUpThread(id: string, since?: number): Promise<unknown>;
  /** The session's catch-up (made after this, with the link it depends on). */
  catchUp(): Pick<CatchUp, 'covered' | 'since'>;
  /** The open conversation of this tab. */
  selectedId(): string | null;
  /** Fresh data arrived (status "last update", change event). */
  onData(): void;
}

export class SharedResults {
  constructor(private readonly deps: SharedResultsDeps) {}

  /** A page of the leader's list: stored; rows of the same filter count as its matches. */
  rows(rows: unknown[], filterKey: string): void {
    const { store, list } = this.deps;
    const id = this.deps.selectedId();
    const before = id ? store.getConversation(id)?.lastActivityAt : undefined;
    list.adopt(rows, filterKey === list.filterKey);
    const after = id ? store.getConversation(id)?.lastActivityAt : undefined;
    if (id && after !== before && store.getThread(id)) void this.deps.catchUpThread(id);
    this.deps.onData();
  }

  /**
   * A sync of the leader (poll, catch-up) finished (`ok`: up to date). After a gap in the link
   * this tab showed (a hand-over, or the leader's sockets were down) the open thread here
   * missed what the leader's sockets did not see either: it catches up as the leader's did.
   */
  synced(ok: boolean): void {
    const { store } = this.deps;
    const catchUp = this.deps.catchUp();
    const id = this.deps.selectedId();
    const gap = catchUp.since;
    if (!ok || gap === undefined) return;
    if (!id || !store.getThread(id)) return catchUp.covered(gap);
    void this.deps.catchUpThread(id, gap).then(() => {
      if (!store.getThread(id)?.error) catchUp.covered(gap);
    });
  }
}
