import { Hono, type Context } from 'hono';
import { ErrorCode, methodNotAllowed, proxyError } from '../errors.js';
import { maxBody } from '../middleware/max-body.js';
import { postToGraph } from '../send/graph.js';
import { sendOnce } from '../send/once.js';
import { callerOf, forgetCaller } from '../send/page-tokens.js';
import {
  MAX_IMAGE_BYTES,
  MAX_JSON_BYTES,
  MULTIPART_OVERHEAD_BYTES,
  bearerOf,
  bodyKind,
  fingerprintOf,
  idempotencyKeyOf,
  readSendInput,
} from '../send/request.js';
import { resultResponse, sendFailure } from '../send/result.js';
import type { ProxyEnv } from '../types.js';

const jsonLimit = maxBody({ maxSize: MAX_JSON_BYTES });
const imageLimit = maxBody({
  maxSize: MAX_IMAGE_BYTES + MULTIPART_OVERHEAD_BYTES,
  message: `Images are limited to 8 MB (${MAX_IMAGE_BYTES} bytes)`,
});

/** Keeps `work` running after the client goes away (workerd cancels a request otherwise). */
function finishEvenIfAbandoned(c: Context<ProxyEnv>, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work.catch(() => {}));
  } catch {
    // `app.request()` in Node tests has no ExecutionContext; the await below still runs it.
  }
}

/**
 * `POST /api/send`: a Messenger reply through Facebook's Send API, as a page the caller's
 * TPOS account holds (see README for the contract). The page token is read from
 * GetAllFacebook with the caller's bearer and never leaves the Worker; the
 * `Idempotency-Key` makes every retry answer the first result instead of posting again.
 */
export const sendRoutes = new Hono<ProxyEnv>()
  .post(
    '/',
    async function sendBodyLimit(c, next) {
      const kind = bodyKind(c.req.header('content-type'));
      return kind === 'json' ? jsonLimit(c, next) : imageLimit(c, next);
    },
    async (c) => {
      const config = c.get('config');
      const bearer = bearerOf(c.req.header('authorization'));
      const key = idempotencyKeyOf(c.req.header('idempotency-key'));
      const input = await readSendInput(c.req.raw, bodyKind(c.req.header('content-type')));
      const caller = await callerOf(config, bearer, AbortSignal.timeout(config.upstreamTimeoutMs));
      if (!caller.pages.has(input.pageId)) {
        throw proxyError(
          403,
          ErrorCode.PageNotAllowed,
          'Your TPOS account cannot send as this page',
        );
      }
      const pageToken = caller.pages.get(input.pageId);
      if (!pageToken) {
        return resultResponse(
          sendFailure(
            422,
            ErrorCode.PageTokenInvalid,
            'TPOS holds no Facebook connection for this page; reconnect the page in TPOS',
          ),
          false,
        );
      }
      const namespace = c.env.SEND_KEYS;
      const work = sendOnce({
        keys: namespace.get(namespace.idFromName(caller.scope)),
        key,
        fingerprint: await fingerprintOf(input),
        timeoutMs: config.upstreamTimeoutMs,
        post: async () => {
          const signal = AbortSignal.timeout(config.upstreamTimeoutMs);
          const outcome = await postToGraph(config, pageToken, input, signal);
          c.set('upstreamStatus', outcome.graphStatus);
          // The page was reconnected or revoked: ask TPOS for its token next time.
          if (outcome.kind === 'refused' && outcome.tokenInvalid) forgetCaller(caller.bearerHash);
          return outcome;
        },
      });
      finishEvenIfAbandoned(c, work);
      const { result, replayed } = await work;
      return resultResponse(result, replayed);
    },
  )
  .all('/', () => methodNotAllowed(['POST']));
