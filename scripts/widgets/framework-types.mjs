/**
 * Editor and framework typings generated from the custom elements manifest, so that the tags
 * complete and type-check where developers write them:
 *
 * - dist/frameworks/jsx-react.d.ts, jsx-preact.d.ts, jsx-solid.d.ts: `JSX.IntrinsicElements`
 *   entries for React (18 and 19), Preact and Solid;
 * - dist/frameworks/vue.d.ts: Vue's `GlobalComponents` (Volar checks templates with it);
 * - dist/vscode.html-custom-data.json: VS Code's HTML custom data (tags, attributes, values).
 *
 * Types are indexed from the element classes (`ChatomniInbox['noLogin']`), never copied as text,
 * so they cannot drift from the declarations. Used by scripts/build-widgets.mjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADER =
  '// Generated from custom-elements.json by scripts/widgets/framework-types.mjs: do not edit.\n';

/**
 * @typedef {{ name: string; field?: string; description: string; boolean: boolean }} Attr
 * @typedef {{ name: string; description: string }} Prop
 * @typedef {{ name: string; type: string; description: string }} Evt
 * @typedef {{ tag: string; className: string; summary: string; description: string;
 *   attributes: Attr[]; properties: Prop[]; events: Evt[] }} Element
 */

/**
 * The elements of a manifest, with their public attributes, property-only fields and events.
 * @returns {Element[]}
 */
export function manifestElements(manifest) {
  const elements = [];
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement || !decl.tagName) continue;
      const fields = (decl.members ?? []).filter(
        (m) =>
          m.kind === 'field' && !m.static && !m.privacy && !m.readonly && !m.name.startsWith('_'),
      );
      elements.push({
        tag: decl.tagName,
        className: decl.name,
        summary: decl.summary ?? '',
        description: decl.description ?? '',
        attributes: (decl.attributes ?? []).map((a) => ({
          name: a.name,
          field: a.fieldName,
          description: a.description ?? '',
          boolean: a.type?.text === 'boolean' || a.type?.text === 'boolean | undefined',
        })),
        properties: fields
          .filter((m) => !(decl.attributes ?? []).some((a) => a.fieldName === m.name))
          .map((m) => ({ name: m.name, description: m.description ?? '' })),
        events: (decl.events ?? []).map((e) => ({
          name: e.name,
          type: e.type?.text ?? 'CustomEvent',
          description: e.description ?? '',
        })),
      });
    }
  }
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

const doc = (text, indent = '  ') =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '';
const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());

/** `import type { … } from '../index.js'` for the classes and events the typings name. */
function imports(elements) {
  const names = new Set();
  for (const el of elements) {
    names.add(el.className);
    for (const e of el.events) if (e.type !== 'CustomEvent') names.add(e.type);
  }
  return `import type { ${[...names].sort().join(', ')} } from '../index.js';\n`;
}

/** The members shared by every JSX flavour: attributes, then property-only fields. */
function members(el, propertyKey = (name) => name) {
  let out = '';
  for (const a of el.attributes) {
    const type = a.field ? `${el.className}['${a.field}']` : 'string';
    out += doc(a.description) + `  '${a.name}'?: ${type};\n`;
  }
  for (const p of el.properties) {
    out +=
      doc(`${p.description} (a property: no attribute)`) +
      `  '${propertyKey(p.name)}'?: ${el.className}['${p.name}'];\n`;
  }
  return out;
}

/**
 * One JSX flavour.
 * @param {Element[]} elements
 * @param {{ module: string; base: (cls: string) => string; head: string; listener: (event: string) => string; propertyKey?: (name: string) => string; note: string }} flavour
 */
function jsx(elements, flavour) {
  let out = HEADER + flavour.head + imports(elements) + '\n';
  for (const el of elements) {
    out += doc(`\`<${el.tag}>\` in ${flavour.note}`, '');
    out += `export interface ${el.className}JsxProps extends ${flavour.base(el.className)} {\n`;
    out += members(el, flavour.propertyKey);
    for (const e of el.events) {
      out += doc(e.description) + `  '${flavour.listener(e.name)}'?: (event: ${e.type}) => void;\n`;
    }
    out += '}\n\n';
  }
  out += `declare module '${flavour.module}' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of elements) out += `      '${el.tag}': ${el.className}JsxProps;\n`;
  return out + '    }\n  }\n}\n';
}

function vue(elements) {
  let out = HEADER + "import type { DefineComponent } from 'vue';\n" + imports(elements) + '\n';
  for (const el of elements) {
    out += doc(
      `Props of \`<${el.tag}>\` in Vue templates (Vue sets known properties, e.g. \`:config\`).`,
      '',
    );
    out += `export interface ${el.className}VueProps {\n` + members(el);
    for (const e of el.events) {
      out +=
        doc(`\`@${e.name}\`: ${e.description}`) +
        `  on${pascal(e.name)}?: (event: ${e.type}) => void;\n`;
    }
    out += '}\n\n';
  }
  out += "declare module 'vue' {\n  interface GlobalComponents {\n";
  for (const el of elements) out += `    '${el.tag}': DefineComponent<${el.className}VueProps>;\n`;
  return out + '  }\n}\n';
}

function vscode(elements, docsUrl) {
  return {
    $schema:
      'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tag,
      description: [el.summary, el.description].filter(Boolean).join('\n\n'),
      attributes: el.attributes.map((a) => ({
        name: a.name,
        description: a.description,
        ...(a.boolean ? { valueSet: 'v' } : {}),
      })),
      ...(docsUrl
        ? { references: [{ name: 'API reference', url: `${docsUrl}/${el.tag}.md` }] }
        : {}),
    })),
  };
}

/**
 * Writes the typings and the VS Code data for `manifest` into `dist`.
 * @param {object} manifest the parsed custom-elements.json
 * @param {string} dist packages/widgets/dist
 * @param {string} [docsUrl] where docs/api lives on the web, for VS Code's "API reference" links
 */
export function writeFrameworkTypes(manifest, dist, docsUrl) {
  const elements = manifestElements(manifest);
  const dir = join(dist, 'frameworks');
  mkdirSync(dir, { recursive: true });
  const files = {
    'jsx-react.d.ts': jsx(elements, {
      module: 'react',
      head: "import type { DetailedHTMLProps, HTMLAttributes } from 'react';\n",
      base: (cls) => `DetailedHTMLProps<HTMLAttributes<${cls}>, ${cls}>`,
      listener: (event) => `on${event}`,
      note: 'React JSX: attributes work in React 18 and 19; properties and `on<event>` listeners in React 19 (in React 18 use `@chatomni/widgets/react`).',
    }),
    'jsx-preact.d.ts': jsx(elements, {
      module: 'preact',
      head: "import type { JSX } from 'preact';\n",
      base: (cls) => `JSX.HTMLAttributes<${cls}>`,
      listener: (event) => `on${event}`,
      note: 'Preact JSX (known properties are set as properties, `on<event>` adds a listener).',
    }),
    'jsx-solid.d.ts': jsx(elements, {
      module: 'solid-js',
      head: "import type { JSX } from 'solid-js';\n",
      base: (cls) => `JSX.HTMLAttributes<${cls}>`,
      listener: (event) => `on:${event}`,
      propertyKey: (name) => `prop:${name}`,
      note: 'Solid JSX (`on:<event>` adds a listener, `prop:<name>` sets a property).',
    }),
    'vue.d.ts': vue(elements),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dist, 'vscode.html-custom-data.json'),
    `${JSON.stringify(vscode(elements, docsUrl), null, 2)}\n`,
  );
}
