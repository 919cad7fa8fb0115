import { startSimulator } from '@chatomni/simulator';
import { simulatorUpstream, startProxy, type RunningProxy } from '../../test/stack/index.js';
import { median, ms, percentile, ratio } from '../lib/stats.js';
import type { Figure, FigureRow } from '../lib/types.js';
import { startWorkerdProxy } from '../lib/workerd-proxy.js';

const SEARCH = '/api-ms/chatomni/v1/conversations/search';

/** The body the widgets send for a page of the inbox. */
const BODY = JSON.stringify({
  Keyword: null,
  Limit: 50,
  Sort: null,
  Before: null,
  After: null,
  Channels: null,
  Type: 'all',
  HasPhone: null,
  HasAddress: null,
  HasOrder: null,
  IsUnread: null,
  IsUnreplied: null,
  TagIds: [],
  UserIds: [],
  Start: null,
  End: null,
  FromNewToOld: true,
});

async function search(url: string, token: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: BODY,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`conversations/search answered ${res.status}`);
  return performance.now() - started;
}

/** Sequential latencies of `count` requests. */
async function latencies(url: string, token: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await search(url, token));
  return out;
}

/** Requests per second for `count` requests with `concurrency` in flight. */
async function throughput(
  url: string,
  token: string,
  count: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await search(url, token);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

interface Sample {
  direct: number[];
  proxied: number[];
  directRps: number[];
  proxiedRps: number[];
}

/** Direct and proxied requests interleaved in rounds, so drift on the machine hits both. */
async function measure(direct: string, proxied: string, token: string, quick: boolean) {
  const rounds = quick ? 2 : 5;
  const perRound = quick ? 20 : 100;
  const count = quick ? 100 : 400;
  // Warm both paths (JIT, keep-alive connections, the Worker isolate).
  await latencies(direct, token, 10);
  await latencies(proxied, token, 10);
  const s: Sample = { direct: [], proxied: [], directRps: [], proxiedRps: [] };
  for (let round = 0; round < rounds; round++) {
    s.direct.push(...(await latencies(direct, token, perRound)));
    s.proxied.push(...(await latencies(proxied, token, perRound)));
    s.directRps.push(await throughput(direct, token, count, 8));
    s.proxiedRps.push(await throughput(proxied, token, count, 8));
  }
  return s;
}

function rows(label: string, s: Sample, judged: boolean): FigureRow[] {
  const d = median(s.direct);
  const p = median(s.proxied);
  const added = p - d;
  const rps = { direct: median(s.directRps), proxied: median(s.proxiedRps) };
  return [
    {
      figure: `proxy (${label}): added median latency`,
      value: `${ms(added)} (median ${ms(p)} vs ${ms(d)}; p99 ${ms(percentile(s.proxied, 99))} vs ${ms(percentile(s.direct, 99))})`,
      goal: judged ? '≤ 2 ms' : '(information)',
      met: judged ? added <= 2 : null,
      baseline: `direct: ${ms(d)}`,
      ratio: ratio(p, d),
      samples: s.proxied.length,
      raw: {
        directMedianMs: d,
        proxyMedianMs: p,
        directP99Ms: percentile(s.direct, 99),
        proxyP99Ms: percentile(s.proxied, 99),
      },
    },
    {
      figure: `proxy (${label}): throughput ratio, 8 in flight`,
      value: `${ratio(rps.proxied, rps.direct)} (${Math.round(rps.proxied)} vs ${Math.round(rps.direct)} req/s)`,
      goal: judged ? '≥ 0.5' : '(information)',
      met: judged ? rps.proxied / rps.direct >= 0.5 : null,
      baseline: `direct: ${Math.round(rps.direct)} req/s`,
      ratio: ratio(rps.proxied, rps.direct),
      samples: s.proxiedRps.length,
      raw: { directRps: rps.direct, proxyRps: rps.proxied },
    },
  ];
}

/** Proxy overhead on `conversations/search`, through the proxy vs the simulator directly. */
export const proxyFigure: Figure = {
  id: 'proxy',
  method:
    'POST conversations/search (Limit 50) from Node (fetch, keep-alive) to the simulator directly ' +
    'and through the proxy, interleaved in rounds in the same run: sequential requests for median ' +
    'and p99 latency, then 8 in flight for requests/s. Added latency = proxied median − direct ' +
    'median. Judged on the Worker in workerd via Miniflare (one hop, as deployed). For ' +
    'information, the same for a bare Worker that only forwards (what workerd and the hop cost ' +
    'without any proxy code) and through `wrangler dev` (which adds its own dev proxy Worker).',
  async run(ctx) {
    const sim = await startSimulator({ conversations: 300 });
    const started: RunningProxy[] = [];
    try {
      const upstream = simulatorUpstream(sim);
      const token = sim.login('demo').access_token;
      const direct = `${upstream.apiBase}${SEARCH}`;
      const measureWith = async (proxy: RunningProxy) => {
        started.push(proxy);
        try {
          return await measure(direct, `${proxy.url}/api${SEARCH}`, token, ctx.quick);
        } finally {
          started.pop();
          await proxy.close();
        }
      };
      const one = await measureWith(await startWorkerdProxy(upstream));
      const bare = await measureWith(await startWorkerdProxy(upstream, { bare: true }));
      const dev = await measureWith(await startProxy(upstream));
      return [
        ...rows('workerd', one, true),
        ...rows('bare forwarding Worker in workerd', bare, false),
        ...rows('wrangler dev', dev, false),
      ];
    } finally {
      for (const proxy of started) await proxy.close().catch(() => {});
      await sim.close();
    }
  },
};
