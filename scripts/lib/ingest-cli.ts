/**
 * npm run ingest, callable in-process: turns the witness and its edition file into passages, the ledger
 * and the id lock. All the work is done by the pure function ingestWitness(); this file reads, compares
 * and writes. Every path is resolved against the `cwd` it is given (never the process's own), and every
 * line goes to the streams it is given, so that tests run it without spawning Node.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, type ContentProblem, formatProblem } from '../../src/lib/content-error.ts';
import { WITNESS_FILE } from '../../src/lib/content-paths.ts';
import { MAX_EDITION_BYTES } from '../../src/lib/edition/parse-edition-file.ts';
import { type IngestResult, ingestWitness, LOCK_PATH, PASSAGES_DIR } from '../../src/lib/ingest-witness.ts';
import { parseIdLock } from '../../src/lib/passages/parse-id-lock.ts';
import { MAX_WITNESS_BYTES } from '../../src/lib/witness/decode-witness.ts';
import {
  acquireLock,
  type HeldLock,
  LOCK_FILE,
  LOCK_WAIT_MS,
  LockHeld,
  waitForNoLock,
} from './ingest-lock.ts';
import {
  interruptedRun,
  type NameOf,
  outputProblem,
  recoverInterrupted,
  STAGING,
  writeOutput,
} from './ingest-output.ts';
import { listFiles } from './list-files.ts';
import { guardOutput } from './output-guard.ts';
import { type BoundedRead, readBounded } from './read-bounded.ts';

export const HELP = `Usage: npm run ingest -- [witness.txt] [options]

Turns a scraped witness into clean, attributed passages with stable ids.

  witness.txt        the witness (default: content/source/kirov-scrape.txt)
  --edition FILE     the edition file (default: <witness>.edition.yaml beside the witness, if present)
  --no-edition       ignore any edition file: heuristics only
  --out DIR          write passages/, apparatus/ledger.json, apparatus/ids.lock.json (and, outside
                     content/, report.txt) to DIR instead of content/; DIR must be new, empty, or
                     the output of an earlier ingest of the same witness
  --force            replace the output of another witness (content/ included) on purpose
  --check            write nothing; exit 1 if the files in the output folder differ from what the
                     witness and the edition file produce (npm run build and CI run this)
  --report           print every decision with its witness line and reason, flagging heuristic
                     decisions the edition file has not confirmed
  --help             this text

One ingest runs at a time per output folder (its lock is DIR/.ingest-lock); another waits up to 5 s.
Exit codes: 0 output written (or, with --check, current), 1 --check found differences, 2 a problem
with an input file or the output folder, 64 a usage error, 75 another ingest holds the output folder.

Examples:
  npm run ingest                                   regenerate content/ after editing the edition file
  npm run ingest -- --report                       review every editorial decision
  npm run ingest -- page.txt --out /tmp/page       try the heuristics on another scraped page`;

const DEFAULT_OUT = 'content';

/** Where the ingest runs and where its lines go (process.stdout and process.stderr fit). */
export interface IngestIo {
  /** The folder relative paths are read against, and that messages name paths relative to. */
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** How long to wait for another ingest of the same output folder to finish (default LOCK_WAIT_MS). */
  lockWaitMs?: number;
}

/** Exit code of a run that found another ingest writing its output folder, and wrote nothing. */
export const EXIT_LOCKED = 75;

/**
 * Runs the ingest with command-line arguments; returns the exit code: 0 when it wrote its output (or
 * --check found it current), 1 when --check found it stale, 2 for a problem with the input or the
 * output folder, 64 for a usage error, 75 when another ingest held the output folder. Only 0 means
 * the output was written.
 */
export function runIngest(argv: readonly string[], io: IngestIo): number {
  const at = (path: string) => resolve(io.cwd, path);
  const nameOf: NameOf = (path) => {
    const name = relative(io.cwd, at(path));
    return name.startsWith('..') ? at(path) : name;
  };
  const say = (text: string) => io.stderr.write(`${text}\n`);
  try {
    return ingest(argv, {
      at,
      nameOf,
      say,
      print: (text) => io.stdout.write(`${text}\n`),
      lockWaitMs: io.lockWaitMs ?? LOCK_WAIT_MS,
    });
  } catch (error) {
    if (error instanceof LockHeld) {
      say(`ingest: ${formatProblem(lockProblem(error, nameOf))}`);
      return EXIT_LOCKED;
    }
    if (error instanceof ContentError) {
      say(`ingest: ${formatProblem(error.problem)}`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`ingest: ${(error as Error).message}\n\n${HELP}`);
      return 64;
    }
    const { code, path } = error as NodeJS.ErrnoException;
    if (!code) throw error;
    // An I/O error outside the output folder's own handling: still a message, not a stack.
    say(
      `ingest: ${path ? nameOf(path) : 'a file'}: Unexpected ${code} (${(error as Error).message})\n  fix: check that the path exists and that you may read and write it`,
    );
    return 2;
  }
}

