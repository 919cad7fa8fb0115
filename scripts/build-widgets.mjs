// Builds packages/widgets: one ESM bundle with all three elements (dist/chatomni-widgets.js),
// per-element entry points sharing chunks (dist/chatomni-inbox.js …), type declarations
// (dist/types) and the custom elements manifest (custom-elements.json). Prints gzip sizes and
// exits non-zero on any failure. Run with `npm run build` at the root.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'packages/widgets');
const dist = join(pkg, 'dist');
const bin = (name) => join(root, 'node_modules/.bin', name);
/** Gzip goal of the main bundle in bytes (lit + socket.io-client + our code). */
const BUDGET = 35 * 1024;
const ELEMENTS = ['chatomni-inbox', 'chatomni-thread', 'chatomni-status'];

const squeezeCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
// HTML collapses runs of whitespace to one space anyway (our templates hold no <pre>).
const squeezeHtml = (text) => text.replace(/\s+/g, ' ');

/**
 * Collapses whitespace (and CSS comments) in the static parts of our html`` and css``
 * templates, found through the TypeScript AST; terser leaves template literals alone, and
 * indentation is a large share of our code.
 */
function minifyTemplates() {
  const src = join(pkg, 'src');
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.startsWith(src) || !/\b(html|css)`/.test(code)) return null;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits = [];
      const visit = (node) => {
        if (
          ts.isTaggedTemplateExpression(node) &&
          ts.isIdentifier(node.tag) &&
          (node.tag.text === 'html' || node.tag.text === 'css')
        ) {
          const squeeze = node.tag.text === 'css' ? squeezeCss : squeezeHtml;
          const t = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(t)
            ? [t]
            : [t.head, ...t.templateSpans.map((span) => span.literal)];
          for (const part of parts) {
            // Between "`" or "}" and "`" or "${".
            const start = part.getStart(file) + 1;
            const closesTemplate =
              part.kind === ts.SyntaxKind.TemplateTail ||
              part.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral;
            const end = part.getEnd() - (closesTemplate ? 1 : 2);
            edits.push([start, end, squeeze(code.slice(start, end))]);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * esbuild for our TypeScript only: its own resolver would otherwise answer relative imports
 * inside node_modules first and skip the `browser` maps of engine.io-client (pulling in its
 * Node transports).
 */
function typescript() {
  const plugin = esbuild({
    target: 'es2021',
    tsconfig: join(pkg, 'tsconfig.json'),
    sourceMap: true,
  });
  const resolveId = plugin.resolveId;
  plugin.resolveId = function (id, importer, options) {
    if (!importer?.startsWith(join(pkg, 'src'))) return null;
    return resolveId.call(this, id, importer, options);
  };
  return plugin;
}

/**
 * The widgets connect with `transports: ['websocket']` only (PROTOCOL.md §5, and the proxy
 * passes WebSockets through), so Engine.IO's HTTP long-polling and WebTransport transports are
 * dead code: its transport table is replaced by one holding only the WebSocket transport.
 */
function websocketOnly() {
  const transports = /engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]/;
  return {
    name: 'engine.io-websocket-only',
    load(id) {
      if (!transports.test(id) || !id.endsWith('index.js')) return null;
      return 'import { WS } from "./websocket.js";\nexport const transports = { websocket: WS };\n';
    },
    // The other transports' feature probes (`new XMLHttpRequest()` at load) would keep them.
    transform(code, id) {
      if (!transports.test(id) || /websocket|index/.test(id)) return null;
      return { code, moduleSideEffects: false };
    },
  };
}

function plugins() {
  return [
    websocketOnly(),
    minifyTemplates(),
    nodeResolve({ browser: true }),
    typescript(),
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ];
}

async function bundle(input, output) {
  const build = await rollup({
    input,
    plugins: plugins(),
    onwarn(warning, warn) {
      // socket.io-client and lit are clean; anything else is worth failing on.
      if (
        warning.code === 'CIRCULAR_DEPENDENCY' &&
        warning.ids?.every((id) => id.includes('node_modules'))
      )
        return;
      warn(warning);
      if (warning.code !== 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
    },
  });
  await build.write({ dir: dist, format: 'es', sourcemap: true, ...output });
  await build.close();
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

async function main() {
  rmSync(dist, { recursive: true, force: true });
  await bundle(join(pkg, 'src/index.ts'), {
    entryFileNames: 'chatomni-widgets.js',
    inlineDynamicImports: true,
  });
  await bundle(Object.fromEntries(ELEMENTS.map((el) => [el, join(pkg, `src/${el}.ts`)])), {
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  });
  execFileSync(bin('tsc'), ['-p', join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' });
  execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const main = join(dist, 'chatomni-widgets.js');
  const size = gz(main);
  console.log(`dist/chatomni-widgets.js  ${kb(statSync(main).size)}  gzip ${kb(size)}`);
  const files = readdirSync(dist, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js') && f !== 'chatomni-widgets.js');
  for (const f of files.sort()) console.log(`dist/${f}  gzip ${kb(gz(join(dist, f)))}`);
  console.log(
    `types: ${relative(root, join(dist, 'types'))}, manifest: packages/widgets/custom-elements.json`,
  );
  // The budget is a goal, reported loudly; a build that works is not failed for it.
  if (size > BUDGET)
    console.warn(`WARNING: over the ${kb(BUDGET)} gzip goal by ${kb(size - BUDGET)}.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
