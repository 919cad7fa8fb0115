/**
 * The threads of a store and the index of every message id it has seen: messages per
 * conversation (oldest first), their load flags, the ids remembered for dedupe even when a
 * thread is not loaded, and the aliases of paired socket and REST copies (docs/tpos-protocol.md
 * §7.5). Owned by `ChatStore`; what goes in is merged by thread-merge.ts.
 */
import type { ChatMessage, LoadErrorCode, ThreadState } from '../model/index.js';
import type { Origin } from './twins.js';

/** One thread as the store keeps it. */
export interface ThreadRecord {
  messages: ChatMessage[];
  /** Every id of the stored messages, aliases included. */
  ids: Set<string>;
  /** Where each stored message came from (by its current id). */
  origin: Map<string, Origin>;
  /** A REST read merged already (later reads are polls or catch-ups, not history). */
  loaded: boolean;
  hasOlder: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error?: LoadErrorCode;
  snapshot?: ThreadState;
}

/** The flags of a thread that loads set; `error: null` clears the error. */
export type ThreadFlags = Partial<Pick<ThreadRecord, 'hasOlder' | 'loading' | 'loadingOlder'>> & {
  error?: LoadErrorCode | null;
};

export class ThreadBook {
  private readonly threads = new Map<string, ThreadRecord>();
  /** Message id → its conversation, for dedupe (bounded by thread-merge.ts). */
  readonly seen = new Map<string, string>();
  /** Socket id → REST id of paired copies, bounded like `seen`. */
  readonly aliases = new Map<string, string>();

  /** @param changed called after every change of a thread. */
  constructor(private readonly changed: () => void) {}

  get(id: string): ThreadRecord | undefined {
    return this.threads.get(id);
  }

  /** The thread, created empty when needed. */
  record(id: string): ThreadRecord {
    let record = this.threads.get(id);
    if (!record) {
      record = {
        messages: [],
        ids: new Set(),
        origin: new Map(),
        loaded: false,
        hasOlder: false,
        loading: false,
        loadingOlder: false,
      };
      this.threads.set(id, record);
      this.touch(record);
    }
    return record;
  }

  /** A frozen snapshot of the thread (the same object until it changes), or undefined. */
  snapshot(id: string): ThreadState | undefined {
    const record = this.threads.get(id);
    if (!record) return undefined;
    record.snapshot ??= Object.freeze({
      conversationId: id,
      messages: Object.freeze(record.messages.slice()),
      hasOlder: record.hasOlder,
      loading: record.loading,
      loadingOlder: record.loadingOlder,
      ...(record.error !== undefined ? { error: record.error } : {}),
    });
    return record.snapshot;
  }

  /** True when a message with that id (or alias) was stored or pushed already. */
  has(id: string): boolean {
    return this.seen.has(id) || this.aliases.has(id);
  }

  /** The id a message is stored under: its REST id once its socket copy was paired. */
  canonical(id: string): string {
    return this.aliases.get(id) ?? id;
  }

  /** Sets a thread's flags (creating an empty thread when needed). */
  flag(id: string, patch: ThreadFlags): void {
    const record = this.record(id);
    let changed = false;
    for (const key of ['hasOlder', 'loading', 'loadingOlder'] as const) {
      const value = patch[key];
      if (value !== undefined && record[key] !== value) {
        record[key] = value;
        changed = true;
      }
    }
    if (patch.error !== undefined && (patch.error ?? undefined) !== record.error) {
      if (patch.error === null) delete record.error;
      else record.error = patch.error;
      changed = true;
    }
    if (changed) this.touch(record);
  }

  /** Forgets a thread (e.g. to reload it from scratch). */
  drop(id: string): void {
    if (this.threads.delete(id)) this.touch();
  }

  /** Replaces fields of one message (by any of its ids) of a loaded thread. */
  patchMessage(conversationId: string, messageId: string, patch: Partial<ChatMessage>): void {
    const record = this.threads.get(conversationId);
    const key = this.canonical(messageId);
    const index = record?.messages.findIndex((m) => m.id === key) ?? -1;
    if (!record || index < 0) return;
    record.messages[index] = { ...record.messages[index]!, ...patch, id: key, conversationId };
    this.touch(record);
  }

  /** Finds a message (by any of its ids) in the loaded threads. */
  findMessage(messageId: string): ChatMessage | undefined {
    const key = this.canonical(messageId);
    const conversationId = this.seen.get(key);
    const candidates = conversationId ? [conversationId] : [...this.threads.keys()];
    for (const id of candidates) {
      const found = this.threads.get(id)?.messages.find((m) => m.id === key);
      if (found) return found;
    }
    return undefined;
  }

  clear(): void {
    this.threads.clear();
    this.seen.clear();
    this.aliases.clear();
  }

  /** A thread changed (its snapshot is made again), or the threads did. */
  touch(record?: ThreadRecord): void {
    if (record) delete record.snapshot;
    this.changed();
  }
}
