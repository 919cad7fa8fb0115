import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { deployProblems, deployTarget } from '../scripts/deploy-check.js';
import { ensureAssetsDirectory, ROOT, WRANGLER_BIN } from './support/site.js';

const CONFIG = join(ROOT, 'wrangler.toml');

/** Runs a command from the repository root; resolves with its exit code and output. */
function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const wrangler = (args: string[]) => run(process.execPath, [WRANGLER_BIN, ...args]);

/**
 * The repository's wrangler.toml plus the tenant blocks of the README ("Several shops"),
 * written under .wrangler/ so that its relative paths still reach the Worker and the site.
 */
function tenantsConfig(dir: string): string {
  const readme = readFileSync(join(ROOT, 'packages/proxy/README.md'), 'utf8');
  const block = /<!-- tenants-example -->\s*```toml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'the README has the tenants example');
  const base = readFileSync(CONFIG, 'utf8')
    .replace(/^main = "/m, 'main = "../../../')
    .replace(/^directory = "\.\//m, 'directory = "../../../');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, `${base}\n${block}`);
  return path;
}

describe('deployment', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'chatomni-proxy-dry-run-'));
  const tenantsDir = join(ROOT, '.wrangler', `deploy-test-${process.pid}`);
  after(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(tenantsDir, { recursive: true, force: true });
  });

  it('bundles production with `wrangler deploy --dry-run`: bindings, logs, and no shop', async () => {
    ensureAssetsDirectory();
    const { code, output } = await wrangler(['deploy', '--dry-run', '--outdir', outdir]);
    assert.equal(code, 0, output);
    assert.match(output, /env\.ASSETS\s+Assets/);
    assert.match(output, /env\.SEND_KEYS \(SendKeys\)\s+Durable Object/);
    assert.match(output, /env\.TOKEN_LIMIT_IP \(30 requests\/60s\)\s+Rate Limit/);
    assert.match(output, /env\.TOKEN_LIMIT_USER \(10 requests\/60s\)\s+Rate Limit/);
    assert.match(output, /env\.TPOS_API_BASE \(""\)/);
    assert.match(output, /env\.ALLOWED_ORIGINS \(""\)/);
    // The other vars take config.ts's defaults (TPOS's realtime servers, Facebook).
    assert.equal(/env\.(TPOS_RT_WS|GRAPH_API_BASE)/.test(output), false, output);
    assert.equal(/\.tpos\.vn/.test(output), false, 'a shop is configured by default');
    const bundle = readFileSync(join(outdir, 'worker.js'), 'utf8');
    assert.match(bundle, /forbidden_origin/);
    assert.match(bundle, /SendKeys = class extends DurableObject/);
    assert.equal(/tomato|cachua/.test(bundle), false, 'the bundle names a shop');
    assert.match(readFileSync(CONFIG, 'utf8'), /^\[observability\]\nenabled = true$/m);
  });

  it('refuses `npm run deploy` without a shop, naming both vars, before building', async () => {
    const { code, output } = await run('npm', ['run', 'deploy', '--silent']);
    assert.equal(code, 1, output);
    assert.equal(
      output.trim(),
      [
        'Refusing to deploy the top level (production) of wrangler.toml:',
        "  - TPOS_API_BASE is not set: the shop's TPOS origin (e.g. https://<shop>.tpos.vn), in [vars] of wrangler.toml or as --var TPOS_API_BASE:<origin>.",
        "  - ALLOWED_ORIGINS is not set: the origins of the admin sites that embed the widgets, comma-separated (the proxy's own origin if only its pages use it), in [vars].",
        'Nothing was built or uploaded. See packages/proxy/README.md, "Deploying".',
      ].join('\n'),
    );
  });

  it('refuses the dev environment, plain-HTTP upstreams and missing bindings', () => {
    assert.match(
      deployProblems({ config: CONFIG, env: 'dev', vars: {} }).join('\n'),
      /^The dev environment points at the local simulator and is never deployed/,
    );
    assert.deepEqual(
      deployProblems({
        config: CONFIG,
        vars: {
          TPOS_API_BASE: 'http://shop.example',
          ALLOWED_ORIGINS: 'https://admin.example, admin2.example',
        },
      }),
      ['ALLOWED_ORIGINS has an entry that is not an origin like https://admin.shop.vn.'],
    );
    assert.deepEqual(
      deployProblems({
        config: CONFIG,
        vars: {
          TPOS_API_BASE: 'http://shop.example',
          ALLOWED_ORIGINS: 'https://admin.example',
          TPOS_CHAT_WS: 'ws://chat.example',
        },
      }),
      [
        'TPOS_API_BASE must use https: when deployed (passwords and tokens cross it).',
        'TPOS_CHAT_WS must use wss: when deployed (passwords and tokens cross it).',
      ],
    );
    assert.deepEqual(
      deployProblems({
        config: CONFIG,
        vars: { TPOS_API_BASE: 'https://shop.example/api', ALLOWED_ORIGINS: '*' },
      }),
      ['TPOS_API_BASE must be a bare origin (in [vars]).'],
    );
    const dir = join(tenantsDir, 'bare');
    mkdirSync(dir, { recursive: true });
    const bare = join(dir, 'wrangler.toml');
    writeFileSync(
      bare,
      [
        'name = "bare"',
        'main = "../../../packages/proxy/src/worker.ts"',
        'compatibility_date = "2026-04-20"',
        '[env.shop.vars]',
        'TPOS_API_BASE = "https://shop.example"',
        'ALLOWED_ORIGINS = "https://admin.shop.example"',
      ].join('\n'),
    );
    assert.deepEqual(deployProblems({ config: bare, env: 'shop', vars: {} }), [
      '[[env.shop.durable_objects.bindings]] SEND_KEYS is missing (POST /api/send keys); environments do not inherit bindings.',
      '[[env.shop.ratelimits]] TOKEN_LIMIT_IP is missing (the login rate limit per IP); environments do not inherit bindings.',
      '[[env.shop.ratelimits]] TOKEN_LIMIT_USER is missing (the login rate limit per user); environments do not inherit bindings.',
      '[env.shop.secrets] required lacks SESSION_KEY (the sign-in cookie key); environments do not inherit it.',
    ]);
  });

  it('accepts the top level once both vars are given with --var', () => {
    const target = deployTarget(
      [
        '--dry-run',
        '--var',
        'TPOS_API_BASE:https://shop.example',
        'ALLOWED_ORIGINS:https://admin.shop.example',
      ],
      CONFIG,
    );
    assert.deepEqual(target, {
      config: CONFIG,
      vars: {
        TPOS_API_BASE: 'https://shop.example',
        ALLOWED_ORIGINS: 'https://admin.shop.example',
      },
    });
    assert.deepEqual(deployProblems(target), []);
    assert.deepEqual(deployTarget(['--env=cachua', '-c', 'x.toml'], CONFIG), {
      config: 'x.toml',
      env: 'cachua',
      vars: {},
    });
  });

  it("deploys the README's tenants, each with its own vars, route and namespaces", async () => {
    const config = tenantsConfig(join(tenantsDir, 'tenants'));
    for (const env of ['tomato', 'cachua']) {
      assert.deepEqual(deployProblems({ config, env, vars: {} }), [], env);
    }
    assert.equal(deployProblems({ config, vars: {} }).length, 2, 'the top level stays refused');
    const { code, output } = await wrangler([
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
      '--config',
      config,
      '--env',
      'cachua',
    ]);
    assert.equal(code, 0, output);
    // No "exists at the top level, but not on env.cachua" warning: the block is complete.
    assert.equal(/but not on/.test(output), false, output);
    assert.match(output, /env\.SEND_KEYS \(SendKeys\)\s+Durable Object/);
    assert.match(output, /env\.TOKEN_LIMIT_IP \(30 requests\/60s\)\s+Rate Limit/);
    assert.match(output, /env\.TPOS_API_BASE \("https:\/\/cachua\.tpos\.vn"\)/);
    assert.equal(output.includes('tomato'), false, output);
  });

  it('has worker-configuration.d.ts up to date with wrangler.toml', async () => {
    const { code, output } = await wrangler([
      'types',
      'packages/proxy/worker-configuration.d.ts',
      '--strict-vars=false',
      '--check',
    ]);
    assert.equal(code, 0, output);
  });
});
