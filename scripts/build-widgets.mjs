// Builds packages/widgets, the two ways it ships (`npm run build` at the root runs it):
//
// - dist/: the npm build. ES modules one per source module (as Material Web and Shoelace ship),
//   `lit`, `react` and `@lit/react` imported by name so an app bundles one copy of each;
//   declarations next to each module; the custom elements manifest; the editor and framework
//   typings generated from it (scripts/widgets/framework-types.mjs).
// - cdn/: the CDN build, minified, for a <script type="module"> (what the proxy serves at
//   /widgets/). chatomni-widgets.js holds what a page needs until the inbox shows its rows; the
//   parts loaded on first use (every `import()` of src/) are chunks under cdn/chunks/, which
//   it loads from its own URL. chatomni-widgets.all.js is the same in one file, for those who
//   want one file (`inlineDynamicImports`).
//
// Prints the sizes (the first load, what it is made of, the chunks, the single file) and exits
// non-zero on any failure, including a module that defines an element but is not listed in
// package.json's `sideEffects` (a bundler would drop it).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { minifyTemplates, typescript } from './widgets/rollup-plugins.mjs';
import { writeFrameworkTypes } from './widgets/framework-types.mjs';
import { breakdown, firstLoadFiles, gzipSize } from './widgets/bundle-sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'packages/widgets');
const src = join(pkg, 'src');
const dist = join(pkg, 'dist');
const cdn = join(pkg, 'cdn');
const bin = (name) => join(root, 'node_modules/.bin', name);
/** Gzip goal of the first load in bytes: the CDN entry and what it imports statically. */
const BUDGET = 35 * 1024;

/**
 * The npm build's modules: every source module but tests, each its own entry, so that dist/
 * mirrors src/ one to one (re-export-only modules included, which the manifest names), as
 * Material Web's does.
 */
const npmEntries = () =>
  Object.fromEntries(
    readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
      .map((f) => [f.slice(0, -3).split(sep).join('/'), join(src, f)]),
  );

/**
 * The CDN build: output name → entry module. A file per entry; chunks for what it imports
 * lazily (or shares with another entry, once there is more than one). Each entry also gets its
 * single-file variant, `<name>.all.js`.
 */
const CDN = { 'chatomni-widgets': 'index' };

/**
 * Fails the build on any warning but circular imports inside node_modules (lit's, engine.io's)
 * and the empty modules of the npm build (types only: their declarations are what matters).
 */
function onwarn(warning, warn) {
  if (warning.code === 'EMPTY_BUNDLE') return;
  if (
    warning.code === 'CIRCULAR_DEPENDENCY' &&
    warning.ids?.every((id) => id.includes('node_modules'))
  )
    return;
  warn(warning);
  if (warning.code !== 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
}

/** A bare import (`lit/decorators.js`, `react`): left for the app's bundler in the npm build. */
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

async function buildNpm() {
  const build = await rollup({
    input: npmEntries(),
    external: isBare,
    preserveEntrySignatures: 'strict',
    plugins: [minifyTemplates(src), typescript(pkg)],
    onwarn,
  });
  await build.write({
    dir: dist,
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: src,
    entryFileNames: '[name].js',
  });
  await build.close();
  execFileSync(bin('tsc'), ['-p', join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' });
}

async function buildCdn() {
  const build = await rollup({
    input: Object.fromEntries(
      Object.entries(CDN).map(([out, entry]) => [out, join(src, `${entry}.ts`)]),
    ),
    // The lazy chunks import what they share with the entry from the entry itself, instead of
    // the entry becoming a facade over one more chunk (one more request before anything runs).
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      minifyTemplates(src),
      nodeResolve({ browser: true }),
      typescript(pkg),
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onwarn,
  });
  await build.write({
    dir: cdn,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  });
  for (const name of Object.keys(CDN)) {
    await build.write({
      dir: cdn,
      format: 'es',
      sourcemap: true,
      entryFileNames: `${name}.all.js`,
      inlineDynamicImports: true,
    });
  }
  await build.close();
}

function buildManifest() {
  execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8'));
  // VS Code links each tag to its page of docs/api in the repository.
  const { repository } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const repo = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  writeFrameworkTypes(manifest, dist, `${repo}/blob/main/docs/api`);
}

/** `./dist/elements/**\/x.js` → a RegExp for package-relative POSIX paths. */
function globToRegExp(glob) {
  const body = glob
    .replace(/^\.\//, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '(?:.*/)?')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${body}$`);
}

/** Package-relative POSIX paths of the .js files below `dir`. */
const jsFiles = (dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => relative(pkg, join(dir, f)).split(sep).join('/'));

/** Every module that defines an element must be kept by bundlers that honour `sideEffects`. */
function checkSideEffects() {
  const { sideEffects } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const kept = sideEffects.map(globToRegExp);
  const missing = [...jsFiles(dist), ...jsFiles(cdn)].filter(
    (file) =>
      readFileSync(join(pkg, file), 'utf8').includes('customElements.define(') &&
      !kept.some((re) => re.test(file)),
  );
  if (missing.length) {
    throw new Error(
      `These modules define elements but package.json "sideEffects" does not list them: ${missing.join(', ')}`,
    );
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function report() {
  const first = firstLoadFiles(join(cdn, 'chatomni-widgets.js'));
  for (const file of jsFiles(cdn).sort()) {
    const path = join(pkg, file);
    const role = first.includes(path)
      ? 'first load'
      : file.endsWith('.all.js')
        ? 'one file'
        : 'on first use';
    console.log(`${file}  ${kb(statSync(path).size)}  gzip ${kb(gzipSize(path))}  (${role})`);
  }
  const firstGzip = first.reduce((sum, path) => sum + gzipSize(path), 0);
  const single = gzipSize(join(cdn, 'chatomni-widgets.all.js'));
  console.log(
    `CDN first load: ${kb(firstGzip)} gzip in ${first.length} file(s) (goal ${kb(BUDGET)}); single file: ${kb(single)} gzip`,
  );
  const parts = first.flatMap((path) => breakdown(path));
  console.log(`  of which: ${parts.map((p) => `${p.name} ${kb(p.bytes)}`).join(', ')}`);
  const npm = jsFiles(dist);
  const raw = npm.reduce((sum, f) => sum + statSync(join(pkg, f)).size, 0);
  const zipped = npm.reduce((sum, f) => sum + gzipSize(join(pkg, f)), 0);
  console.log(
    `dist/ (npm): ${npm.length} modules, ${kb(raw)}, gzip ${kb(zipped)} summed per file (lit not included)`,
  );
  console.log('dist/custom-elements.json, dist/vscode.html-custom-data.json, dist/frameworks/');
  // The budget is a goal, reported loudly; a build that works is not failed for it.
  if (firstGzip > BUDGET) {
    console.warn(
      `WARNING: the CDN first load is over the ${kb(BUDGET)} gzip goal by ${kb(firstGzip - BUDGET)}.`,
    );
  }
}

async function main() {
  rmSync(dist, { recursive: true, force: true });
  rmSync(cdn, { recursive: true, force: true });
  await buildNpm();
  await buildCdn();
  buildManifest();
  checkSideEffects();
  report();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
