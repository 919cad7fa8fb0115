import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (where wrangler.toml is). */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The wrangler binary, run with the current Node. */
export const WRANGLER_BIN = fileURLToPath(
  new URL('../../../../node_modules/wrangler/bin/wrangler.js', import.meta.url),
);

/**
 * wrangler refuses to start without the `[assets]` directory. The site build
 * (`npm run build`) normally writes it; when it has not run yet, a placeholder page keeps
 * the proxy tests independent of it. An existing build is left alone.
 */
export function ensureAssetsDirectory(): void {
  const dir = fileURLToPath(new URL('../../../../dist/site/', import.meta.url));
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}index.html`, '<!doctype html><title>placeholder</title>\n');
}
