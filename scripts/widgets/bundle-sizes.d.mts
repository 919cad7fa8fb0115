/** Types of bundle-sizes.mjs, for the bundle benchmark. */

/** Gzipped size of a file, level 9, in bytes. */
export function gzipSize(path: string): number;
/** The entry and every chunk it imports statically (transitively): what loads before it runs. */
export function firstLoadFiles(entry: string): string[];
/** The group a source belongs to in the breakdown (`Lit`, a package, or `src/<area>`). */
export function sourceGroup(source: string): string;
/** Where the gzipped bytes of a minified file come from, by group, largest first. */
export function breakdown(
  file: string,
  group?: (source: string) => string,
): { name: string; bytes: number }[];
