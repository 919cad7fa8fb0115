/**
 * Threads of a session: the first page of each kind (messages, comments), paging to older
 * history with the `After` cursor, and catch-up after a gap (newest pages until they overlap
 * what the store already has).
 */
import { isAbort } from '../api/http.js';
import type { ConversationApi } from '../api/conversation-api.js';
import type { ThreadAddress } from '../api/tpos.js';
import { provideThreadMerge, type ChatStore } from '../store/store.js';
import * as threadMerge from '../store/thread-merge.js';
import { normalizeRestMessage, type NormalizeOptions } from '../api/normalize-messages.js';
import { MAX_CATCH_UP_PAGES } from './catch-up.js';
import { loadErrorCode } from './list.js';
import type { ChatMessage, Conversation, MessageKind } from '../model/index.js';

export interface ThreadDeps {
  api: ConversationApi;
  store: ChatStore;
  onError: (error: unknown) => void;
  /** What the normalizer needs to know (the hidden comment `Status`). */
  normalize?: () => NormalizeOptions;
}

function kindsOf(conversation: Conversation): MessageKind[] {
  return conversation.kinds.length ? [...conversation.kinds] : ['message', 'comment'];
}

export class ThreadLoader {
  /** Cursor to older history per conversation and kind; null = start of history reached. */
  private readonly cursors = new Map<string, Map<MessageKind, string | null>>();

  constructor(private readonly deps: ThreadDeps) {
    // The store merges the pages read here with the code that comes with them.
    provideThreadMerge(threadMerge);
  }

  /** Loads the newest page(s) of a thread; an already loaded thread is caught up instead. */
  async load(id: string): Promise<void> {
    const { store } = this.deps;
    const conversation = store.getConversation(id);
    if (!conversation) return;
    if (this.cursors.has(id)) {
      await this.catchUp(id);
      return;
    }
    store.patchThread(id, { loading: true, error: null });
    const cursors = new Map<MessageKind, string | null>();
    try {
      const pages = await Promise.all(
        kindsOf(conversation).map(async (kind) => {
          const page = await this.fetch(kind, conversation, null, `thread:${id}:${kind}`);
          cursors.set(kind, page.after);
          return page.messages;
        }),
      );
      this.cursors.set(id, cursors);
      store.mergeThread(id, pages.flat(), { loading: false, hasOlder: hasOlder(cursors) });
    } catch (error) {
      if (isAbort(error)) return;
      this.deps.onError(error);
      store.patchThread(id, { loading: false, error: loadErrorCode(error) });
    }
  }

  /** Loads the next older page of each kind that has more. */
  async loadOlder(id: string): Promise<void> {
    const { store } = this.deps;
    const conversation = store.getConversation(id);
    const cursors = this.cursors.get(id);
    if (!conversation || !cursors || store.getThread(id)?.loadingOlder) return;
    const pending = [...cursors].filter(
      (entry): entry is [MessageKind, string] => entry[1] !== null,
    );
    if (!pending.length) return;
    store.patchThread(id, { loadingOlder: true, error: null });
    try {
      const pages = await Promise.all(
        pending.map(async ([kind, after]) => {
          const page = await this.fetch(kind, conversation, after, `older:${id}:${kind}`);
          cursors.set(kind, page.after);
          return page.messages;
        }),
      );
      store.mergeThread(id, pages.flat(), { loadingOlder: false, hasOlder: hasOlder(cursors) });
    } catch (error) {
      if (isAbort(error)) return;
      this.deps.onError(error);
      store.patchThread(id, { loadingOlder: false, error: loadErrorCode(error) });
    }
  }

  /**
   * Brings a loaded thread up to date: newest pages of each kind until one overlaps the
   * stored messages (or the start of history), and with `since` (where a gap in the live link
   * began) until one reaches back to it: messages pushed after the gap may already be stored,
   * so overlapping them does not mean the gap is covered. Returns the messages that were new.
   */
  async catchUp(id: string, since?: number): Promise<ChatMessage[]> {
    const { store } = this.deps;
    const conversation = store.getConversation(id);
    if (!conversation) return [];
    if (!this.cursors.has(id)) {
      await this.load(id);
      return [];
    }
    const cursors = this.cursors.get(id)!;
    const known = store.getThread(id)?.messages ?? [];
    const newestKnown = (kind: MessageKind) => {
      for (let i = known.length - 1; i >= 0; i--)
        if (known[i]!.kind === kind) return known[i]!.createdAt;
      return -Infinity;
    };
    try {
      const added = await Promise.all(
        kindsOf(conversation).map(async (kind) => {
          const fresh: ChatMessage[] = [];
          // A gap may lie behind messages pushed after it: read back to its start too.
          const newest = newestKnown(kind);
          const floor = newest === -Infinity ? newest : Math.min(newest, since ?? Infinity);
          let after: string | null = null;
          for (let pageNo = 0; pageNo < MAX_CATCH_UP_PAGES; pageNo++) {
            const page = await this.fetch(kind, conversation, after, `catch-up:${id}:${kind}`);
            // Pages are newest first: once one reaches back to what we had, the gap is covered.
            const overlaps = page.messages.some((m) => m.createdAt <= floor);
            fresh.push(...page.messages);
            // A kind with nothing stored yet gets its older-history cursor from this page.
            if (floor === -Infinity) {
              cursors.set(kind, page.after);
              break;
            }
            after = page.after;
            if (overlaps || after === null) break;
          }
          // A kind first seen through a pushed event has no paging cursor yet.
          if (!cursors.has(kind)) cursors.set(kind, after);
          return fresh;
        }),
      );
      const merged = store.mergeThread(id, added.flat(), {
        hasOlder: hasOlder(cursors),
        error: null,
      });
      return merged;
    } catch (error) {
      if (isAbort(error)) return [];
      this.deps.onError(error);
      store.patchThread(id, { error: loadErrorCode(error) });
      return [];
    }
  }

  /** Forgets a thread's cursors and messages (reload from scratch). */
  forget(id: string): void {
    this.cursors.delete(id);
    this.deps.store.dropThread(id);
  }

  /** Forgets every thread. */
  clear(): void {
    this.cursors.clear();
  }

  private async fetch(
    kind: MessageKind,
    conversation: Conversation,
    after: string | null,
    key: string,
  ): Promise<{ messages: ChatMessage[]; after: string | null }> {
    const at: ThreadAddress = { pageId: conversation.pageId, psid: conversation.psid };
    const page = await this.deps.api.threadPage(kind, at, after, undefined, key);
    const options = this.deps.normalize?.() ?? {};
    const messages = (page.Data ?? []).flatMap((raw) =>
      normalizeRestMessage(raw, conversation.id, kind, options),
    );
    return { messages, after: page.After ?? null };
  }
}

function hasOlder(cursors: Map<MessageKind, string | null>): boolean {
  return [...cursors.values()].some((cursor) => cursor !== null);
}
