/**
 * Starts and stops a whole simulated TPOS: REST port, two Socket.IO servers, live mode, and
 * the Graph API stand-in that plays Facebook's Send API.
 */
import type { AddressInfo } from 'node:net';
import { Auth, type TokenAnswer } from './auth.js';
import type { SimContext } from './context.js';
import { controlRoutes } from './control.js';
import { Store } from './data/store.js';
import { emit, type EmitInput, type EmitResult } from './emit.js';
import { Faults } from './faults.js';
import { graphControlRoutes } from './graph/control.js';
import { createGraphServer } from './graph/server.js';
import { GraphState } from './graph/state.js';
import { Live } from './live.js';
import { resolveOptions, type SimProfile, type SimulatorOptions } from './options.js';
import { chatomniRoutes } from './rest/chatomni.js';
import { commentActionRoutes } from './rest/comment-actions.js';
import { orderRoutes } from './rest/orders.js';
import { createRestServer } from './rest/server.js';
import { tokenRoutes } from './rest/token.js';
import { tposRoutes } from './rest/tpos.js';
import { RealtimeServer } from './sockets.js';
import { Tally } from './tally.js';

export interface RunningSimulator {
  restPort: number;
  rtPort: number;
  chatPort: number;
  /** `http://127.0.0.1:<restPort>` */
  restUrl: string;
  /** `http://127.0.0.1:<rtPort>`: connect `io(rtUrl + '/chatomni', ...)`. */
  rtUrl: string;
  chatUrl: string;
  /** Port of the Graph API stand-in (the Messenger Send API). */
  graphPort: number;
  /** `http://127.0.0.1:<graphPort>`: the proxy's `GRAPH_API_BASE`. */
  graphUrl: string;
  /** Tenant hosts, in the order of the users option. */
  tenants: string[];
  /** The profile it answers in. */
  profile: SimProfile;
  /** Same as `POST /__sim/emit`, in process. */
  emit(input?: EmitInput): EmitResult;
  /** A fresh token answer for a configured user, without the password (for tests). */
  login(username: string): TokenAnswer;
  /** Stops every server and timer and closes every connection. */
  close(): Promise<void>;
}

/** Starts a simulator; see {@link SimulatorOptions} for the defaults. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const opts = resolveOptions(options);
  const store = new Store({
    seed: opts.seed,
    conversations: opts.conversations,
    now: opts.now,
    users: opts.users,
  });
  const userIds = new Map<string, string>();
  for (const tenant of store.tenants.values()) {
    for (const s of tenant.staff) if (!userIds.has(s.UserName)) userIds.set(s.UserName, s.Id);
  }
  const auth = new Auth(opts.users, opts.tokenTtlSeconds, userIds, opts.profile);
  const realtime = (name: 'rt' | 'chat') =>
    new RealtimeServer(auth, {
      name,
      dialect: opts.dialect[name],
      pingInterval: opts.pingInterval,
      pingTimeout: opts.pingTimeout,
      cors: opts.cors,
      unknownRoom: opts.unknownRoom,
      log: opts.log,
    });
  const ctx: SimContext = {
    opts,
    store,
    auth,
    faults: new Faults(),
    servers: { rt: realtime('rt'), chat: realtime('chat') },
    rest: { total: 0, byRoute: new Map() },
    tokens: new Tally(['password', 'refresh', 'failed']),
    countersSince: Date.now(),
    requests: [],
    timers: new Set(),
  };
  const live = new Live(ctx);
  const graphState = new GraphState();
  const graph = createGraphServer(ctx, graphState);
  const rest = createRestServer(
    ctx,
    [
      ...tokenRoutes(ctx),
      ...chatomniRoutes(ctx),
      ...tposRoutes(ctx),
      ...orderRoutes(ctx),
      ...commentActionRoutes(ctx),
    ],
    [...controlRoutes(ctx, live), ...graphControlRoutes(graphState)],
  );
  const close = async () => {
    live.stop();
    for (const t of ctx.timers) clearTimeout(t);
    ctx.timers.clear();
    rest.closeAllConnections();
    graph.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => rest.close(() => resolve())),
      new Promise<void>((resolve) => graph.close(() => resolve())),
      ctx.servers.rt.close(),
      ctx.servers.chat.close(),
    ]);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      rest.once('error', reject);
      rest.listen(opts.restPort, opts.host, () => resolve());
    });
    const restPort = (rest.address() as AddressInfo).port;
    const rtPort = await ctx.servers.rt.listen(opts.rtPort, opts.host);
    const chatPort = await ctx.servers.chat.listen(opts.chatPort, opts.host);
    await new Promise<void>((resolve, reject) => {
      graph.once('error', reject);
      graph.listen(opts.graphPort, opts.host, () => resolve());
    });
    const graphPort = (graph.address() as AddressInfo).port;
    if (opts.live) live.start(opts.live);
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    graphState.baseUrl = `http://${host}:${graphPort}`;
    opts.log(`[sim] rest :${restPort} rt :${rtPort} chat :${chatPort} graph :${graphPort}`);
    return {
      restPort,
      rtPort,
      chatPort,
      restUrl: `http://${host}:${restPort}`,
      rtUrl: `http://${host}:${rtPort}`,
      chatUrl: `http://${host}:${chatPort}`,
      graphPort,
      graphUrl: graphState.baseUrl,
      tenants: [...store.tenants.keys()],
      profile: opts.profile,
      emit: (input = {}) => emit(ctx, input),
      login: (username) => auth.issueFor(username),
      close,
    };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}
