import { ErrorCode } from '../errors.js';
import type { GraphOutcome } from './graph.js';
import type { SendKeys } from './keys.js';
import { sendFailure, type SendResult } from './result.js';

/** Extra wait of a retry beyond the first send's Graph deadline, before a 409. */
const DUPLICATE_MARGIN_MS = 2_000;

/** One send under its idempotency key. */
export interface KeyedSend {
  /** The caller's key store. */
  keys: DurableObjectStub<SendKeys>;
  key: string;
  /** What is sent (a reused key with another message is refused). */
  fingerprint: string;
  /** The Graph call's deadline. */
  timeoutMs: number;
  /** Posts to the Send API. */
  post(): Promise<GraphOutcome>;
}

/**
 * Runs `post` at most once per key: a new key posts; a key with a result (or whose first
 * send ends while this one waits) answers that result (`replayed`); a key used for another
 * message is a 422, one still running after the wait a 409. Whatever may have been posted
 * stays under the key; a refusal releases it, so the same key can try again.
 */
export async function sendOnce(
  send: KeyedSend,
): Promise<{ result: SendResult; replayed: boolean }> {
  const { keys, key, timeoutMs } = send;
  // A retry waits as long as the first send's Graph call may take; past twice that (and a
  // minute), a pending key has lost its Worker.
  const begun = await keys.begin(key, send.fingerprint, {
    waitMs: timeoutMs + DUPLICATE_MARGIN_MS,
    staleMs: 2 * timeoutMs + 60_000,
  });
  switch (begun.state) {
    case 'done':
      return { result: begun.result, replayed: true };
    case 'conflict':
      return {
        result: sendFailure(
          422,
          ErrorCode.IdempotencyKeyReused,
          'This Idempotency-Key was used for a different message',
        ),
        replayed: false,
      };
    case 'busy':
      return {
        result: sendFailure(
          409,
          ErrorCode.SendInProgress,
          'A send with this Idempotency-Key is still running',
          1,
        ),
        replayed: false,
      };
  }
  let outcome: GraphOutcome;
  try {
    outcome = await send.post();
  } catch (err) {
    await keys.finish(key, sendFailure(500, ErrorCode.Internal, 'Internal error'), false);
    throw err;
  }
  await keys.finish(key, outcome.result, outcome.kind !== 'refused');
  return { result: outcome.result, replayed: false };
}
