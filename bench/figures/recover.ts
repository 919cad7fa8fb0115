import type { Page } from 'playwright-core';
import { openDemo, simControl, waitUntil, type E2EStack } from '../../test/stack/index.js';
import { median } from '../lib/stats.js';
import type { BenchContext, Figure, FigureRow } from '../lib/types.js';

/** The session defaults this figure measures (session/config.ts). */
const DEFAULTS = { pollInterval: 10_000, reconnectDelay: 1000, slowReconnectDelay: 15_000 };

/** One row: an outage of `seconds` (upstream time), run with every timer divided by `scale`. */
interface Plan {
  label: string;
  seconds: number;
  scale: number;
  /** Outages run, their lengths spread over one poll interval (the poll's phase). */
  outages: number;
}

/**
 * The upstream (REST and both socket servers) comes back after an outage → each session shows
 * ⚡ Realtime again.
 */
export const recoverFigure: Figure = {
  id: 'recover',
  method:
    'N sessions (10; 5 with --quick) in the demo page, through the proxy in workerd, with the ' +
    'default timers (polls 10 s, reconnection 1 s doubling to 15 s). The simulator takes the ' +
    'whole upstream down (`/__sim/outage`: REST 503, sockets dropped and refused) for the ' +
    'outage, then up again; each sample is the time from just before that call (Node clock) to ' +
    "the session's mode turning realtime (page clock, same machine). Outages are spread over " +
    'one poll interval (30, 33.3, 36.7 s; 180, 185 s), because the poll that finds the upstream ' +
    'back is what reconnects. Real time (about 9 minutes). --quick measures the 30 s outage ' +
    'once, scaling every timer and the outage by 1/10 and multiplying the result by 10, which ' +
    "also multiplies the fixed latencies (network, Chromium's delay of failed WebSockets) by " +
    '10: it overstates, and is not judged.',
  async run(ctx) {
    const stack = await ctx.stack();
    // --quick (npm test) proves the figure works: one short outage.
    const plans: Plan[] = ctx.quick
      ? [{ label: '30 s', seconds: 30, scale: 10, outages: 1 }]
      : [
          { label: '30 s', seconds: 30, scale: 1, outages: 3 },
          { label: '3 min', seconds: 180, scale: 1, outages: 2 },
        ];
    const rows: FigureRow[] = [];
    for (const plan of plans) rows.push(await measure(ctx, stack, plan));
    return rows;
  },
};

async function measure(ctx: BenchContext, stack: E2EStack, plan: Plan): Promise<FigureRow> {
  const count = ctx.quick ? 5 : 10;
  const timers = Object.fromEntries(
    Object.entries(DEFAULTS).map(([key, value]) => [key, value / plan.scale]),
  );
  const demo = await openDemo(stack.browser, stack.proxy.url);
  const samples: number[] = [];
  try {
    await startSessions(demo.page, count, timers, await accessToken(stack));
    for (let k = 0; k < plan.outages; k++) {
      const outage = plan.seconds * 1000 + (k * DEFAULTS.pollInterval) / plan.outages;
      await waitUntil(() => allUp(demo.page), 'every socket up', { timeout: 60_000 });
      await simControl(stack.sim, 'outage', { seconds: 3600 });
      await waitUntil(async () => !(await anyRealtime(demo.page)), 'the outage seen', {
        timeout: 30_000,
      }).catch(async (error: Error) => {
        const c = await simControl<{ sockets: Record<string, { connected: number }> }>(
          stack.sim,
          'counters',
        );
        const states = await demo.page.evaluate(() =>
          (
            window as unknown as { recover: { sessions: { status: Record<string, unknown> }[] } }
          ).recover.sessions.map((s) => JSON.stringify(s.status)),
        );
        throw new Error(
          `${error.message}; connected ${c.sockets.rt!.connected}+${c.sockets.chat!.connected}: ${states.join(' ')}`,
        );
      });
      ctx.log(`recover: ${plan.label} outage ${k + 1}/${plan.outages} (${outage / 1000} s)`);
      await new Promise((resolve) => setTimeout(resolve, outage / plan.scale));
      await demo.page.evaluate(() => {
        (window as unknown as { recover: { at: (number | null)[] } }).recover.at.fill(null);
      });
      const t0 = Date.now();
      await simControl(stack.sim, 'outage', { seconds: 0 });
      const at = await waitUntil(
        () =>
          demo.page.evaluate(() => {
            const { at } = (window as unknown as { recover: { at: (number | null)[] } }).recover;
            return at.every((t) => t !== null) ? (at as number[]) : null;
          }),
        'every session realtime again',
        { timeout: 120_000 },
      );
      samples.push(...at.map((t) => (t - t0) * plan.scale));
    }
  } finally {
    await simControl(stack.sim, 'outage', { seconds: 0 }).catch(() => {});
    await demo.close();
  }
  const mid = median(samples);
  const worst = Math.max(...samples);
  const how = plan.scale === 1 ? 'real time' : `time ÷${plan.scale}, ×${plan.scale}`;
  return {
    figure: `upstream back after a ${plan.label} outage → ⚡ Realtime (median, worst; ${how})`,
    value: `${seconds(mid)}, worst ${seconds(worst)}`,
    goal: 'median ≤ 5 s, worst ≤ 15 s',
    met: mid <= 5000 && worst <= 15_000,
    samples: samples.length,
    raw: { samples, scale: plan.scale, outageSeconds: plan.seconds, sessions: count },
  };
}

