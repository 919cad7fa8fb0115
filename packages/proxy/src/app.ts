import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { ConfigError } from './config.js';
import { ErrorCode, errorResponse } from './errors.js';
import { loadConfig } from './middleware/config.js';
import { corsPolicy } from './middleware/cors.js';
import { safeRequestUrl } from './middleware/safe-request-url.js';
import { requestLog } from './middleware/request-log.js';
import { apiRoutes } from './routes/api.js';
import { healthRoutes } from './routes/health.js';
import { wsRoutes } from './routes/ws.js';
import type { ProxyEnv } from './types.js';

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return ErrorCode.NotFound;
  if (status === 405) return ErrorCode.MethodNotAllowed;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 504) return ErrorCode.GatewayTimeout;
  if (status === 502) return ErrorCode.BadGateway;
  return status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal;
}

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Where request log lines go; default `console.log`. */
  log?: (line: string) => void;
}

/**
 * Builds the proxy: `POST /api/token`, allowlisted `/api/*`, `/ws/rt/*` and `/ws/chat/*`
 * WebSocket pass-through and `GET /health`; everything else is a JSON 404 (static files
 * are served by Workers assets before the Worker runs).
 */
export function createApp(options: AppOptions = {}): Hono<ProxyEnv> {
  const print = options.log ?? ((line: string) => console.log(line));
  const app = new Hono<ProxyEnv>();

  app.use(requestId());
  app.use(requestLog({ print }));
  app.use(
    secureHeaders({
      // Only JSON (and WebSocket upgrades) comes from the Worker: nothing to load, nothing
      // to frame. The headers that only mean something for HTML documents or old plugins
      // are left out: each is a Headers call on every response, for no effect on JSON.
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      // Upstream `X-Powered-By` is dropped with the other upstream-only headers (headers.ts).
      removePoweredBy: false,
    }),
  );
  app.use(loadConfig());
  app.use(corsPolicy());
  app.use('/api/*', safeRequestUrl());
  app.use('/ws/*', safeRequestUrl());

  app.route('/api', apiRoutes);
  app.route('/ws', wsRoutes);
  app.route('/health', healthRoutes);

  app.notFound(() => errorResponse(404, ErrorCode.NotFound, 'Not found'));
  app.onError((err) => {
    if (err instanceof HTTPException) {
      if (err.res) return err.getResponse();
      // Hono's own exceptions carry a text body; answer with the envelope instead.
      return errorResponse(err.status, codeForStatus(err.status), 'Request refused');
    }
    // requestLog() logs what went wrong (c.error) on the request's one line.
    if (err instanceof ConfigError) return errorResponse(500, ErrorCode.Misconfigured, err.message);
    return errorResponse(500, ErrorCode.Internal, 'Internal error');
  });
  return app;
}

/** The Worker's app, logging to `console.log`. */
export const app = createApp();
