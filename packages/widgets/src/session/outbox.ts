/**
 * The session's outgoing messages: each is shown at once ("Đang gửi…"), sent through the
 * proxy's `/api/send` under its own idempotency key, marked "Đã gửi" on Facebook's answer and
 * dropped when its echo reaches the thread (see `reconcile.ts`), so the thread never shows a
 * message twice. A dropped connection or a busy Graph is retried a few times with the same
 * key; any other failure waits for the seller's "Thử lại" (same key again, so at most one post).
 */
import { isAbort, type HttpClient } from '../api/http.js';
import { newIdempotencyKey, SendApi, SendError, type SendContent } from '../api/send.js';
import {
  SendStatus,
  type ChatMessage,
  type OutgoingMessage,
  type SendErrorCode,
} from '../model/index.js';
import type { ChatStore } from '../store/store.js';
import { findEcho } from './reconcile.js';

export { sendImage, sendPrivateReply, sendText } from './sends.js';

/** Failures retried automatically, with the same key, before the seller is asked. */
const TRANSIENT: ReadonlySet<SendErrorCode> = new Set<SendErrorCode>([
  'network',
  'timeout',
  'send_in_progress',
  'graph_unavailable',
  'bad_gateway',
  'gateway_timeout',
  'server',
]);
/** Failures after which the message may still have been posted: its echo still counts. */
const UNCERTAIN: ReadonlySet<SendErrorCode> = new Set<SendErrorCode>([
  ...TRANSIENT,
  'send_unconfirmed',
]);
/** Automatic retries of one send (after the first request). */
export const AUTO_RETRIES = 3;
/** A wait longer than this is left to the seller ("Thử lại" after N seconds). */
const MAX_AUTO_WAIT_MS = 5000;
/** A sent message whose echo has not come by then has its thread fetched once. */
export const ECHO_WAIT_MS = 5000;
/** Delivered messages remembered (for "Đã gửi" and the local image preview). */
const DELIVERED_LIMIT = 200;

/** What the outbox needs from its session. */
export interface OutboxDeps {
  api: SendApi;
  store: ChatStore;
  /** Timeout of one send request, ms (read per request). */
  timeoutMs: () => number;
  /** True while a socket is up (the echo comes by itself). */
  live: () => boolean;
  /** Fetches what is new in a thread (the echo, when no socket brings it). */
  catchUp: (conversationId: string) => Promise<void>;
  onChange: () => void;
}

interface Entry {
  out: OutgoingMessage;
  content: SendContent;
  /** The shop's messages already in the thread at the click: never this one's echo. */
  before: ReadonlySet<string>;
  abort?: AbortController;
  timer?: ReturnType<typeof setTimeout>;
  autoRetries: number;
}

let nextLocal = 0;

/** What {@link createOutbox} needs: the outbox's needs, the send API made from the session's client. */
export interface OutboxSetup extends Omit<OutboxDeps, 'api'> {
  http: HttpClient;
}

/** The outbox of a session; this module is loaded with the first send (see `Sending`). */
export function createOutbox(setup: OutboxSetup): Outbox {
  return new Outbox({ ...setup, api: new SendApi(setup.http) });
}

export class Outbox {
  private readonly entries = new Map<string, Entry>();
  /** Stored message id → the outgoing message it was (oldest first). */
  private readonly delivered = new Map<string, OutgoingMessage>();
  /** Facebook comment ids that got their private reply (from here, or Facebook said so). */
  private readonly replied = new Set<string>();
  /** Facebook comment ids Facebook called too old for a private reply. */
  private readonly tooOld = new Set<string>();
  private readonly lists = new Map<string, readonly OutgoingMessage[]>();
  private storeVersion = -1;

  constructor(private readonly deps: OutboxDeps) {}

  /** The outgoing messages of a conversation, oldest first, echoes already taken out. */
  list(conversationId: string): readonly OutgoingMessage[] {
    if (this.storeVersion !== this.deps.store.version) this.reconcile();
    let list = this.lists.get(conversationId);
    if (!list) {
      list = Object.freeze(
        [...this.entries.values()]
          .filter((e) => e.out.conversationId === conversationId)
          .map((e) => e.out),
      );
      this.lists.set(conversationId, list);
    }
    return list;
  }

