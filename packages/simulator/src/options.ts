/** Which protocol variant a Socket.IO server speaks (docs/tpos-protocol.md §5). */
export type SimDialect = 'captured' | 'seed';

/** One of the two realtime servers: `rt` stands for rt-2.tpos.app, `chat` for ws.chatomni.tpos.app. */
export type SimServerName = 'rt' | 'chat';

/**
 * Which fields the answers carry. `rich`: everything the widgets could wish for (the demo's
 * default). `recorded`: only what docs/tpos-protocol.md records as captured or used, with
 * the worst case where the record is silent (README, "Profiles").
 */
export type SimProfile = 'rich' | 'recorded';

/**
 * How a realtime server treats a socket whose room is missing, unknown or not its token's
 * tenant: `refuse` answers CONNECT_ERROR "Room or token are not found" (as a bad token);
 * `silent` accepts it and never sends it an event.
 */
export type SimRoomMode = 'refuse' | 'silent';

/** The profiles, for validation. */
export const PROFILES: readonly SimProfile[] = ['rich', 'recorded'];

/** The room modes, for validation. */
export const ROOM_MODES: readonly SimRoomMode[] = ['refuse', 'silent'];

/** A login the simulator accepts on `/token`. */
export interface SimUser {
  username: string;
  password: string;
  /** Tenant host, e.g. `tomato.tpos.vn`; also the realtime room and the JWT `TenantId`. */
  tenant: string;
  /** `DisplayName` claim. Default: a Vietnamese staff name derived from the username. */
  displayName?: string;
}

export interface SimulatorOptions {
  /** Seed of the generated shop data. Default 1. */
  seed?: number;
  /** Conversations generated per tenant, up to 100,000. Default 300. */
  conversations?: number;
  /** Logins. Default `demo`/`demo123` on `tomato.tpos.vn` and `shop2`/`shop2pass` on `cachua.tpos.vn`. */
  users?: SimUser[];
  /** Interface every server listens on. Default `127.0.0.1`. */
  host?: string;
  /** REST port; 0 = a free port. Default 0. */
  restPort?: number;
  /** Port of the `rt` Socket.IO server; 0 = a free port. Default 0. */
  rtPort?: number;
  /** Port of the `chat` Socket.IO server; 0 = a free port. Default 0. */
  chatPort?: number;
  /** Port of the Graph API stand-in (the Messenger Send API); 0 = a free port. Default 0. */
  graphPort?: number;
  /**
   * Live mode: a new customer message or comment every few seconds, now and then an order.
   * `true` = every 2–6 s. Default false.
   */
  live?: boolean | { minMs: number; maxMs: number };
  /** Dialect of each Socket.IO server. Default `captured` for both. */
  dialect?: { rt?: SimDialect; chat?: SimDialect };
  /** Fields of every answer and envelope. Default `rich`. */
  profile?: SimProfile;
  /** Treatment of a missing, unknown or foreign room, on both servers. Default `refuse`. */
  unknownRoom?: SimRoomMode;
  /** Answer CORS for any origin (REST and Socket.IO). Default false. */
  cors?: boolean;
  /** Lifetime of access tokens in seconds. Default 1295999 (15 days, as TPOS). */
  tokenTtlSeconds?: number;
  /** Engine.IO ping interval in ms. Default 25000 (as captured). */
  pingInterval?: number;
  /** Engine.IO ping timeout in ms. Default 60000 (as captured). */
  pingTimeout?: number;
  /** Send this `tposappversion` header on every REST answer. Default: none (TPOS never sent one). */
  tposAppVersion?: string;
  /** Epoch ms the generated history ends at. Default `Date.now()` at start. */
  now?: number;
  /** Receives one line per notable happening. Default silent. */
  log?: (line: string) => void;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  seed: number;
  conversations: number;
  users: Required<SimUser>[];
  host: string;
  restPort: number;
  rtPort: number;
  chatPort: number;
  graphPort: number;
  live: false | { minMs: number; maxMs: number };
  dialect: { rt: SimDialect; chat: SimDialect };
  profile: SimProfile;
  unknownRoom: SimRoomMode;
  cors: boolean;
  tokenTtlSeconds: number;
  pingInterval: number;
  pingTimeout: number;
  tposAppVersion: string | undefined;
  now: number;
  log: (line: string) => void;
}

/** The default logins. */
export const DEFAULT_USERS: readonly SimUser[] = [
  { username: 'demo', password: 'demo123', tenant: 'tomato.tpos.vn', displayName: 'Nguyễn Thu Hà' },
  {
    username: 'shop2',
    password: 'shop2pass',
    tenant: 'cachua.tpos.vn',
    displayName: 'Trần Minh Khôi',
  },
];

/** Most conversations a tenant may be generated with. */
export const MAX_CONVERSATIONS = 100_000;

const LIVE_DEFAULT = { minMs: 2000, maxMs: 6000 };

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], name: string): T {
  if (value === undefined) return allowed[0]!;
  if (!allowed.includes(value))
    throw new Error(`SimulatorOptions.${name} must be one of ${allowed.join(', ')}`);
  return value;
}

function int(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Applies the defaults documented on {@link SimulatorOptions}. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const users = (options.users ?? DEFAULT_USERS).map((u) => ({
    ...u,
    displayName: u.displayName ?? `Nhân viên ${u.username}`,
  }));
  if (users.length === 0) throw new Error('SimulatorOptions.users must not be empty');
  let live: ResolvedOptions['live'] = false;
  if (options.live === true) live = { ...LIVE_DEFAULT };
  else if (typeof options.live === 'object') {
    const minMs = int(options.live.minMs, LIVE_DEFAULT.minMs, 10, 3_600_000);
    live = { minMs, maxMs: int(options.live.maxMs, minMs, minMs, 3_600_000) };
  }
  return {
    seed: int(options.seed, 1, 0, 2 ** 31 - 1),
    conversations: int(options.conversations, 300, 0, MAX_CONVERSATIONS),
    users,
    host: options.host ?? '127.0.0.1',
    restPort: int(options.restPort, 0, 0, 65535),
    rtPort: int(options.rtPort, 0, 0, 65535),
    chatPort: int(options.chatPort, 0, 0, 65535),
    graphPort: int(options.graphPort, 0, 0, 65535),
    live,
    dialect: { rt: options.dialect?.rt ?? 'captured', chat: options.dialect?.chat ?? 'captured' },
    profile: oneOf(options.profile, PROFILES, 'profile'),
    unknownRoom: oneOf(options.unknownRoom, ROOM_MODES, 'unknownRoom'),
    cors: options.cors ?? false,
    tokenTtlSeconds: int(options.tokenTtlSeconds, 1_295_999, 1, 10 * 365 * 86400),
    pingInterval: int(options.pingInterval, 25_000, 10, 3_600_000),
    pingTimeout: int(options.pingTimeout, 60_000, 10, 3_600_000),
    tposAppVersion: options.tposAppVersion,
    now: options.now ?? Date.now(),
    log: options.log ?? (() => {}),
  };
}
