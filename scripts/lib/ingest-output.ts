/**
 * The ingest's output folder: what it may replace, and how it replaces it.
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
  readdirSync,
  readFileSync,
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

export interface OutputGuard {
  outDir: string;
  /** The witness, as the ledger names it. */
  witnessFile: string;
  /** The edition's own content folder, which only its own witness may write. */
  contentDir: string | null;
  /** The edition's witness, when the output is the content folder. */
  editionWitness: string;
  /** The editor replaces the output of another witness on purpose. */
  force: boolean;
  /** The files the ingest will write, by path relative to the output folder. */
  files: ReadonlyMap<string, string>;
  nameOf: NameOf;
  /** A name of a file (as the ledger writes it) as an absolute path, to tell two names of one file. */
  at: (path: string) => string;
}

/**
 * Refuses an output folder the ingest would damage: the edition's content/ for another witness, an
 * existing folder that no ingest wrote, another witness's output (without --force), and a passages/
 * folder holding files the previous ingest did not write (they would be deleted with it).
 */
export function guardOutput(guard: OutputGuard): void {
  const { outDir, nameOf, at } = guard;
  const samePath = (a: string, b: string) => at(a) === at(b);
  const shown = nameOf(outDir);
  const refuse = (file: string, rule: string, message: string, fix: string): never => {
    throw new ContentError({ file, line: 1, column: 1, rule, message, fix });
  };
  if (guard.contentDir !== null && !samePath(guard.witnessFile, guard.editionWitness) && !guard.force) {
    refuse(
      shown,
      'output-is-edition',
      `Unexpected witness ${guard.witnessFile} for the edition's folder ${shown}/, which holds the passages of ${guard.editionWitness}, expected that witness or another output folder`,
      `to try the heuristics on another page, write elsewhere: \`npm run ingest -- ${guard.witnessFile} --out /tmp/page\`; to replace the edition's witness on purpose, add --force`,
    );
  }
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    refuse(
      shown,
      'output-not-folder',
      `Unexpected file ${shown} as the output folder, expected a folder`,
      'choose a folder with --out',
    );
  }
  const ledgerFile = join(outDir, LEDGER);
  const previousWitness = ledgerWitness(ledgerFile);
  if (previousWitness === null) {
    const entries = readdirSync(outDir).filter((name) => name !== STAGING && name !== PREVIOUS);
    if (entries.length > 0 && guard.contentDir === null) {
      refuse(
        shown,
        'output-not-ingest',
        `Unexpected existing folder ${shown}/ that no ingest wrote (it has no ${LEDGER}; it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}), expected a new or empty folder, or the output of an earlier ingest`,
        'choose a new folder with --out: the ingest replaces passages/ in its output folder, so it never writes into a folder it did not create',
      );
    }
  } else if (!samePath(previousWitness, guard.witnessFile) && !guard.force) {
    refuse(
      nameOf(ledgerFile),
      'output-other-witness',
      `Unexpected witness ${guard.witnessFile} for the output folder ${shown}/, which holds the output of ${previousWitness}, expected ${previousWitness}`,
      `write this witness elsewhere with --out, or add --force to replace the output of ${previousWitness} on purpose`,
    );
  }
  const passagesDir = join(outDir, PASSAGES);
  if (!existsSync(passagesDir)) return;
  const generated = new Set([...previousPassageFiles(outDir), ...guard.files.keys()]);
  const foreign = listFiles(passagesDir)
    .map((path) => `${PASSAGES}/${path}`)
    .filter((path) => !generated.has(path));
  if (foreign.length > 0) {
    refuse(
      nameOf(join(outDir, foreign[0] ?? '')),
      'output-foreign-file',
      `Unexpected file${foreign.length > 1 ? `s ${foreign.length}` : ''} in ${nameOf(passagesDir)}/ that the ingest did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}), expected only generated passages`,
      `move ${foreign.length > 1 ? 'them' : 'it'} out of ${nameOf(passagesDir)}/: the ingest replaces that folder as a whole and never deletes what it did not write`,
    );
  }
}

/** The witness the output folder's ledger describes, or null when there is no readable ledger. */
function ledgerWitness(ledgerFile: string): string | null {
  if (!existsSync(ledgerFile)) return null;
  try {
    const ledger = JSON.parse(readFileSync(ledgerFile, 'utf8')) as { witness?: { file?: unknown } };
    return typeof ledger.witness?.file === 'string' ? ledger.witness.file : null;
  } catch {
    return null;
  }
}

/** The passage files the previous ingest wrote, as its id lock lists them. */
function previousPassageFiles(outDir: string): string[] {
  try {
    const lock = JSON.parse(readFileSync(join(outDir, LOCK), 'utf8')) as {
      passages?: { id: string; document: string }[];
    };
    return (lock.passages ?? []).map((passage) => `${PASSAGES}/${passage.document}/${passage.id}.md`);
  } catch {
    return [];
  }
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
  writeFileSync(join(staging, COMPLETE), '');
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

/** A write error as the user can act on it: the path, what went wrong, and the fix. */
export function outputProblem(error: unknown, outDir: string, nameOf: NameOf): ContentError {
  const { code = 'error', path } = error as NodeJS.ErrnoException;
  // For ENOTDIR the path is the folder wanted; what is in the way is the file above it.
  const culprit = code === 'ENOTDIR' && path ? existingAncestor(path) : (path ?? outDir);
  const where = nameOf(culprit);
  const fixes: Record<string, string> = {
    EACCES: `make ${where} writable (\`chmod u+w ${where}\`, or check its owner), or choose another folder with --out`,
    EPERM: `make ${where} writable (\`chmod u+w ${where}\`, or check its owner), or choose another folder with --out`,
    EROFS: 'the disk is read-only: choose a folder on a writable disk with --out',
    ENOSPC: 'free some disk space, or choose a folder on another disk with --out',
    ENOTDIR: `${where} is a file where a folder belongs: move it away, or choose another folder with --out`,
    EEXIST: `${where} is in the way: move it away, or choose another folder with --out`,
  };
  return new ContentError({
    file: where,
    line: 1,
    column: 1,
    rule: 'unwritable-output',
    message: `Unexpected ${code} writing ${where}, expected a folder the ingest can create and write`,
    fix: `${fixes[code] ?? 'fix the folder’s permissions, or choose another folder with --out'}; nothing was changed`,
  });
}