  /** The outgoing message a stored message is the echo of, if it was sent from here. */
  deliveredAs(messageId: string): OutgoingMessage | undefined {
    return this.delivered.get(messageId);
  }

  /** Why a comment cannot get a private reply now, as far as this session knows. */
  privateReplyBlock(commentId: string): 'sent' | 'too-old' | undefined {
    if (this.replied.has(commentId)) return 'sent';
    if (this.tooOld.has(commentId)) return 'too-old';
    for (const { out } of this.entries.values()) {
      if (out.replyTo?.commentId === commentId && reconcilable(out)) return 'sent';
    }
    return undefined;
  }

  /** Shows `out` at once and sends `content` under its key. */
  enqueue(
    draft: Omit<OutgoingMessage, 'id' | 'status' | 'attempts' | 'createdAt'>,
    content: SendContent,
  ): OutgoingMessage {
    const thread = this.deps.store.getThread(draft.conversationId);
    const before = new Set((thread?.messages ?? []).filter((m) => m.isOwner).map((m) => m.id));
    const out: OutgoingMessage = {
      ...draft,
      id: `out-${++nextLocal}-${newIdempotencyKey().slice(0, 8)}`,
      status: SendStatus.Sending,
      attempts: 0,
      createdAt: Date.now(),
    };
    const entry: Entry = { out, content, before, autoRetries: 0 };
    this.entries.set(out.id, entry);
    this.changed();
    void this.run(entry);
    return out;
  }

