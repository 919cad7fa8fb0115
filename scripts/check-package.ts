/**
 * Checks `@chatomni/widgets` the way npm users will receive it: publint on the package folder and
 * Are the Types Wrong (`attw`) on the tarball `npm pack` makes, both offline. Needs
 * `npm run build` first. `npm run check:package`; test/package/package.test.ts runs the same
 * checks inside `npm test`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './build-site.ts';

/** The package folder. */
export const WIDGETS = join(ROOT, 'packages', 'widgets');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
const run = promisify(execFile);

/** What one check printed and whether it passed. */
export interface CheckResult {
  ok: boolean;
  output: string;
}

async function check(file: string, args: string[], cwd = ROOT): Promise<CheckResult> {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message };
  }
}

/** One file of `npm pack --json`. */
export interface PackedFile {
  path: string;
  size: number;
}

/**
 * `npm pack` of the widgets into `destination` (or only its file list with `dryRun`).
 * @returns the tarball's path and the files in it
 */
export async function pack(
  destination: string,
  dryRun = false,
): Promise<{ tarball: string; files: PackedFile[] }> {
  const args = ['pack', '--json', '--pack-destination', destination];
  if (dryRun) args.push('--dry-run');
  // --ignore-scripts: the package has no pack scripts, and the dist folder is what is checked.
  const { stdout } = await run('npm', [...args, '--ignore-scripts'], { cwd: WIDGETS });
  const [info] = JSON.parse(stdout) as [{ filename: string; files: PackedFile[] }];
  return { tarball: join(destination, info.filename), files: info.files };
}

/** publint, warnings included (`--strict`): exports, files, types and fields. */
export function publint(): Promise<CheckResult> {
  return check(bin('publint'), ['run', WIDGETS, '--strict']);
}

/**
 * Are the Types Wrong on a packed tarball, for an ESM-only package (CommonJS `require` and
 * node10 resolution are out of scope), without looking up `@types` on the registry.
 */
export function attw(tarball: string): Promise<CheckResult> {
  return check(bin('attw'), [
    tarball,
    '--profile',
    'esm-only',
    '--no-definitely-typed',
    '--format',
    'ascii',
  ]);
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'chatomni-pack-'));
  try {
    const lint = await publint();
    console.log(lint.ok ? 'publint: all good' : `publint failed:\n${lint.output.trim()}`);
    const { tarball, files } = await pack(dir);
    const types = await attw(tarball);
    console.log(
      types.ok
        ? `attw: no problems in ${files.length} packed files (ESM-only profile)`
        : `attw failed:\n${types.output.trim()}`,
    );
    return lint.ok && types.ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main().catch((error: Error) => {
    console.error(error.message);
    return 1;
  });
}
