/**
 * `cem analyze` configuration for packages/widgets: run from the repository root by
 * scripts/build-widgets.mjs; writes packages/widgets/dist/custom-elements.json (shipped, named by
 * the package's `customElements` field). `--outdir` overrides the folder (the API reference
 * check writes to a temporary one).
 */
import { posix } from 'node:path';

export default {
  globs: [
    'packages/widgets/src/elements/**/*.ts',
    'packages/widgets/src/events/*.ts',
    'packages/widgets/src/index.ts',
  ],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: 'packages/widgets/dist',
  litelement: true,
  // The root package.json is the workspace's, not the widgets'; packages/widgets/package.json names the manifest itself.
  packagejson: false,
  plugins: [
    {
      name: 'tidy-manifest',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer lists modules in the order its file reads finish: sort them, so that two
        // builds of the same source write the same manifest.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            // `dispatchEvent(new ChatomniXxxEvent(...))` is seen as an event without a name; the
            // named entries come from the `@fires` tags.
            if (decl.events) decl.events = decl.events.filter((event) => event.name);
          }
        }
        shippedPaths(customElementsManifest);
      },
    },
  ],
};

/** `packages/widgets/src/a/b.ts` (or `/…/b.js`) → `dist/a/b.js`, the file the package ships. */
const SOURCE = /^\/?packages\/widgets\/src\/(.+)\.(?:ts|js)$/;

/**
 * Points every module path and reference of the manifest at the npm build's files, so that tools
 * reading the installed package (editors, Storybook, docs) find modules that exist. References
 * the analyzer left relative (`./elements/…` in the index's re-exports) are resolved first.
 */
function shippedPaths(manifest) {
  const visit = (node, base) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, base));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') {
        const full = value.startsWith('.') ? posix.join(base, value) : value;
        node[key] = full.replace(SOURCE, 'dist/$1.js');
      } else visit(value, base);
    }
  };
  for (const mod of manifest.modules) visit(mod, posix.dirname(mod.path));
}
