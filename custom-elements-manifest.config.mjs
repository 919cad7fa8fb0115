/**
 * `cem analyze` configuration for packages/widgets: run from the repository root by
 * scripts/build-widgets.mjs; writes packages/widgets/custom-elements.json.
 */
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
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
