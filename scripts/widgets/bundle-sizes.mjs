/**
 * Sizes of the CDN build, for the build (which prints them) and the bundle benchmark: gzip -9 of
 * a file, the files a page loads first (the entry and what it imports statically), and where the
 * bytes of a minified file come from, read from its source map.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped size of a file, level 9, in bytes. */
export function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** The entry and every chunk it imports statically (transitively): what loads before it runs. */
export function firstLoadFiles(entry) {
  const files = [];
  const visit = (file) => {
    if (files.includes(file)) return;
    files.push(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`), not import().
    for (const m of code.matchAll(/\bimport\s*(?:[^'"()]*?\bfrom\s*)?["'](\.[^"']+)["']/g)) {
      visit(join(dirname(file), m[1]));
    }
  };
  visit(entry);
  return files;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One segment of source map VLQ: its numbers. */
function vlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return out;
}

/**
 * The group a source belongs to in the breakdown: `Lit`, another package by name, or our
 * `src/<area>` (`src/elements/<element>` for elements).
 */
export function sourceGroup(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (pkg) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(pkg) ? 'Lit' : pkg;
  const ours = /src\/((?:elements\/)?[^/]+)/.exec(source)?.[1];
  return ours ? ours.replace(/\.ts$/, '') : '(other)';
}

/**
 * Where the gzipped bytes of a minified file come from: every generated character is given to
 * the source its source map names; each source's characters are gzipped on their own, and the
 * file's real gzip size is shared out in proportion (sources gzipped apart compress worse).
 * Returns groups (see {@link sourceGroup}), largest first.
 */
export function breakdown(file, group = sourceGroup) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = code.split('\n');
  const text = new Map();
  let source = 0;
  map.mappings.split(';').forEach((mapped, index) => {
    const line = lines[index] ?? '';
    const segments = [];
    let column = 0;
    for (const segment of mapped.split(',')) {
      if (!segment) continue;
      const [dc, ds] = vlq(segment);
      column += dc;
      if (ds !== undefined) source += ds;
      segments.push([column, ds === undefined ? -1 : source]);
    }
    segments.forEach(([start, src], i) => {
      const name = src < 0 ? '(unmapped)' : group(map.sources[src]);
      const end = segments[i + 1]?.[0] ?? line.length;
      text.set(name, (text.get(name) ?? '') + line.slice(start, end));
    });
  });
  const total = gzipSync(code, { level: 9 }).length;
  const alone = [...text].map(([name, t]) => [name, gzipSync(t, { level: 9 }).length]);
  const sum = alone.reduce((a, [, n]) => a + n, 0);
  return alone
    .map(([name, n]) => ({ name, bytes: Math.round((n * total) / sum) }))
    .sort((a, b) => b.bytes - a.bytes);
}
