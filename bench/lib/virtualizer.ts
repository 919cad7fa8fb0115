/**
 * The comparison with `@lit-labs/virtualizer`: the inbox's rows and styles in a page of
 * their own, virtualized by its `virtualize` directive, bundled here with esbuild.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/build-site.js';

let bundle: Promise<string> | undefined;

/** The page's script: virtualizer-entry.ts with Lit and the virtualizer, one ES module. */
function script(): Promise<string> {
  bundle ??= build({
    entryPoints: [join(ROOT, 'bench/lib/virtualizer-entry.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2021',
    minify: true,
    write: false,
    tsconfig: join(ROOT, 'packages/widgets/tsconfig.json'),
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/**
 * A page with `<virtualized-inbox>` holding `count` synthetic conversations, rendered.
 * Close the page's context when done.
 */
export async function virtualizerPage(browser: Browser, count: number): Promise<Page> {
  const source = await script();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles with esbuild's keepNames: functions passed to page.evaluate may call it.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  const page = await context.newPage();
  await page.setContent(
    `<!doctype html><meta charset="utf-8"><body style="margin:0">` +
      `<virtualized-inbox count="${count}"></virtualized-inbox>`,
  );
  await page.addScriptTag({ content: source, type: 'module' });
  await page.waitForFunction(() =>
    document.querySelector('virtualized-inbox')?.shadowRoot?.querySelector('[role=option]'),
  );
  return page;
}
