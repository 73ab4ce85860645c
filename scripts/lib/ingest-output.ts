/**
 * How the ingest replaces its output folder (what it may replace: output-guard.ts).
 *
 * The ingest owns `passages/`, `apparatus/ledger.json`, `apparatus/ids.lock.json` (and `report.txt`
 * outside content/) of its output folder, and nothing else. It writes the new output into a staging
 * folder beside them, marks the staging folder complete, and only then moves it into place. A kill
 * before the mark leaves the old output untouched (the next run deletes the unfinished staging folder);
 * a kill after it leaves the new output whole in the staging folder, and the next run finishes the move.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ContentError } from '../../src/lib/content-error.ts';
import { listFiles } from './list-files.ts';

export const PASSAGES = 'passages';
export const LEDGER = 'apparatus/ledger.json';
export const LOCK = 'apparatus/ids.lock.json';
/** The new output, written in full before anything of the old is touched. */
export const STAGING = '.ingest-staging';
/** The previous passages folder, between the two renames of the swap. */
export const PREVIOUS = '.ingest-previous';
/** Written last into the staging folder: the new output is whole and may be moved into place. */
const COMPLETE = '.complete';

/** Each step of the swap, reported to `onStep` (a test stops the swap there, as a kill would). */
export type SwapStep =
  | 'staged'
  | 'marked'
  | 'passages-set-aside'
  | 'passages-moved'
  | `moved ${string}`
  | 'done';

/** How a path is named in messages: relative to the project when inside it. */
export type NameOf = (path: string) => string;

/**
 * What an interrupted earlier run left: `finished` when its new output was whole and has now been moved
 * into place, `discarded` when it was unfinished and has been deleted, null when there was nothing.
 */
export function recoverInterrupted(outDir: string): 'finished' | 'discarded' | null {
  const staging = join(outDir, STAGING);
  if (existsSync(join(staging, COMPLETE))) {
    moveIntoPlace(outDir, () => {});
    return 'finished';
  }
  const leftovers = [staging, join(outDir, PREVIOUS)].filter((path) => existsSync(path));
  // A set-aside passages folder with nothing in its place is the old output: put it back.
  if (existsSync(join(outDir, PREVIOUS)) && !existsSync(join(outDir, PASSAGES)))
    renameSync(join(outDir, PREVIOUS), join(outDir, PASSAGES));
  for (const path of leftovers) rmSync(path, { recursive: true, force: true });
  return leftovers.length > 0 ? 'discarded' : null;
}

/** True when an interrupted run left a staging folder (for --check, which writes nothing). */
export function interruptedRun(outDir: string): boolean {
  return existsSync(join(outDir, STAGING)) || existsSync(join(outDir, PREVIOUS));
}

/**
 * Writes the files into the output folder: all of them into the staging folder, the completion mark,
 * then the swap. A failure before the mark deletes the staging folder and leaves the old output as it
 * was; the message names the path that failed and what to do.
 */