  /**
   * Sends a failed message again: with the same key, so the proxy posts it at most once; with
   * a new one only after `send_unconfirmed` (the seller chose to send another copy).
   */
  retry(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || entry.out.status !== SendStatus.Failed || entry.out.checking) return;
    const code = entry.out.error?.code;
    const fresh = code === 'send_unconfirmed' || code === 'idempotency_key_reused';
    if (fresh) {
      entry.out = { ...entry.out, idempotencyKey: newIdempotencyKey(), createdAt: Date.now() };
    }
    entry.autoRetries = 0;
    void this.run(entry);
  }

  /** Drops an outgoing message (a failed one the seller gives up on). */
  discard(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.stop(entry);
    this.entries.delete(id);
    revoke(entry.out);
    this.changed();
  }

  /** Takes out every outgoing message whose echo is now in its thread. */
  reconcile(): void {
    this.storeVersion = this.deps.store.version;
    if (this.entries.size === 0) return;
    const taken = new Set(this.delivered.keys());
    let changed = false;
    for (const entry of [...this.entries.values()]) {
      if (!reconcilable(entry.out)) continue;
      const thread = this.deps.store.getThread(entry.out.conversationId);
      const echo = thread && findEcho(entry, thread.messages, taken);
      if (!echo) continue;
      taken.add(echo.id);
      // A request still running is left to finish (its answer is then ignored): the proxy
      // completes the send anyway, and the browser gets its answer rather than an abort.
      clearTimeout(entry.timer);
      this.entries.delete(entry.out.id);
      this.remember(echo, entry.out);
      changed = true;
    }
    if (changed) this.changed();
  }

  /** Forgets everything (logout): requests aborted, previews released. */
  clear(): void {
    for (const entry of this.entries.values()) {
      this.stop(entry);
      revoke(entry.out);
    }
    for (const out of this.delivered.values()) revoke(out);
    this.entries.clear();
    this.delivered.clear();
    this.replied.clear();
    this.tooOld.clear();
    this.changed();
  }

  private async run(entry: Entry): Promise<void> {
    const signal = (entry.abort = new AbortController()).signal;
    entry.out = withoutError({
      ...entry.out,
      status: SendStatus.Sending,
      attempts: entry.out.attempts + 1,
    });
    this.changed();
    try {
      const receipt = await this.deps.api.send(entry.content, entry.out.idempotencyKey, {
        signal,
        timeoutMs: this.deps.timeoutMs(),
      });
      if (entry.out.replyTo) this.replied.add(entry.out.replyTo.commentId);
      if (this.entries.get(entry.out.id) !== entry) return;
      entry.out = { ...entry.out, status: SendStatus.Sent, messageId: receipt.messageId };
      this.changed();
      this.reconcile();
      if (this.entries.get(entry.out.id) === entry) this.awaitEcho(entry);
    } catch (error) {
      if (signal.aborted || this.entries.get(entry.out.id) !== entry) return;
      // Aborted by the session (the token was refused, requests were cut): it may have gone
      // out, so it is retried like a lost connection, with the same key.
      const failure = isAbort(error)
        ? new SendError('network')
        : error instanceof SendError
          ? error
          : new SendError('server');
      this.noteRefusal(entry.out, failure.code);
      const wait = autoRetryWait(failure, entry.autoRetries);
      if (wait !== undefined) {
        entry.autoRetries++;
        entry.timer = setTimeout(() => void this.run(entry), wait);
        return;
      }
      const { code, retryAfter } = failure;
      // Facebook may have posted it: its echo still replaces it, and the thread is fetched
      // before "Gửi lại" is offered (a copy sent meanwhile would be posted twice).
      const unconfirmed = code === 'send_unconfirmed';
      entry.out = {
        ...entry.out,
        status: SendStatus.Failed,
        error: retryAfter === undefined ? { code } : { code, retryAfter },
        ...(unconfirmed ? { checking: true } : {}),
      };
      this.changed();
      if (unconfirmed) this.awaitEcho(entry);
    }
  }

  /**
   * Fetches the thread now when no socket is up (no echo will be pushed), and once more if
   * the echo is still missing after {@link ECHO_WAIT_MS} (late, or lost with a socket); then
   * an unconfirmed send still without its echo stops `checking`.
   */
  private awaitEcho(entry: Entry): void {
    const { conversationId } = entry.out;
    const current = () => this.entries.get(entry.out.id) === entry;
    if (!this.deps.live()) void this.deps.catchUp(conversationId).catch(() => {});
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (!current()) return;
      void this.deps
        .catchUp(conversationId)
        .catch(() => {})
        .then(() => {
          if (!current() || !entry.out.checking) return;
          entry.out = { ...entry.out, checking: false };
          this.changed();
        });
    }, ECHO_WAIT_MS);
  }

  private noteRefusal(out: OutgoingMessage, code: SendErrorCode): void {
    if (!out.replyTo) return;
    if (code === 'reply_already_sent') this.replied.add(out.replyTo.commentId);
    if (code === 'comment_too_old') this.tooOld.add(out.replyTo.commentId);
  }

  private remember(echo: ChatMessage, out: OutgoingMessage): void {
    if (out.replyTo) this.replied.add(out.replyTo.commentId);
    const messageId = echo.externalId ?? out.messageId;
    this.delivered.set(echo.id, withoutError({ ...out, status: SendStatus.Sent, messageId }));
    if (this.delivered.size > DELIVERED_LIMIT) {
      const [oldestId, oldest] = this.delivered.entries().next().value!;
      this.delivered.delete(oldestId);
      revoke(oldest);
    }
  }

  private stop(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.abort?.abort();
  }

  private changed(): void {
    this.lists.clear();
    this.deps.onChange();
  }
}

/** Still waiting for its echo: sending, sent, or failed in a way that may have posted it. */
function reconcilable(out: OutgoingMessage): boolean {
  return out.status !== SendStatus.Failed || (!!out.error && UNCERTAIN.has(out.error.code));
}

/** How long to wait before retrying by itself, or undefined to ask the seller. */
function autoRetryWait(failure: SendError, done: number): number | undefined {
  if (!TRANSIENT.has(failure.code) || done >= AUTO_RETRIES) return undefined;
  const wait = failure.retryAfter !== undefined ? failure.retryAfter * 1000 : 500 * 2 ** done;
  return wait <= MAX_AUTO_WAIT_MS ? wait : undefined;
}

function withoutError(out: OutgoingMessage): OutgoingMessage {
  if (!out.error && out.checking === undefined) return out;
  const copy = { ...out };
  delete copy.error;
  delete copy.checking;
  return copy;
}

function revoke(out: OutgoingMessage): void {
  if (out.image) URL.revokeObjectURL(out.image.previewUrl);
}
