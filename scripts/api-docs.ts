/**
 * The API reference in docs/api/, generated: one page per element from the custom elements
 * manifest (attributes, properties, methods, events, CSS parts and custom properties, slots), the
 * `detail` of each event and the session API (`getSession`, `ChatSession`, `session.sending`,
 * `SessionConfig`) from the TypeScript declarations and their JSDoc.
 *
 * `npm run docs:api` rewrites docs/api; `npm run check:docs` (part of `npm run lint`) writes
 * it to a temporary folder and fails, naming the stale pages, when docs/api differs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';
import { ROOT } from './build-site.ts';
import { renderElementPage, renderIndex, renderSessionPage } from './widgets/api-pages.ts';
import { loadApi } from './widgets/api-model.ts';

/** Where the reference lives. */
export const DOCS_DIR = join(ROOT, 'docs', 'api');
const WIDGETS = join(ROOT, 'packages', 'widgets');

/** Runs the analyzer into a temporary folder and returns the parsed manifest. */
function analyze(): unknown {
  const out = mkdtempSync(join(tmpdir(), 'chatomni-cem-'));
  try {
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'cem'),
      [
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--outdir',
        relative(ROOT, out),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The pages of the reference: file name → Markdown, formatted as the repository's Prettier does. */
export async function renderReference(): Promise<Map<string, string>> {
  const program = ts.createProgram([join(WIDGETS, 'src', 'index.ts')], {
    ...ts.getDefaultCompilerOptions(),
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    experimentalDecorators: true,
    strict: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
  });
  const api = loadApi(analyze(), program);
  const pages = new Map<string, string>([['README.md', renderIndex(api)]]);
  for (const element of api.elements)
    pages.set(`${element.tag}.md`, renderElementPage(element, api));
  pages.set('session.md', renderSessionPage(api));
  const options = (await prettier.resolveConfig(join(DOCS_DIR, 'README.md'))) ?? {};
  for (const [name, text] of pages) {
    pages.set(name, await prettier.format(text, { ...options, parser: 'markdown' }));
  }
  return pages;
}

function write(dir: string, pages: Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of pages) writeFileSync(join(dir, name), text);
}

/** Names of the pages that differ between `pages` and what `dir` holds (extra files included). */
export function stalePages(dir: string, pages: Map<string, string>): string[] {
  let present: string[] = [];
  try {
    present = readdirSync(dir);
  } catch {
    // No docs/api yet: every page is stale.
  }
  const stale = [...pages].filter(([name, text]) => {
    try {
      return readFileSync(join(dir, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  return [...stale.map(([name]) => name), ...present.filter((name) => !pages.has(name))].sort();
}

async function main(): Promise<number> {
  const pages = await renderReference();
  if (!process.argv.includes('--check')) {
    write(DOCS_DIR, pages);
    console.log(`docs/api: ${pages.size} pages written`);
    return 0;
  }
  const stale = stalePages(DOCS_DIR, pages);
  if (stale.length === 0) {
    console.log(`docs/api is current (${pages.size} pages)`);
    return 0;
  }
  console.error(
    `docs/api is out of date with the widgets' source: ${stale.join(', ')}.\n` +
      'Run `npm run docs:api` and commit docs/api.',
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    return 1;
  });
}
