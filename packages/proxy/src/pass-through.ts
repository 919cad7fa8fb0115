import type { ProxyConfig, ProxyVars } from './config.js';
import { errorAnswer } from './errors.js';
import { addProxyHeaders, securityHeaders } from './middleware/answer-headers.js';
import { configOf } from './middleware/config.js';
import { allowsOrigin, corsAnswer } from './middleware/cors.js';
import { describeError, logLine, requestIdOf } from './middleware/request-log.js';
import { hasCredentialParam } from './middleware/safe-request-url.js';
import { urlParts } from './request-url.js';
import { OWN_PATHS, PREFIX } from './routes/api.js';
import { findRule, unsafePathReason } from './upstream/allowlist.js';
import { apiRequest, forward } from './upstream/forward.js';

/** The route pattern the request log names for a pass-through (that of the app's route). */
const ROUTE = `${PREFIX}/*`;

/**
 * Whether a request body may go upstream as it streams: it has a `Content-Length` within
 * `limit` and no `Transfer-Encoding`, which is when `maxBody()` lets it through untouched.
 */
function lengthWithin(headers: Headers, limit: number): boolean {
  const length = headers.get('content-length');
  if (length === null || headers.has('transfer-encoding')) return false;
  return !(parseInt(length || '0', 10) > limit);
}

/**
 * The Worker's hot path, in front of the Hono app: an `/api/*` request for an allowlisted
 * path and method that every guard of the app lets through (origin, URL, body size) is
 * forwarded here as the app's `/api/*` route forwards it, and answered with the same status,
 * body, headers and log line, without the app's router and middleware chain: in workerd,
 * in the proxy figure (bench/), that chain was about a third of the proxy's own time.
 *
 * Anything else gets `undefined`, and the app answers it as it always has, since nothing has
 * been done for it yet: a preflight or another method, a refused origin, an unsafe URL, a
 * path not allowlisted or one the proxy answers itself (token, send), an answer with
 * secrets, a body without a length or over the limit, a misconfigured Worker.
 *
 * @param print - Where the request's log line goes (the app's `log` option).
 */
export function passThrough(
  request: Request,
  env: ProxyVars | undefined,
  print: (line: string) => void,
): Promise<Response> | undefined {
  const started = Date.now();
  const { origin: own, path, search } = urlParts(request.url);
  if (!path.startsWith(`${PREFIX}/`) || OWN_PATHS.test(path)) return undefined;
  const rule = findRule(path.slice(PREFIX.length));
  const method = request.method;
  if (!rule || rule.stripSecrets || !(rule.methods as readonly string[]).includes(method)) {
    return undefined;
  }
  if (unsafePathReason(path) !== undefined || hasCredentialParam(search)) return undefined;
  let config: ProxyConfig;
  try {
    config = configOf(env);
  } catch {
    return undefined;
  }
  const headers = request.headers;
  const origin = headers.get('origin') ?? undefined;
  if (origin !== undefined && !allowsOrigin(config, origin, own)) return undefined;
  const body = method === 'GET' ? null : request.body;
  if (body && !lengthWithin(headers, config.maxBodyBytes)) return undefined;
  return passOn(request, config, `${path.slice(PREFIX.length)}${search}`, body, {
    requestId: requestIdOf(headers.get('x-request-id')),
    origin,
    started,
    print,
  });
}

/** What the answer and the log line of one request need besides the request. */
interface Pass {
  requestId: string;
  origin: string | undefined;
  started: number;
  print: (line: string) => void;
}

/** Forwards a request `passThrough()` took, and answers and logs it as the app would. */
async function passOn(
  request: Request,
  config: ProxyConfig,
  upstreamPath: string,
  body: ReadableStream | null,
  { requestId, origin, started, print }: Pass,
): Promise<Response> {
  let upstreamStatus: number | undefined;
  let answer: Response;
  let failure: Error | undefined;
  try {
    // The deadline of `upstreamDeadline()`, which the app's route runs under.
    const signal = AbortSignal.timeout(config.upstreamTimeoutMs);
    answer = await forward(apiRequest(config, request, upstreamPath, body, signal));
    upstreamStatus = answer.status;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    answer = errorAnswer(failure);
  }
  const headers = answer.headers;
  for (const [name, value] of await securityHeaders()) headers.set(name, value);
  addProxyHeaders(headers, requestId, corsAnswer(config, origin, false));
  print(
    logLine({
      requestId,
      method: request.method,
      route: ROUTE,
      status: answer.status,
      upstreamStatus,
      durationMs: Date.now() - started,
      error: describeError(failure),
    }),
  );
  return answer;
}
