/**
 * The login rate limit in real workerd (wrangler runs Cloudflare's rate limiting binding
 * locally, with the limits of wrangler.toml) against the real simulator.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { unstable_readConfig } from 'wrangler';
import type { WranglerConfig } from '../scripts/deploy-check.js';
import { captureOutput, type OutputCapture } from './support/capture.js';
import { json } from './support/env.js';
import { ROOT } from './support/site.js';
import { startProxy, type RunningProxy } from './support/worker.js';

let sim: RunningSimulator;
let proxy: RunningProxy;
let output: OutputCapture;
/** Client IPs used so far: every attempt of a test starts from fresh counters. */
let nextIp = 1;

/** The dev environment's limits, as wrangler.toml declares them. */
function limitOf(name: string): number {
  const config: WranglerConfig = unstable_readConfig(
    { config: join(ROOT, 'wrangler.toml'), env: 'dev' },
    { hideWarnings: true },
  );
  const binding = config.ratelimits.find((entry) => entry.name === name);
  assert.ok(binding, `${name} is declared in [env.dev]`);
  assert.equal(binding.simple.period, 60);
  return binding.simple.limit;
}
const PER_USER = limitOf('TOKEN_LIMIT_USER');
const PER_IP = limitOf('TOKEN_LIMIT_IP');

before(async () => {
  output = captureOutput();
  sim = await startSimulator({ conversations: 5 });
  proxy = await startProxy({
    TPOS_API_BASE: new URL(sim.restUrl).origin,
    TPOS_RT_WS: 'ws://127.0.0.1:9',
    TPOS_CHAT_WS: 'ws://127.0.0.1:9',
  });
});
after(async () => {
  await proxy?.dispose();
  await sim?.close();
  output?.stop();
});

/** A password grant from `ip` (Cloudflare sets CF-Connecting-IP; wrangler dev keeps ours). */
async function attempt(ip: string, username: string, password = 'wrong-password') {
  const res = await fetch(`${proxy.url}/api/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': ip,
    },
    body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await json(res) };
}

/** The last request the simulator received (with its time to the millisecond). */
async function lastUpstreamRequest(): Promise<unknown> {
  const res = await fetch(`${sim.restUrl}/__sim/requests?limit=1`);
  return ((await res.json()) as unknown[])[0];
}

/**
 * Runs `burst` from a new client IP inside one counting window: Cloudflare's local limiter
 * counts in fixed 60 s windows of the clock, so a burst that crossed a minute boundary is
 * run again from another IP (at most twice) instead of being judged on two windows.
 */
async function inOneWindow<T>(burst: (ip: string) => Promise<T>): Promise<T> {
  const minute = () => Math.floor(Date.now() / 60_000);
  for (let i = 0; ; i++) {
    const start = minute();
    const result = await burst(`198.51.100.${nextIp++}`);
    if (minute() === start || i === 2) return result;
  }
}

const REFUSED = {
  status: 429,
  retryAfter: '60',
  body: {
    error: {
      code: 'rate_limited',
      message: 'Too many login attempts; try again later',
      retryAfter: 60,
    },
  },
};

describe('POST /api/token rate limit (workerd)', () => {
  it('answers 429 with Retry-After past the per-user limit, without asking TPOS', async () => {
    const { statuses, last, before, after } = await inOneWindow(async (ip) => {
      const statuses: number[] = [];
      for (let i = 0; i < PER_USER; i++) statuses.push((await attempt(ip, 'demo')).status);
      const before = await lastUpstreamRequest();
      const last = await attempt(ip, 'Demo ');
      return { statuses, last, before, after: await lastUpstreamRequest() };
    });
    assert.deepEqual(statuses, Array(PER_USER).fill(400));
    // The same user however typed: the key is the lower-cased, trimmed username.
    assert.deepEqual(last, REFUSED);
    assert.deepEqual(after, before, 'the refused attempt reached TPOS');
  });

  it('counts the user per IP, and other users of that IP apart', async () => {
    const result = await inOneWindow(async (ip) => {
      for (let i = 0; i < PER_USER; i++) await attempt(ip, 'shop2');
      return {
        sameUser: (await attempt(ip, 'shop2')).status,
        otherUser: (await attempt(ip, 'demo', 'demo123')).status,
        otherIp: (await attempt(`${ip}0`, 'shop2', 'shop2pass')).status,
      };
    });
    assert.deepEqual(result, { sameUser: 429, otherUser: 200, otherIp: 200 });
  });

  it('answers 429 past the per-IP limit whatever the usernames', async () => {
    const { statuses, last } = await inOneWindow(async (ip) => {
      const statuses: number[] = [];
      for (let i = 0; i < PER_IP; i++) statuses.push((await attempt(ip, `user${i}`)).status);
      return { statuses, last: await attempt(ip, 'someone-new') };
    });
    assert.deepEqual(statuses, Array(PER_IP).fill(400));
    assert.deepEqual(last, REFUSED);
  });

  it('counts a form without a username per IP', async () => {
    const statuses = await inOneWindow(async (ip) => {
      const out: number[] = [];
      for (let i = 0; i <= PER_IP; i++) {
        const res = await fetch(`${proxy.url}/api/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'cf-connecting-ip': ip,
          },
          body: 'grant_type=password&password=not-a-password',
        });
        await res.body?.cancel();
        out.push(res.status);
      }
      return out;
    });
    assert.deepEqual(statuses, [...Array(PER_IP).fill(400), 429]);
  });

  it('logs the refusals without the username or its hash', () => {
    const text = output.text();
    const refusals = text.match(/\{"requestId"[^\n]*"status":429[^\n]*\}/g) ?? [];
    assert.ok(refusals.length >= 4);
    for (const line of refusals) {
      assert.match(
        line,
        /^\{"requestId":"[0-9a-f-]{36}","method":"POST","route":"\/api\/token","status":429,"durationMs":\d+\}$/,
      );
    }
    const hash = (name: string) => createHash('sha256').update(name).digest('hex');
    for (const secret of ['shop2', 'someone-new', hash('demo'), hash('shop2'), 'wrong-password']) {
      assert.equal(text.includes(secret), false, 'a username, its hash or a password was logged');
    }
  });
});