function seconds(msValue: number): string {
  return `${(msValue / 1000).toFixed(1)} s`;
}

/**
 * An access token from the simulator's `/token` (not through the proxy, whose login rate limit
 * is not what this figure measures).
 */
async function accessToken(stack: E2EStack): Promise<string> {
  const res = await fetch(`${stack.sim.restUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'tmtWebApp',
      grant_type: 'password',
      username: 'demo',
      password: 'demo123',
      scope: 'profile',
    }),
  });
  if (!res.ok) throw new Error(`/token answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * `count` sessions of their own in the page (the bundle's `getSession`), with `token`, each
 * recording in `window.recover.at[i]` when its mode turns realtime after the slot was cleared.
 */
async function startSessions(
  page: Page,
  count: number,
  timers: Record<string, number>,
  token: string,
): Promise<void> {
  await page.evaluate(
    async ({ count, timers, token }) => {
      type Session = EventTarget & {
        status: { mode: string };
        setToken(token: string): void;
      };
      const url = new URL('widgets/chatomni-widgets.js', location.href).href;
      const { getSession } = (await import(url)) as {
        getSession(name: string, config: Record<string, unknown>): Session;
      };
      const at: (number | null)[] = Array.from({ length: count }, () => null);
      const sessions = Array.from({ length: count }, (_, i) => {
        const s = getSession(`recover-${Date.now()}-${i}`, { ...timers });
        s.addEventListener('change', () => {
          if (s.status.mode === 'realtime' && at[i] === null) at[i] = Date.now();
        });
        return s;
      });
      (window as unknown as { recover: unknown }).recover = { at, sessions };
      for (const s of sessions) s.setToken(token);
    },
    { count, timers, token },
  );
}

interface View {
  mode: string;
  rt: { state: string };
  chat: { state: string };
}

function views(page: Page): Promise<View[]> {
  return page.evaluate(() =>
    (window as unknown as { recover: { sessions: { status: View }[] } }).recover.sessions.map(
      ({ status }) => ({ mode: status.mode, rt: status.rt, chat: status.chat }),
    ),
  );
}

/** Every session with both sockets up (a clean start: no connection under way). */
async function allUp(page: Page): Promise<boolean> {
  return (await views(page)).every(
    (v) => v.rt.state === 'connected' && v.chat.state === 'connected',
  );
}

async function anyRealtime(page: Page): Promise<boolean> {
  return (await views(page)).some((v) => v.mode === 'realtime');
}
