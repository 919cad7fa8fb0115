import { DurableObject } from 'cloudflare:workers';
import { unconfirmedResult, type SendResult } from './result.js';

/** How long a key answers with its first result; older keys are forgotten. */
export const KEY_TTL_MS = 24 * 3600_000;
/** How {@link SendKeys.begin} treats a key that is still pending. */
export interface PendingPolicy {
  /** Wait this long for the first send's outcome before answering `busy`. */
  waitMs: number;
  /**
   * A key pending longer than this lost its Worker (the outcome was never written): it may
   * or may not have been posted, so it is settled as unconfirmed. Longer than a send takes.
   */
  staleMs: number;
}

/** What {@link SendKeys.begin} found for a key. */
export type Begin =
  /** The key is new: it is now pending, and the caller sends. */
  | { state: 'new' }
  /** The key has a result (or its first send just ended with one): answer it again. */
  | { state: 'done'; result: SendResult }
  /** The key was used with a different message. */
  | { state: 'conflict' }
  /** The first send with the key is still running after the wait. */
  | { state: 'busy' };

interface Row extends Record<string, SqlStorageValue> {
  fingerprint: string;
  state: 'pending' | 'done';
  result: string | null;
  created_at: number;
}

/**
 * The idempotency keys of one user's sends (one object per user: `idFromName` of a hash of
 * the user), in SQLite so they survive restarts and reach every Worker instance. A key is
 * pending while its send runs, then holds the result for {@link KEY_TTL_MS} if something
 * may have been posted; a send refused before posting releases its key so "Thử lại" can
 * try again. Requests that find a pending key wait for its result.
 */
export class SendKeys extends DurableObject<Env> {
  /** Callers waiting for a pending key's outcome. */
  private readonly waiting = new Map<string, ((begin: Begin) => void)[]>();

  private schema(): void {
    this.ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS send_keys (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        result TEXT,
        created_at INTEGER NOT NULL
      )`,
    );
  }

  private row(key: string): Row | undefined {
    return this.ctx.storage.sql
      .exec<Row>('SELECT fingerprint, state, result, created_at FROM send_keys WHERE key = ?', key)
      .toArray()[0];
  }

  private settle(key: string, result: SendResult): void {
    this.ctx.storage.sql.exec(
      "UPDATE send_keys SET state = 'done', result = ? WHERE key = ?",
      JSON.stringify(result),
      key,
    );
  }

  private async scheduleExpiry(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + KEY_TTL_MS);
    }
  }

  /**
   * Claims `key` for a send of the message `fingerprint`, or tells what happened to it.
   * A pending key is waited for as `pending` says.
   */
  async begin(key: string, fingerprint: string, pending: PendingPolicy): Promise<Begin> {
    this.schema();
    const now = Date.now();
    this.ctx.storage.sql.exec('DELETE FROM send_keys WHERE created_at < ?', now - KEY_TTL_MS);
    const row = this.row(key);
    if (!row) {
      this.ctx.storage.sql.exec(
        "INSERT INTO send_keys (key, fingerprint, state, created_at) VALUES (?, ?, 'pending', ?)",
        key,
        fingerprint,
        now,
      );
      await this.scheduleExpiry();
      return { state: 'new' };
    }
    if (row.fingerprint !== fingerprint) return { state: 'conflict' };
    if (row.state === 'done')
      return { state: 'done', result: JSON.parse(row.result!) as SendResult };
    if (now - row.created_at > pending.staleMs) {
      // Its Worker went away mid-send: nobody can say whether it went out.
      const result = unconfirmedResult();
      this.settle(key, result);
      return { state: 'done', result };
    }
    return new Promise<Begin>((resolve) => {
      const timer = setTimeout(() => done({ state: 'busy' }), pending.waitMs);
      const done = (begin: Begin) => {
        clearTimeout(timer);
        const list = this.waiting.get(key)?.filter((w) => w !== done) ?? [];
        if (list.length > 0) this.waiting.set(key, list);
        else this.waiting.delete(key);
        resolve(begin);
      };
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), done]);
    });
  }

  /**
   * Ends the send of `key` with `result`. `keep` (something may have been posted) stores it
   * for every later retry; otherwise the key is released. Waiting callers get `result`
   * either way: the first send's answer.
   */
  finish(key: string, result: SendResult, keep: boolean): void {
    this.schema();
    if (keep) this.settle(key, result);
    else
      this.ctx.storage.sql.exec("DELETE FROM send_keys WHERE key = ? AND state = 'pending'", key);
    for (const waiter of this.waiting.get(key) ?? []) waiter({ state: 'done', result });
  }

  /** Forgets expired keys; an object left with none deletes its storage. */
  override async alarm(): Promise<void> {
    this.schema();
    const now = Date.now();
    this.ctx.storage.sql.exec('DELETE FROM send_keys WHERE created_at < ?', now - KEY_TTL_MS);
    const oldest = this.ctx.storage.sql
      .exec<{ at: number | null }>('SELECT MIN(created_at) AS at FROM send_keys')
      .one().at;
    if (oldest === null) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(oldest + KEY_TTL_MS);
  }
}
