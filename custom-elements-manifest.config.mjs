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
};
