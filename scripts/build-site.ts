/**
 * Assembles `dist/site`, the static files the proxy serves (wrangler.toml `[assets]`):
 * the demo page from `demo/` and the widgets' CDN build (`packages/widgets/cdn`: the
 * self-contained bundle and its lazy chunks) under `widgets/`. Run after
 * `npm run build -w packages/widgets` (the root `build` does both).
 *
 * `node --import tsx scripts/build-site.ts` or `buildSite()` from another script.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the site is written. */
export const SITE_DIR = join(ROOT, 'dist', 'site');
/** The widget bundle the site needs (the CDN build's entry). */
export const BUNDLE = join(ROOT, 'packages', 'widgets', 'cdn', 'chatomni-widgets.js');

/** Files of `demo/` that are part of the site (the README draft is not). */
const DEMO_FILES = /\.(html|js|css|svg|png|ico|webmanifest)$|^_headers$/;
/** Files of `packages/widgets/cdn` copied: the bundle, its chunks and their source maps. */
const BUNDLE_FILES = /\.(js|js\.map)$/;

/**
 * Writes `dist/site` from scratch and returns its path.
 * @throws Error when the widget bundle has not been built.
 */
export function buildSite(): string {
  if (!existsSync(BUNDLE)) {
    throw new Error(
      `${BUNDLE} is missing: build the widgets first (npm run build -w packages/widgets)`,
    );
  }
  // Files are overwritten in place and stale ones removed afterwards, so a proxy already
  // serving the directory never sees it missing.
  const wanted = new Map<string, string>();
  const demo = join(ROOT, 'demo');
  for (const name of readdirSync(demo)) {
    if (DEMO_FILES.test(name)) wanted.set(name, join(demo, name));
  }
  const cdn = dirname(BUNDLE);
  for (const name of readdirSync(cdn, { recursive: true, encoding: 'utf8' })) {
    const key = name.split(sep).join('/');
    if (BUNDLE_FILES.test(key)) {
      wanted.set(`widgets/${key}`, join(cdn, name));
    }
  }
  for (const [target, source] of wanted) {
    mkdirSync(dirname(join(SITE_DIR, target)), { recursive: true });
    cpSync(source, join(SITE_DIR, target));
  }
  // Stale files go; directories stay unless nothing wanted lives below them.
  const present = readdirSync(SITE_DIR, { recursive: true, encoding: 'utf8' });
  const keep = (key: string) =>
    [...wanted.keys()].some((w) => w === key || w.startsWith(`${key}/`));
  for (const name of present) {
    const key = name.split(sep).join('/');
    if (!keep(key)) rmSync(join(SITE_DIR, name), { recursive: true, force: true });
  }
  return SITE_DIR;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const dir = buildSite();
    console.log(`site: ${dir}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
