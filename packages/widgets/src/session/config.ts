/** Session configuration: defaults and the resolution of a partial configuration. */
import type { SessionConfig } from '../model/index.js';
import { trimTrailingSlash } from '../util/url.js';

/**
 * Defaults of every session: `baseUrl` is the page's origin, the realtime URLs are the proxy's
 * `<baseUrl>/ws/rt` and `<baseUrl>/ws/chat` pass-through, no tenant (the room is the token's
 * `TenantId`), polling every 10 s, lists of 50 then 200 then 2000 conversations, reconnection
 * from 1 s doubling up to 15 s (docs/tpos-protocol.md §7.10), a refused room retried every 2–4
 * minutes, REST requests given 15 s and sends 30 s, the connection shared with the browser's
 * other tabs.
 */
export function defaultConfig(): SessionConfig {
  const origin =
    typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : '';
  return {
    baseUrl: origin,
    tenant: '',
    rtUrl: '',
    chatUrl: '',
    socketPath: '/socket.io',
    rtDialect: 'captured',
    chatDialect: 'captured',
    channels: [],
    pollInterval: 10_000,
    auto: false,
    pageSize: 50,
    listLimits: [200, 2000],
    maxListLimit: 2000,
    hiddenCommentStatus: 2,
    dedupeWindow: 5000,
    roomRetryDelay: 120_000,
    realtimeCheckInterval: 60_000,
    debug: false,
    reconnectDelay: 1000,
    slowReconnectDelay: 15_000,
    requestTimeout: 15_000,
    sendTimeout: 30_000,
    shareConnection: true,
  };
}

/** Defaults + `overrides` (undefined values ignored), URLs derived, numbers clamped; frozen. */
export function resolveConfig(overrides: Partial<SessionConfig>): SessionConfig {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<SessionConfig>;
  const config = { ...defaultConfig(), ...defined };
  config.baseUrl = trimTrailingSlash(config.baseUrl);
  config.rtUrl ||= `${config.baseUrl}/ws/rt`;
  config.chatUrl ||= `${config.baseUrl}/ws/chat`;
  config.channels = [...config.channels];
  config.tenant = config.tenant.trim();
  config.pollInterval = Math.max(100, config.pollInterval);
  config.maxListLimit = Math.min(5000, Math.max(1, Math.floor(config.maxListLimit)));
  config.pageSize = Math.min(config.maxListLimit, Math.max(1, Math.floor(config.pageSize)));
  config.listLimits = config.listLimits
    .map((n) => Math.min(config.maxListLimit, Math.floor(n)))
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  config.dedupeWindow = Math.max(0, config.dedupeWindow);
  config.roomRetryDelay = Math.max(100, config.roomRetryDelay);
  config.realtimeCheckInterval = Math.max(100, config.realtimeCheckInterval);
  config.reconnectDelay = Math.max(10, config.reconnectDelay);
  config.slowReconnectDelay = Math.max(config.reconnectDelay, config.slowReconnectDelay);
  config.requestTimeout = Math.max(100, config.requestTimeout);
  config.sendTimeout = Math.max(100, config.sendTimeout);
  return Object.freeze(config);
}

/** Names of the fields whose change needs new sockets. */
export const CONNECTION_KEYS: readonly (keyof SessionConfig)[] = [
  'baseUrl',
  'tenant',
  'rtUrl',
  'chatUrl',
  'socketPath',
  'rtDialect',
  'chatDialect',
  'reconnectDelay',
  'slowReconnectDelay',
  'roomRetryDelay',
  'shareConnection',
];

/** True when any of `keys` differs between the two configurations. */
export function configChanged(
  before: SessionConfig,
  after: SessionConfig,
  keys: readonly (keyof SessionConfig)[],
): boolean {
  return keys.some((key) => String(before[key]) !== String(after[key]));
}
