import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ErrorCode, errorAnswer, errorResponse } from './errors.js';
import { answerHeaders, SECURE_HEADERS } from './middleware/answer-headers.js';
import { loadConfig } from './middleware/config.js';
import { corsPolicy } from './middleware/cors.js';
import { safeRequestUrl } from './middleware/safe-request-url.js';
import { requestLog } from './middleware/request-log.js';
import { apiRoutes } from './routes/api.js';
import { healthRoutes } from './routes/health.js';
import { wsRoutes } from './routes/ws.js';
import { passThrough } from './pass-through.js';
import type { ProxyEnv } from './types.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Where request log lines go; default `console.log`. */
  log?: (line: string) => void;
  /**
   * Answer plain `/api/*` pass-through requests before the app's chain (pass-through.ts);
   * default true. False runs every request through the chain, for tests that compare both.
   */
  passThrough?: boolean;
}

/**
 * Builds the proxy: `POST /api/token`, allowlisted `/api/*`, `/ws/rt/*` and `/ws/chat/*`
 * WebSocket pass-through and `GET /health`; everything else is a JSON 404 (static files
 * are served by Workers assets before the Worker runs).
 */
export function createApp(options: AppOptions = {}): Hono<ProxyEnv> {
  const print = options.log ?? ((line: string) => console.log(line));
  const app = new Hono<ProxyEnv>();

  app.use(requestLog({ print }));
  // Security headers (which ones, and why: SECURE_HEADERS), then X-Request-Id and CORS.
  app.use(secureHeaders(SECURE_HEADERS));
  app.use(answerHeaders());
  app.use(loadConfig());
  app.use(corsPolicy());
  app.use('/api/*', safeRequestUrl());
  app.use('/ws/*', safeRequestUrl());

  app.route('/api', apiRoutes);
  app.route('/ws', wsRoutes);
  app.route('/health', healthRoutes);

  app.notFound(() => errorResponse(404, ErrorCode.NotFound, 'Not found'));
  // requestLog() logs what went wrong (c.error) on the request's one line.
  app.onError((err) => errorAnswer(err));
  if (options.passThrough ?? true) {
    // The hot path first: a plain pass-through does not need the chain above (a third of
    // the proxy's own time per request in workerd), and anything else is left to it.
    // `app.request()` calls `fetch` too, so tests go the same way.
    const dispatch = app.fetch;
    app.fetch = (request, env, ctx) =>
      passThrough(request, env, print) ?? dispatch(request, env, ctx);
  }
  return app;
}

/** The Worker's app, logging to `console.log`. */
export const app = createApp();
