/**
 * `cem analyze` configuration for packages/widgets: run from the repository root by
 * scripts/build-widgets.mjs; writes packages/widgets/custom-elements.json.
 */
import { existsSync } from 'node:fs';
import { posix } from 'node:path';

const PACKAGE = 'packages/widgets/';

/**
 * The analyzer names modules in three ways: by path from where it runs
 * (`packages/widgets/src/x.ts`), from the root (`/packages/widgets/src/x.js`), and by import
 * specifier (`./x.js`). Tools read the manifest from the package, so every path becomes the
 * package-relative source file (`src/x.ts`).
 */
function packagePath(path, from) {
  let out = path.startsWith('.') ? posix.join(posix.dirname(from), path) : path;
  out = out.replace(/^\//, '');
  if (out.startsWith(PACKAGE)) out = out.slice(PACKAGE.length);
  const ts = out.replace(/\.js$/, '.ts');
  return ts !== out && existsSync(PACKAGE + ts) ? ts : out;
}

/** Rewrites every `module` reference below `node` (declarations, exports, superclasses). */
function fixModules(node, from) {
  if (Array.isArray(node)) {
    for (const item of node) fixModules(item, from);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'module' && typeof value === 'string') node[key] = packagePath(value, from);
      else fixModules(value, from);
    }
  }
}

export default {
  globs: [
    'packages/widgets/src/elements/**/*.ts',
    'packages/widgets/src/events/*.ts',
    'packages/widgets/src/index.ts',
  ],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: 'packages/widgets',
  litelement: true,
  // The root package.json is the workspace's, not the widgets'; packages/widgets/package.json names the manifest itself.
  packagejson: false,
  plugins: [
    {
      // `dispatchEvent(new ChatomniXxxEvent(...))` is seen as an event without a name; the
      // named entries come from the `@fires` tags.
      name: 'tidy-manifest',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer lists modules in the order its file reads finish: sort them, so that a
        // build does not rewrite the committed manifest for nothing.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules) {
          const from = mod.path;
          mod.path = packagePath(from, from);
          fixModules(mod, from);
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
