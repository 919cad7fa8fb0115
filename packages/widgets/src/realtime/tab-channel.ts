/**
 * What the tabs of one browser say to each other about their shared connection (see
 * `tab-link.ts`): the name of their channel and lock, and the messages on it. Nothing secret
 * is ever part of either: no token, no password; the user is named by the claims of the
 * access token that say whose it is (not the token itself).
 */
import { LinkMode, type SessionConfig, type SocketStatus } from '../model/index.js';
import {
  ACTION_TYPES,
  EVENT_NAMES,
  type RealtimeAction,
  type RealtimeEventName,
} from './actions.js';
import type { ServerName } from './socket-connection.js';
import { jwtPayload } from '../util/jwt.js';

/** The leading tab's link as the other tabs show it. */
export interface SharedStatus {
  rt: SocketStatus;
  chat: SocketStatus;
  mode: LinkMode;
  polling: boolean;
}

/** One message between tabs; `from` is the sender's random tab id. */
export type TabMessage =
  /** A tab joined: the leader answers with a beat at once. */
  | { t: 'hello'; from: string }
  /** The leader is alive (every `HEARTBEAT_INTERVAL` ms and on every change of its link). */
  | { t: 'beat'; from: string; since: number; hidden: boolean; status: SharedStatus }
  /** One socket event as the leader's socket parsed it (followers have no parser). */
  | {
      t: 'event';
      from: string;
      server: ServerName;
      event: RealtimeEventName;
      action: RealtimeAction;
    }
  /** One page of the conversation list the leader read (raw rows), for the leader's filter. */
  | { t: 'rows'; from: string; filter: string; rows: unknown[] }
  /** A sync of the leader (poll, catch-up) back to `since` finished; `ok`: all up to date. */
  | { t: 'synced'; from: string; since: number | null; ok: boolean }
  /** A tab signed out: the others do too. */
  | { t: 'logout'; from: string };

/** Whether this browser has what sharing needs (Web Locks and `BroadcastChannel`). */
export function canShare(): boolean {
  return (
    typeof BroadcastChannel !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.locks?.request === 'function'
  );
}

/**
 * The name of the channel (and lock) of the tabs that may share one connection: same proxy,
 * tenant, company, user and session name (the origin is implied: channels and locks are per
 * origin). Null when this tab must connect alone: sharing is off or unsupported, or the token
 * does not say whose it is (TPOS's claims `UserId`, `UserName` or at least `DisplayName`).
 */
export function tabChannelName(
  config: SessionConfig,
  token: string | null,
  session: string,
): string | null {
  if (!config.shareConnection || !token || !canShare()) return null;
  const claims = jwtPayload(token);
  const text = (key: string) => {
    const value = claims?.[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const user = text('UserId') || text('UserName') || text('DisplayName');
  if (!user) return null;
  const who = [config.baseUrl, config.tenant, text('TenantId'), text('CompanyId'), user, session];
  return `chatomni-tabs ${JSON.stringify(who)}`;
}

const SERVERS: readonly string[] = ['rt', 'chat'];
const MODES: readonly string[] = Object.values(LinkMode);

function isSocketStatus(value: unknown): value is SocketStatus {
  const s = value as SocketStatus | null;
  return Boolean(s && typeof s.state === 'string' && typeof s.attempt === 'number');
}

function isSharedStatus(value: unknown): value is SharedStatus {
  const s = value as SharedStatus | null;
  return Boolean(
    s &&
    isSocketStatus(s.rt) &&
    isSocketStatus(s.chat) &&
    MODES.includes(s.mode) &&
    typeof s.polling === 'boolean',
  );
}

/**
 * `data` as a {@link TabMessage}, or null when it is not one (another version of the widgets
 * in another tab, say): such messages are dropped.
 */
export function readTabMessage(data: unknown): TabMessage | null {
  const m = data as Record<string, unknown> | null;
  if (!m || typeof m !== 'object' || typeof m.from !== 'string') return null;
  switch (m.t) {
    case 'hello':
    case 'logout':
      return m as TabMessage;
    case 'beat':
      return typeof m.since === 'number' && isSharedStatus(m.status) ? (m as TabMessage) : null;
    case 'event':
      return SERVERS.includes(m.server as string) &&
        (EVENT_NAMES as readonly unknown[]).includes(m.event) &&
        (ACTION_TYPES as readonly unknown[]).includes((m.action as RealtimeAction | null)?.type)
        ? (m as TabMessage)
        : null;
    case 'rows':
      return typeof m.filter === 'string' && Array.isArray(m.rows) ? (m as TabMessage) : null;
    case 'synced':
      return (m.since === null || typeof m.since === 'number') && typeof m.ok === 'boolean'
        ? (m as TabMessage)
        : null;
    default:
      return null;
  }
}
