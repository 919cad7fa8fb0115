/**
 * `@chatomni/widgets` as npm would publish it (after `npm run build`): what `npm pack` puts in
 * the tarball, that every `exports` target and manifest path is in it, that the npm build
 * imports its dependencies by name, that the core is free of Lit, that the React wrappers cover
 * every event, that the typings type-check in a React + TypeScript app, and publint and attw.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/build-site.js';
import { attw, pack, publint, WIDGETS, type PackedFile } from '../../scripts/check-package.js';
import { manifestElements } from '../../scripts/widgets/framework-types.mjs';

const pkg = JSON.parse(readFileSync(join(WIDGETS, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  customElements: string;
  types: string;
  sideEffects: string[];
};
const read = (path: string) => readFileSync(join(WIDGETS, path), 'utf8');

let dir: string;
let files: PackedFile[];
let paths: Set<string>;

/** The exports map's targets, e.g. `./dist/index.js` → `dist/index.js`. */
function targets(): string[] {
  return Object.values(pkg.exports).flatMap((value) =>
    (typeof value === 'string' ? [value] : Object.values(value)).map((t) => t.replace(/^\.\//, '')),
  );
}

/** Import specifiers of an ES module (static, dynamic, re-exports and side-effect imports). */
function specifiers(code: string): string[] {
  return [
    ...code.matchAll(
      /(?:^|[;}\s])(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2])!);
}

/** Every bare specifier reachable from a dist module through relative imports. */
function bareImports(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(read(file))) {
      if (spec.startsWith('.')) visit(posix.normalize(posix.join(posix.dirname(file), spec)));
      else bare.add(spec);
    }
  };
  visit(entry);
  return bare;
}

describe('the @chatomni/widgets package', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatomni-pack-'));
    ({ files } = await pack(dir, true));
    paths = new Set(files.map((f) => f.path));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the builds, types, manifest, README and LICENSE, and nothing else', () => {
    const allowed =
      /^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts)|dist\/(custom-elements|vscode\.html-custom-data)\.json|cdn\/[\w/.-]+\.js(\.map)?)$/;
    assert.deepEqual(
      files.map((f) => f.path).filter((p) => !allowed.test(p)),
      [],
    );
    for (const required of [
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/custom-elements.json',
      'cdn/chatomni-widgets.js',
    ]) {
      assert.ok(paths.has(required), required);
    }
    const leaks = [...paths].filter((p) => /\.test\.|(^|\/)(test|fixtures?|src)\//.test(p));
    assert.deepEqual(leaks, [], 'no tests, fixtures or sources');
    assert.match(read('LICENSE'), /^MIT License/);
  });

  it('packs every target of "exports", "types" and "customElements"', () => {
    const wanted = [...targets(), pkg.types, pkg.customElements].map((t) => t.replace(/^\.\//, ''));
    assert.deepEqual(
      wanted.filter((t) => !paths.has(t)),
      [],
    );
    // Each JavaScript entry has its declarations next to it.
    for (const t of targets().filter((t) => t.startsWith('dist/') && t.endsWith('.js'))) {
      assert.ok(paths.has(t.replace(/\.js$/, '.d.ts')), `${t} has no .d.ts`);
    }
  });

  it('points the manifest at shipped modules', () => {
    const manifest = JSON.parse(read('dist/custom-elements.json')) as {
      modules: { path: string }[];
    };
    const text = JSON.stringify(manifest);
    const referenced = [...text.matchAll(/"(?:path|module)":"([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(referenced.length > 20);
    assert.deepEqual(
      [...new Set(referenced)].filter((p) => !paths.has(p)),
      [],
    );
    assert.deepEqual(
      manifestElements(manifest).map((e) => e.tag),
      ['chatomni-inbox', 'chatomni-status', 'chatomni-thread'],
    );
  });

  it('imports lit by name, and keeps the core free of Lit and of any other package', () => {
    const all = bareImports('dist/index.js');
    assert.ok(all.has('lit'), 'lit not imported');
    assert.deepEqual(
      [...all].filter((s) => !/^(lit|lit\/.*)$/.test(s)),
      [],
      'no other bare import from the elements',
    );
    assert.deepEqual([...bareImports('dist/core.js')], []);
    assert.deepEqual([...bareImports('dist/react.js')].sort().slice(0, 2), ['@lit/react', 'lit']);
    // An inlined copy of Lit would show its renderer.
    const code = files.filter((f) => f.path.startsWith('dist/') && f.path.endsWith('.js'));
    for (const f of code) assert.doesNotMatch(read(f.path), /_\$litPart\$/, f.path);
  });

  it('lists the element modules in "sideEffects"', () => {
    for (const tag of ['chatomni-inbox', 'chatomni-thread', 'chatomni-status']) {
      assert.ok(pkg.sideEffects.includes(`./dist/${tag}.js`));
      assert.match(read(`dist/elements/${tag}/${tag}.js`), /customElements\.define\(/);
    }
    assert.ok(pkg.sideEffects.includes('./dist/elements/*/chatomni-*.js'));
  });

  it('gives every event of the manifest a typed React prop', () => {
    const manifest = JSON.parse(read('dist/custom-elements.json'));
    const react = read('dist/react.js');
    const types = read('dist/react.d.ts');
    for (const el of manifestElements(manifest)) {
      for (const event of el.events) {
        const prop = `on${event.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;
        assert.match(react, new RegExp(`${prop}: ['"]${event.name}['"]`), prop);
        assert.match(types, new RegExp(`${prop}: EventName<${event.type}>`), prop);
      }
    }
  });

  it('type-checks a React + TypeScript app using the wrappers, the tags and the core', async () => {
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const project = join(dirname(new URL(import.meta.url).pathname), 'types');
    const { stdout } = await promisify(execFile)(tsc, ['-p', project]).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout }),
    );
    assert.equal(stdout.trim(), '');
  });

  it('passes publint', async () => {
    const result = await publint();
    assert.ok(result.ok, result.output);
  });

  it('passes Are the Types Wrong on the packed tarball', async () => {
    const { tarball } = await pack(dir);
    const result = await attw(tarball);
    assert.ok(result.ok, result.output);
  });
});
