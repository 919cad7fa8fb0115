/**
 * Answering customers from a session (`session.sending`): Messenger texts and images, private
 * replies to comments, the outgoing messages each thread shows until their echo arrives, and
 * the seller's drafts per conversation. Sends go through the proxy's `POST /api/send`, so the
 * pages' Facebook tokens never reach the browser. The outbox that sends (and the sends
 * themselves, sends.ts) is its own chunk, loaded with the first send (the thread's view loads
 * it when it opens).
 */
import { SendError } from '../api/send-error.js';
import { PRIVATE_REPLY_WINDOW_MS, type ChatMessage, type OutgoingMessage } from '../model/index.js';
import type { ChatStore } from '../store/store.js';
import { Chunk } from '../util/chunk.js';
import { Drafts } from './drafts.js';
import type * as OutboxChunk from './outbox.js';
import type { Outbox, OutboxSetup } from './outbox.js';
import type { SendTarget } from './sends.js';

export { newIdempotencyKey } from '../api/send-error.js';
export type { Draft, DraftImage } from './drafts.js';

/** The outbox's chunk (see the module's comment). */
const outboxChunk = new Chunk<typeof OutboxChunk>(() => import('./outbox.js'));

/**
 * Hands over the outbox module when a chunk that sends (the thread's view) imports it, so
 * that its first send is shown at once.
 */
export function provideOutbox(module: typeof OutboxChunk): void {
  outboxChunk.provide(module);
}

const NONE: readonly OutgoingMessage[] = Object.freeze([]);

/**
 * Whether a comment can get its private reply ("Nhắn riêng") now: `available`, or why not:
 * `no-comment-id` (its Facebook comment id is not known), `sent` (it already got one, or one
 * is on its way), `too-old` (over 7 days), `own` (the page's own comment, or not a comment).
 */
export type PrivateReplyState = 'available' | 'no-comment-id' | 'sent' | 'too-old' | 'own';

/** Options of a send. */
export interface SendOptions {
  /** The idempotency key (e.g. the one a `chatomni-send` listener saw). Default: a new one. */
  idempotencyKey?: string;
}

/** What {@link Sending} needs from its session. */
export interface SendingDeps extends OutboxSetup {
  store: ChatStore;
}

/**
 * `session.sending`: answering the customers of a session. Each send shows at once as an
 * outgoing message (`outgoing(conversationId)`, status `sending`, then `sent` on Facebook's
 * answer) until its echo reaches the thread and takes its place; a failure keeps it with the
 * reason (`error.code`, a `SendErrorCode`) for `retry` (same idempotency key) or `discard`.
 * Dropped connections and a busy Facebook are retried by themselves, with the same key.
 * `drafts` holds the unsent text and image per conversation (memory only).
 */
export class Sending {
  /** The seller's unsent text and image per conversation (memory only). */
  readonly drafts = new Drafts();
  private box: Outbox | null = null;

  constructor(private readonly deps: SendingDeps) {}

  /** The outbox, made once its chunk is loaded (nothing was sent before that). */
  private get outbox(): Outbox | null {
    const module = outboxChunk.value;
    if (!this.box && module) this.box = module.createOutbox(this.deps);
    return this.box;
  }

  /** The outbox's chunk (with the sends) and what they work on, once it is loaded. */
  private get loaded(): [typeof OutboxChunk, SendTarget] | null {
    const code = outboxChunk.value;
    if (!code) return null;
    const { store } = this.deps;
    return [
      code,
      { outbox: this.outbox!, store, privateReplyState: (m) => this.privateReplyState(m) },
    ];
  }

  /**
   * {@link loaded}, loading the chunk first if needed (a failure is a `network` SendError).
   * Once loaded, a send is shown in the same task (no wait).
   */
  private async ready(): Promise<[typeof OutboxChunk, SendTarget]> {
    await outboxChunk.load().catch(() => {
      throw new SendError('network');
    });
    return this.loaded!;
  }

  /**
   * Sends a Messenger text to the conversation's customer; resolves with the outgoing message,
   * shown at once (on a page without a thread, the first send loads the outbox first). Rejects
   * with a `SendError` `text_too_long` over 2,000 characters (code points) and a `TypeError`
   * for an empty text or an unknown conversation; nothing is sent then.
   */
  async sendText(
    conversationId: string,
    text: string,
    options: SendOptions = {},
  ): Promise<OutgoingMessage> {
    const [code, to] = this.loaded ?? (await this.ready());
    return code.sendText(to, conversationId, text, options);
  }

  /**
   * Sends an image (JPEG, PNG, GIF or WebP up to 8 MB, recognised by its bytes). Rejects with
   * a `SendError` `unsupported_media_type` or `payload_too_large` before anything is shown or
   * uploaded. `previewUrl` (a `blob:` URL of the file) is handed over and released later.
   */
  async sendImage(
    conversationId: string,
    image: { file: Blob; name?: string; previewUrl?: string },
    options: SendOptions = {},
  ): Promise<OutgoingMessage> {
    const [code, to] = this.loaded ?? (await this.ready());
    return code.sendImage(to, conversationId, image, options);
  }

  /**
   * Answers a customer's comment in Messenger ("Nhắn riêng"): one per comment, within 7 days
   * of it. Rejects with a `TypeError` when {@link privateReplyState} is not `available`, and
   * as {@link sendText} for the text.
   */
  async sendPrivateReply(
    messageId: string,
    text: string,
    options: SendOptions = {},
  ): Promise<OutgoingMessage> {
    const [code, to] = this.loaded ?? (await this.ready());
    return code.sendPrivateReply(to, messageId, text, options);
  }

  /** Whether a comment can get its private reply now (see {@link PrivateReplyState}). */
  privateReplyState(m: ChatMessage, now = Date.now()): PrivateReplyState {
    if (m.kind !== 'comment' || m.isOwner) return 'own';
    if (!m.commentId) return 'no-comment-id';
    const old = now - m.createdAt > PRIVATE_REPLY_WINDOW_MS;
    const blocked = this.outbox?.privateReplyBlock(m.commentId);
    if (blocked) return blocked;
    if (old) return 'too-old';
    return m.canReplyPrivately === false ? 'sent' : 'available';
  }

  /** The messages being sent in a conversation (or failed), oldest first, echoes removed. */
  outgoing(conversationId: string): readonly OutgoingMessage[] {
    return this.outbox?.list(conversationId) ?? NONE;
  }

  /** For a stored message sent from this session: what was sent (its local image preview). */
  sentAs(messageId: string): OutgoingMessage | undefined {
    return this.outbox?.deliveredAs(messageId);
  }

  /**
   * Tries a failed message again with the same idempotency key (the proxy posts it at most
   * once); after `send_unconfirmed` with a new key, as the seller chose to send it again.
   */
  retry(outgoingId: string): void {
    this.outbox?.retry(outgoingId);
  }

  /** Gives up a failed message: it leaves the thread. */
  discard(outgoingId: string): void {
    this.outbox?.discard(outgoingId);
  }

  /** Takes out outgoing messages whose echo has arrived (the session calls it per change). */
  reconcile(): void {
    this.outbox?.reconcile();
  }

  /** Forgets drafts and outgoing messages (logout, another shop). */
  clear(): void {
    this.drafts.clear();
    this.outbox?.clear();
  }
}
