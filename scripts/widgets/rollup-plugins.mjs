/**
 * Rollup plugins of the widget builds (scripts/build-widgets.mjs): TypeScript through esbuild,
 * and whitespace squeezed out of Lit templates.
 */
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import ts from 'typescript';

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
 * @param {string} src absolute path of packages/widgets/src: only our own templates are touched
 */
export function minifyTemplates(src) {
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
 * esbuild for our TypeScript only: its own resolver would otherwise answer imports inside
 * node_modules before node-resolve, skipping the `browser` fields of packages.
 * @param {string} pkg absolute path of packages/widgets (its tsconfig.json and src/)
 */
export function typescript(pkg) {
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
