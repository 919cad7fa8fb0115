import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureAssetsDirectory, ROOT, WRANGLER_BIN } from './support/site.js';

/** Runs wrangler from the repository root; resolves with its exit code and output. */
function wrangler(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRANGLER_BIN, ...args], {
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

describe('deployment', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'chatomni-proxy-dry-run-'));
  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles with `wrangler deploy --dry-run` and the production vars', async () => {
    ensureAssetsDirectory();
    const { code, output } = await wrangler(['deploy', '--dry-run', '--outdir', outdir]);
    assert.equal(code, 0, output);
    assert.match(output, /env\.ASSETS\s+Assets/);
    assert.match(output, /env\.TPOS_API_BASE \("https:\/\/tomato\.tpos\.vn"\)/);
    assert.match(output, /env\.TPOS_RT_WS \("wss:\/\/rt-2\.tpos\.app"\)/);
    assert.match(output, /env\.GRAPH_API_BASE \("https:\/\/graph\.facebook\.com"\)/);
    assert.match(output, /env\.SEND_KEYS \(SendKeys\)\s+Durable Object/);
    const bundle = readFileSync(join(outdir, 'worker.js'), 'utf8');
    assert.match(bundle, /forbidden_origin/);
    assert.match(bundle, /SendKeys = class extends DurableObject/);
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
