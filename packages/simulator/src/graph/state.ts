/** What the Graph stand-in remembers: faults to apply, sends received, private replies, media. */
import type { GraphErrorSpec } from './errors.js';

/** One rule of `POST /__sim/graph/fail`. */
export interface GraphFault {
  /** Sends left to apply it to. */
  remaining: number;
  /** Only sends as this page. Default: any page. */
  pageId?: string;
  /** Wait this long first. */
  delayMs: number;
  /** Never answer (the caller times out). */
  hang: boolean;
  /** With `hang`: post the message (and its echo) before going silent, as a lost answer. */
  afterSend: boolean;
  /** Answer this Graph error instead of sending. Without it (and without `hang`) the send
   *  succeeds after `delayMs`: a slow success. */
  error?: GraphErrorSpec;
}

/** One request to `/<version>/<page>/messages`, for `GET /__sim/graph/sends`. */
export interface SendRecord {
  /** ISO time received. */
  at: string;
  /** The page named in the path (`me` resolved to the token's page when known). */
  pageId: string;
  recipient: { id?: string; comment_id?: string };
  kind: 'text' | 'image' | 'private-reply' | 'unknown';
  /** The text sent, when it was text. */
  text?: string;
  outcome: 'sent' | 'error' | 'hung';
  messageId?: string;
  error?: { code: number; subcode?: number };
  /** The page token came in the query string (the proxy must never do that). */
  tokenInUrl: boolean;
  /** How the token was sent. */
  tokenIn: 'header' | 'query' | 'body' | 'none';
}

/** Counters of `GET /__sim/graph/sends`. */
export interface SendCounters {
  /** Requests to the messages endpoint. */
  received: number;
  /** Messages posted (echo emitted). */
  succeeded: number;
  /** Answered with a Graph error. */
  failed: number;
  /** Left unanswered by a `hang` fault. */
  hung: number;
}

/** Kept sends in the log. */
const SEND_LOG_SIZE = 1000;
/** Uploaded images kept for `GET /media/<id>`, oldest dropped first. */
const MEDIA_BUDGET_BYTES = 64 * 1024 * 1024;

/** Default per-page rate limit: generous enough for benchmarks, reachable by tests. */
export const DEFAULT_RATE_LIMIT = { sends: 600, perMs: 60_000 };

export class GraphState {
  /** `http://host:port` of the Graph port, set once it listens (for media links). */
  baseUrl = '';
  faults: GraphFault[] = [];
  readonly sends: SendRecord[] = [];
  readonly counters: SendCounters = { received: 0, succeeded: 0, failed: 0, hung: 0 };
  /** Facebook ids of comments that got their one private reply. */
  readonly privateReplies = new Set<string>();
  rateLimit = { ...DEFAULT_RATE_LIMIT };
  private readonly recent = new Map<string, number[]>();
  private readonly media = new Map<string, { type: string; bytes: Buffer }>();
  private mediaBytes = 0;
  private mediaCounter = 0;

  /** Takes one use of the first fault for `pageId`, if any. */
  takeFault(pageId: string): GraphFault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.pageId || f.pageId === pageId));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  get pendingFaults(): number {
    return this.faults.reduce((n, f) => n + f.remaining, 0);
  }

  /**
   * Counts a send of `pageId` against the rate limit. Returns 0 when allowed, else the
   * milliseconds until the oldest send in the window leaves it.
   */
  throttle(pageId: string, now: number): number {
    const { sends, perMs } = this.rateLimit;
    const times = (this.recent.get(pageId) ?? []).filter((t) => t > now - perMs);
    if (times.length >= sends) {
      this.recent.set(pageId, times);
      return times[0]! + perMs - now;
    }
    times.push(now);
    this.recent.set(pageId, times);
    return 0;
  }

  record(send: SendRecord): void {
    this.sends.push(send);
    if (this.sends.length > SEND_LOG_SIZE) this.sends.splice(0, this.sends.length - SEND_LOG_SIZE);
    this.counters.received += 1;
    if (send.outcome === 'sent') this.counters.succeeded += 1;
    else if (send.outcome === 'error') this.counters.failed += 1;
    else this.counters.hung += 1;
  }

  /** Zeroes the counters, the send log and the rate-limit windows (not private replies). */
  reset(): void {
    this.sends.length = 0;
    Object.assign(this.counters, { received: 0, succeeded: 0, failed: 0, hung: 0 });
    this.recent.clear();
  }

  /** Keeps an uploaded image; returns its id for `GET /media/<id>`. */
  addMedia(type: string, bytes: Buffer): string {
    const id = `${Date.now().toString(36)}${(this.mediaCounter++).toString(36)}`;
    this.media.set(id, { type, bytes });
    this.mediaBytes += bytes.byteLength;
    for (const [old, item] of this.media) {
      if (this.mediaBytes <= MEDIA_BUDGET_BYTES || old === id) break;
      this.media.delete(old);
      this.mediaBytes -= item.bytes.byteLength;
    }
    return id;
  }

  getMedia(id: string): { type: string; bytes: Buffer } | undefined {
    return this.media.get(id);
  }
}