interface Run {
  /** A path given on the command line (or a default), resolved against the run's folder. */
  at: (path: string) => string;
  nameOf: NameOf;
  /** A line on stderr (progress and problems). */
  say: (text: string) => void;
  /** A line on stdout (what was asked for: --help, --report). */
  print: (text: string) => void;
  lockWaitMs: number;
}

class UsageError extends Error {}

function ingest(argv: readonly string[], run: Run): number {
  const { at, nameOf, say } = run;
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      edition: { type: 'string' },
      'no-edition': { type: 'boolean', default: false },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    run.print(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected one witness file, got ${positionals.length}`);

  const witnessPath = at(positionals[0] ?? WITNESS_FILE);
  const sibling = join(
    dirname(witnessPath),
    `${basename(witnessPath).replace(/\.[^.]+$/u, '')}.edition.yaml`,
  );
  const editionPath = values['no-edition']
    ? null
    : values.edition !== undefined
      ? at(values.edition)
      : existsSync(sibling)
        ? sibling
        : null;
  if (editionPath && !existsSync(editionPath))
    throw new UsageError(`edition file ${values.edition} does not exist`);
  // The folder as given is how --check names the files it compares.
  const outShown = values.out ?? DEFAULT_OUT;
  const outDir = at(outShown);
  // A symlink to content/ is content/: the guard decides on the folder written, not on its name.
  const writesContent = realPath(outDir) === realPath(at(DEFAULT_OUT));
  const inputs = { witnessPath, editionPath, outDir, outShown, writesContent };

  if (values.check) {
    // A check writes nothing, so it takes no lock; it only waits for an ingest writing the folder.
    waitForNoLock(outDir, run.lockWaitMs);
    if (interruptedRun(outDir)) {
      say(
        `ingest --check: an interrupted ingest left ${nameOf(join(outDir, STAGING))}/\n  fix: run \`npm run ingest\`, which finishes or discards it, then review the diff and commit it`,
      );
      return 1;
    }
    const result = generate(inputs, run);
    if (values.report) run.print(result.report);
    return check(outDir, outShown, result.files, run);
  }

  let lock: HeldLock;
  try {
    lock = acquireLock(outDir, { waitMs: run.lockWaitMs, say, nameOf });
  } catch (error) {
    if (error instanceof LockHeld) throw error;
    throw outputProblem(error, outDir, nameOf);
  }
  try {
    try {
      const recovered = recoverInterrupted(outDir);
      if (recovered === 'finished')
        say(`ingest: finished the swap an interrupted ingest left in ${nameOf(outDir)}/`);
      if (recovered === 'discarded')
        say(`ingest: deleted the unfinished output an interrupted ingest left in ${nameOf(outDir)}/`);
    } catch (error) {
      throw outputProblem(error, outDir, nameOf);
    }
    const result = generate(inputs, run);
    if (values.report) run.print(result.report);
    guardOutput({
      outDir,
      witnessFile: nameOf(witnessPath),
      contentDir: writesContent ? outDir : null,
      editionWitness: WITNESS_FILE,
      force: values.force,
      files: result.files,
      nameOf,
      at: (path) => realPath(at(path)),
    });
    // The lock is this run's unless someone deleted it by hand, or cleared it as stale, meanwhile.
    if (!lock.stillHeld()) throw new LockHeld(null, join(outDir, LOCK_FILE));
    writeOutput(outDir, result.files, nameOf);
    const documents =
      result.ledger.documents.length <= 4
        ? result.ledger.documents.map((d) => `${d.passages} ${d.id}`).join(', ')
        : `in ${result.ledger.documents.length} documents`;
    say(
      `ingest: ${result.passages.length} passages (${documents}), ${result.ledger.removals.length} removals, ${result.ledger.headings.length} headings, ${result.ledger.gaps.length} gaps → ${nameOf(outDir)}/`,
    );
    return 0;
  } finally {
    lock.release();
  }
}

interface Inputs {
  witnessPath: string;
  editionPath: string | null;
  outDir: string;
  outShown: string;
  writesContent: boolean;
}

