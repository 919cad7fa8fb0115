/** The proxy's settings, parsed once per request from the Worker's `Env` vars. */
export interface ProxyConfig {
  /** Tenant REST origin, e.g. `https://<shop>.tpos.vn` (a bare origin: no path, query or hash). */
  apiBase: URL;
  /** Upstream Socket.IO origins behind `/ws/rt/*` and `/ws/chat/*` (ws/wss). */
  wsTargets: { rt: URL; chat: URL };
  /** Exact browser origins allowed besides the proxy's own, or `'*'` for any (no credentials). */
  allowedOrigins: readonly string[] | '*';
  /** Upstream deadline before a 504; default 15000. */
  upstreamTimeoutMs: number;
  /** `tposappversion` sent until a valid one is learned; default 6.5.11.2. */
  appVersionDefault: string;
  /** Request-body limit before a 413; default 1 MiB. */
  maxBodyBytes: number;
  /** Graph API origin the Send API is called at; default `https://graph.facebook.com`. */
  graphBase: URL;
  /** Graph API version in its paths, e.g. `v25.0`. */
  graphVersion: string;
}

/** Vars the config is read from (a subset of the generated `Env`, all optional for tests). */
export type ProxyVars = Partial<
  Pick<
    Env,
    | 'TPOS_API_BASE'
    | 'TPOS_RT_WS'
    | 'TPOS_CHAT_WS'
    | 'ALLOWED_ORIGINS'
    | 'UPSTREAM_TIMEOUT_MS'
    | 'TPOSAPPVERSION_DEFAULT'
    | 'MAX_BODY_BYTES'
    | 'GRAPH_API_BASE'
    | 'GRAPH_API_VERSION'
  >
>;

/**
 * Defaults used for vars that are missing or empty. `TPOS_API_BASE` has none: a proxy
 * must never send a shop's logins to another shop because a var was forgotten.
 */
export const DEFAULTS = {
  TPOS_RT_WS: 'wss://rt-2.tpos.app',
  TPOS_CHAT_WS: 'wss://ws.chatomni.tpos.app',
  UPSTREAM_TIMEOUT_MS: 15_000,
  TPOSAPPVERSION_DEFAULT: '6.5.11.2',
  MAX_BODY_BYTES: 1_048_576,
  GRAPH_API_BASE: 'https://graph.facebook.com',
  GRAPH_API_VERSION: 'v25.0',
} as const;

/** The `tposappversion` format TPOS uses (PROTOCOL §3). */
export const APP_VERSION_PATTERN = /^\d+\.\d+\.\d+\.\d+$/;

/** Thrown for a misconfigured deployment; the message names the var, never its value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function origin(name: string, value: string, schemes: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${schemes.join(' or ')}`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new ConfigError(`${name} must be a bare origin`);
  }
  return url;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new ConfigError(`${name} must be a positive integer`);
  return n;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Parses and validates the vars; missing or empty ones take {@link DEFAULTS}.
 * @throws ConfigError when `TPOS_API_BASE` is missing or a var is invalid.
 */
export function readConfig(vars: ProxyVars | undefined): ProxyConfig {
  const v = vars ?? {};
  const origins = (v.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const graphVersion = text(v.GRAPH_API_VERSION) ?? DEFAULTS.GRAPH_API_VERSION;
  if (!/^v\d{1,3}\.\d{1,3}$/.test(graphVersion)) {
    throw new ConfigError('GRAPH_API_VERSION must look like v25.0');
  }
  const appVersion = text(v.TPOSAPPVERSION_DEFAULT) ?? DEFAULTS.TPOSAPPVERSION_DEFAULT;
  if (!APP_VERSION_PATTERN.test(appVersion)) {
    throw new ConfigError('TPOSAPPVERSION_DEFAULT must look like 1.2.3.4');
  }
  const apiBase = text(v.TPOS_API_BASE);
  if (apiBase === undefined) throw new ConfigError('TPOS_API_BASE is not set');
  return {
    apiBase: origin('TPOS_API_BASE', apiBase, ['https:', 'http:']),
    wsTargets: {
      rt: origin('TPOS_RT_WS', text(v.TPOS_RT_WS) ?? DEFAULTS.TPOS_RT_WS, ['wss:', 'ws:']),
      chat: origin('TPOS_CHAT_WS', text(v.TPOS_CHAT_WS) ?? DEFAULTS.TPOS_CHAT_WS, ['wss:', 'ws:']),
    },
    allowedOrigins: origins.includes('*') ? '*' : origins,
    upstreamTimeoutMs: positiveInt(
      'UPSTREAM_TIMEOUT_MS',
      v.UPSTREAM_TIMEOUT_MS,
      DEFAULTS.UPSTREAM_TIMEOUT_MS,
    ),
    appVersionDefault: appVersion,
    maxBodyBytes: positiveInt('MAX_BODY_BYTES', v.MAX_BODY_BYTES, DEFAULTS.MAX_BODY_BYTES),
    graphBase: origin('GRAPH_API_BASE', text(v.GRAPH_API_BASE) ?? DEFAULTS.GRAPH_API_BASE, [
      'https:',
      'http:',
    ]),
    graphVersion,
  };
}
