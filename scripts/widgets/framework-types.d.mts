/** Types of framework-types.mjs, for the TypeScript tests and scripts that read the manifest. */

/** An element of the manifest as the generated typings see it. */
export interface ManifestElement {
  tag: string;
  className: string;
  summary: string;
  description: string;
  attributes: { name: string; field?: string; description: string; boolean: boolean }[];
  /** Public fields without an attribute (set as properties). */
  properties: { name: string; description: string }[];
  /** Events with their class name (`type`). */
  events: { name: string; type: string; description: string }[];
}

/** The elements of a parsed custom-elements.json, sorted by tag. */
export function manifestElements(manifest: unknown): ManifestElement[];

/** Writes dist/frameworks/*.d.ts and dist/vscode.html-custom-data.json for `manifest`. */
export function writeFrameworkTypes(manifest: unknown, dist: string, docsUrl?: string): void;