/** Reads the witness, the edition file and the output folder's id lock, and runs the ingest on them. */
function generate(inputs: Inputs, run: Run): IngestResult {
  const { witnessPath, editionPath, outDir, writesContent } = inputs;
  const { nameOf } = run;
  const witness = readWitness(witnessPath, nameOf);
  const lockPath = join(outDir, LOCK_PATH);
  const lock = existsSync(lockPath) ? parseIdLock(readFileSync(lockPath, 'utf8'), nameOf(lockPath)) : null;
  const result = ingestWitness({
    witness,
    witnessFile: nameOf(witnessPath),
    edition: editionPath ? readEdition(editionPath, nameOf) : null,
    editionFile: editionPath ? nameOf(editionPath) : null,
    lock,
  });
  if (!writesContent) result.files.set('report.txt', `${result.report}\n`);
  return result;
}

/** The path with every symlink in it resolved, as far as it exists (the rest appended as given). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/** A lock held by another ingest, as the user can act on it: who holds it, and how to clear it. */
function lockProblem(error: LockHeld, nameOf: NameOf): ContentProblem {
  const where = nameOf(error.lockFile);
  const { holder } = error;
  return {
    file: where,
    line: 1,
    column: 1,
    rule: 'ingest-locked',
    message: holder
      ? `Unexpected lock held by another ingest (pid ${holder.pid} on ${holder.host}, started ${holder.started}), expected no other ingest writing ${nameOf(dirname(error.lockFile))}/; nothing was changed`
      : `Unexpected lock file that names no running ingest (it was deleted or replaced while this run held it, or is not an ingest's lock), expected this run's lock; nothing was changed`,
    fix: holder
      ? `wait for that ingest to finish and run again; if no ingest is running (\`ps -p ${holder.pid}\` shows none), delete ${where} and run again`
      : `make sure no other ingest is running, delete ${where} if it is still there, and run again`,
  };
}

/** The witness's bytes, read within its limit; refuses what is not a regular file within it. */
function readWitness(path: string, nameOf: NameOf): Uint8Array {
  return readInput(path, nameOf, {
    file: nameOf(path),
    what: 'witness',
    rule: 'witness',
    max: MAX_WITNESS_BYTES,
    why: 'the ingest needs up to 80 bytes of memory per byte of witness, so a larger file would exhaust the memory of a build machine',
    fix: 'a scraped page is rarely over 1 MB: check that this is the page’s text; split a larger collection into one witness per page',
  });
}

/** The edition file's text, read within its limit, at the place it passes the limit if it does. */
function readEdition(path: string, nameOf: NameOf): string {
  const bytes = readInput(path, nameOf, {
    file: nameOf(path),
    what: 'edition file',
    rule: 'edition',
    max: MAX_EDITION_BYTES,
    why: 'the edition file holds the editor’s decisions, a few lines each, and parsing a larger one would take far more memory than the witness',
    fix: 'look at this line: a value pasted in by mistake (a whole page as a reason or a quote) is the usual cause; quote only the words each decision needs',
    locateExcess: true,
  });
  return new TextDecoder().decode(bytes);
}

function readInput(path: string, nameOf: NameOf, read: BoundedRead): Uint8Array {
  try {
    return readBounded(path, read);
  } catch (error) {
    if (error instanceof ContentError) throw error;
    throw new ContentError({
      file: nameOf(path),
      line: 1,
      column: 1,
      rule: `unreadable-${read.rule}`,
      message: `Unexpected ${(error as NodeJS.ErrnoException).code ?? 'error'} reading the ${read.what}, expected a readable text file`,
      fix: 'check the path (run from the project folder) and the file’s permissions',
    });
  }
}

/**
 * Lists what differs between the generated files and the output folder (named as `outShown`, the folder
 * as given); exit code 1 if anything does.
 */
function check(outDir: string, outShown: string, files: Map<string, string>, run: Run): number {
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (path === 'report.txt') continue;
    const target = join(outDir, path);
    if (!existsSync(target)) problems.push(`missing   ${join(outShown, path)}`);
    else if (readFileSync(target, 'utf8') !== content) problems.push(`differs   ${join(outShown, path)}`);
  }
  const passagesDir = join(outDir, PASSAGES_DIR);
  for (const path of existsSync(passagesDir) ? listFiles(passagesDir) : []) {
    if (!files.has(`${PASSAGES_DIR}/${path}`))
      problems.push(`stale     ${join(outShown, PASSAGES_DIR, path)}`);
  }
  if (problems.length === 0) {
    run.say(`ingest --check: ${files.size} generated files match ${run.nameOf(outDir)}/`);
    return 0;
  }
  run.say(
    `ingest --check: the committed files differ from what the witness and the edition file produce:\n  ${problems.join('\n  ')}\n  fix: run \`npm run ingest\`, review the diff (\`git diff content/\`) and commit it`,
  );
  return 1;
}
