/**
 * npm run check:determinism — builds the site twice from the working tree, each build with its own cache,
 * and compares the two output folders byte for byte. A build that differs from itself cannot be
 * verified by rebuilding, makes every deploy look like a change, and gives the service worker new
 * revisions (so every reader re-downloads the edition) when nothing changed.
 *
 * `--against <folder>` builds once and compares that build with one already made from the same tree
 * (CI passes dist/, built a moment before from a fresh clone, so the site is built three times, not four).
 *
 * Exit 0: identical. Exit 1: the builds differ (each differing, missing or extra file is listed, and the
 * two folders are kept for inspection). Exit 2: a build failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { listFiles } from './lib/list-files.ts';

export interface TreeDifference {
  /** The file's path relative to both trees, with forward slashes. */
  path: string;
  /** changed: in both trees with other bytes; missing: only in the first tree; extra: only in the second. */
  kind: 'changed' | 'missing' | 'extra';
  sizeA?: number;
  sizeB?: number;
  /** Where the first difference is: the line (text) or the byte offset (binary). */
  detail?: string;
}

export interface TreeComparison {
  /** Files present in both trees. */
  files: number;
  /** Bytes of the first tree. */
  bytes: number;
  differences: TreeDifference[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

const EXCERPT = 60;

/** The first line on which two texts differ, shortened around the difference when it is long (minified code). */
function describeTextDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const lineStart = a.lastIndexOf('\n', at - 1) + 1;
  const line = a.slice(0, lineStart).split('\n').length;
  const lineOf = (text: string) => {
    const end = text.indexOf('\n', lineStart);
    const whole = text.slice(lineStart, end === -1 ? undefined : end);
    const column = at - lineStart;
    if (whole.length <= 2 * EXCERPT) return whole;
    const from = Math.max(0, column - EXCERPT);
    const to = Math.min(whole.length, column + EXCERPT);
    return `${from > 0 ? '…' : ''}${whole.slice(from, to)}${to < whole.length ? '…' : ''}`;
  };
  return `line ${line}, column ${at - lineStart + 1}:\n    a: ${lineOf(a)}\n    b: ${lineOf(b)}`;
}

function describeDifference(a: Buffer, b: Buffer): string {
  const textA = asText(a);
  const textB = asText(b);
  if (textA !== null && textB !== null) return describeTextDifference(textA, textB);
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return `binary, first difference at byte ${at}`;
}

/** Compares two folders file by file: which files differ, and which exist in only one of them. */
export function compareTrees(a: string, b: string): TreeComparison {
  const filesA = listFiles(a);
  const filesB = new Set(listFiles(b));
  const differences: TreeDifference[] = [];
  let files = 0;
  let bytes = 0;
  for (const path of filesA) {
    const bytesA = readFileSync(join(a, path));
    bytes += bytesA.length;
    if (!filesB.has(path)) {
      differences.push({ path, kind: 'missing', sizeA: bytesA.length });
      continue;
    }
    filesB.delete(path);
    files++;
    const bytesB = readFileSync(join(b, path));
    if (!bytesA.equals(bytesB)) {
      differences.push({
        path,
        kind: 'changed',
        sizeA: bytesA.length,
        sizeB: bytesB.length,
        detail: describeDifference(bytesA, bytesB),
      });
    }
  }
  for (const path of filesB) differences.push({ path, kind: 'extra', sizeB: statSync(join(b, path)).size });
  differences.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { files, bytes, differences };
}

function build(root: string, outDir: string, cacheDir: string): number {
  const started = performance.now();
  const result = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    cwd: root,
    env: { ...process.env, KIROV_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
    console.error(
      `check-determinism: \`astro build --outDir ${outDir}\` failed (${result.error?.message ?? `exit code ${result.status}`}); the last lines it printed:\n\n${output}\n\nFix the build first (npx astro build shows the whole output).`,
    );
    process.exit(2);
  }
  return (performance.now() - started) / 1000;
}

/** The folder named by `--against <folder>`, resolved, or null; exits 2 when it is not a whole build. */
function againstFolder(args: readonly string[]): string | null {
  const at = args.indexOf('--against');
  if (at === -1) return null;
  const folder = args[at + 1];
  if (!folder || !existsSync(join(folder, 'index.html'))) {
    console.error(
      `check-determinism: --against needs a built site's folder (one with index.html), got ${folder ?? 'nothing'}; build it first with \`npm run build\` and pass --against dist`,
    );
    process.exit(2);
  }
  return resolve(folder);
}

function main(args: readonly string[]): number {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const against = againstFolder(args);
  const work = mkdtempSync(join(tmpdir(), 'kirov-determinism-'));
  const a = against ?? join(work, 'a');
  const b = join(work, 'b');
  const started = performance.now();
  console.log(
    against
      ? `check-determinism: building the site again into ${b}, to compare with ${a}`
      : `check-determinism: building the site twice into ${work}/{a,b}`,
  );
  const secondsA = against ? null : build(root, a, join(work, 'cache-a'));
  const secondsB = build(root, b, join(work, 'cache-b'));
  const { files, bytes, differences } = compareTrees(a, b);
  const builds =
    secondsA === null
      ? `build ${secondsB.toFixed(1)} s`
      : `builds ${secondsA.toFixed(1)} s + ${secondsB.toFixed(1)} s`;
  const timing = `${builds}, ${((performance.now() - started) / 1000).toFixed(1)} s in all`;
  if (differences.length === 0) {
    rmSync(work, { recursive: true, force: true });
    console.log(
      `dist is deterministic: ${files} files, ${(bytes / 1024).toFixed(0)} KB identical (${timing})`,
    );
    return 0;
  }
  console.error(`dist is NOT deterministic: ${differences.length} of ${files} files differ (${timing})\n`);
  for (const { path, kind, sizeA, sizeB, detail } of differences) {
    const sizes = kind === 'changed' ? `${sizeA} → ${sizeB} bytes` : `${sizeA ?? sizeB} bytes`;
    const what = {
      changed: 'differs',
      missing: 'only in the first build',
      extra: 'only in the second build',
    }[kind];
    console.error(`  ${path}: ${what} (${sizes})${detail ? `\n    ${detail}` : ''}`);
  }
  console.error(`\nBoth builds are kept for inspection: ${a} and ${b}`);
  return 1;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