export function writeOutput(
  outDir: string,
  files: ReadonlyMap<string, string>,
  nameOf: NameOf,
  onStep: (step: SwapStep) => void = () => {},
): void {
  const staging = join(outDir, STAGING);
  try {
    mkdirSync(outDir, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    for (const [path, content] of files) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    // Every folder the swap renames into must take new entries, or the swap would stop half-way.
    for (const dir of new Set([...files.keys()].map((path) => dirname(join(outDir, path))))) {
      const existing = existingAncestor(dir);
      if (existing !== dir && !statSync(existing).isDirectory()) {
        throw Object.assign(new Error(`not a directory: ${existing}`), { code: 'ENOTDIR', path: existing });
      }
      accessSync(existing, constants.W_OK);
      if (existsSync(dir) && !statSync(dir).isDirectory())
        throw Object.assign(new Error(`not a directory: ${dir}`), { code: 'ENOTDIR', path: dir });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw outputProblem(error, outDir, nameOf);
  }
  onStep('staged');
  try {
    writeFileSync(join(staging, COMPLETE), '');
  } catch (error) {
    // Out of space or inodes for the mark itself: the new output is unusable, the old one untouched.
    rmSync(staging, { recursive: true, force: true });
    throw outputProblem(error, outDir, nameOf);
  }
  onStep('marked');
  moveIntoPlace(outDir, onStep);
}

function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** Moves a complete staging folder into place; safe to run again after a kill at any step. */
function moveIntoPlace(outDir: string, onStep: (step: SwapStep) => void): void {
  const staging = join(outDir, STAGING);
  const passages = join(outDir, PASSAGES);
  const previous = join(outDir, PREVIOUS);
  if (existsSync(join(staging, PASSAGES))) {
    if (existsSync(passages)) {
      rmSync(previous, { recursive: true, force: true });
      renameSync(passages, previous);
      onStep('passages-set-aside');
    }
    renameSync(join(staging, PASSAGES), passages);
    onStep('passages-moved');
  }
  for (const path of listFiles(staging)) {
    if (path === COMPLETE) continue;
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    renameSync(join(staging, path), join(outDir, path));
    onStep(`moved ${path}`);
  }
  rmSync(previous, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  onStep('done');
}

const CREATE_AND_WRITE = 'a folder the ingest can create and write';

/** A write error as the user can act on it: the path, what went wrong, and the fix. */
export function outputProblem(error: unknown, outDir: string, nameOf: NameOf): ContentError {
  const { path } = error as NodeJS.ErrnoException;
  // For ENOTDIR the path is the folder wanted; what is in the way is the file above it.
  const reported = (error as NodeJS.ErrnoException).code ?? 'error';
  const culprit = reported === 'ENOTDIR' && path ? existingAncestor(path) : (path ?? outDir);
  const code = reported === 'ENOTDIR' ? reported : (readOnlyDisk(culprit) ?? reported);
  const where = nameOf(culprit);
  const fixes: Record<string, [string, string]> = {
    EACCES: [
      CREATE_AND_WRITE,
      `make ${where} writable (\`chmod u+w ${where}\`, or check its owner), or choose another folder with --out`,
    ],
    EPERM: [
      CREATE_AND_WRITE,
      `make ${where} writable (\`chmod u+w ${where}\`, or check its owner), or choose another folder with --out`,
    ],
    EROFS: [
      'a folder on a writable disk (this one is mounted read-only)',
      'the disk is mounted read-only (a read-only checkout, a container volume mounted `:ro`): remount it writable, or choose a folder on a writable disk with --out',
    ],
    ENOSPC: [
      'a disk with free space and free inodes (this one is full)',
      `the disk is full, of bytes or of inodes (\`df -h ${where}\` and \`df -i ${where}\` say which): free some space or delete small files, or choose a folder on another disk with --out`,
    ],
    EDQUOT: [
      'a disk where your quota has room (it is used up)',
      `your disk quota is used up (\`quota -s\` shows it): delete some of your files, or choose a folder on another disk with --out`,
    ],
    ENOTDIR: [
      CREATE_AND_WRITE,
      `${where} is a file where a folder belongs: move it away, or choose another folder with --out`,
    ],
    EEXIST: [CREATE_AND_WRITE, `${where} is in the way: move it away, or choose another folder with --out`],
  };
  const [expected, fix] = fixes[code] ?? [
    CREATE_AND_WRITE,
    'fix the folder’s permissions, or choose another folder with --out',
  ];
  return new ContentError({
    file: where,
    line: 1,
    column: 1,
    rule: 'unwritable-output',
    message: `Unexpected ${code} writing ${where}, expected ${expected}`,
    fix: `${fix}; nothing was changed`,
  });
}

/**
 * EROFS when the nearest existing folder of `path` lies on a read-only disk, whatever error the write
 * reported (a recursive mkdir on a read-only disk can report ENOENT or EACCES); null otherwise.
 */
function readOnlyDisk(path: string): 'EROFS' | null {
  try {
    accessSync(existingAncestor(path), constants.W_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EROFS' ? 'EROFS' : null;
  }
}
