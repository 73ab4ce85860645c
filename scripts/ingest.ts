/**
 * npm run ingest — turns the witness and its edition file into passages, the ledger and the id lock.
 * All the work is done by the pure function ingestWitness(); this file reads, compares and writes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, formatProblem } from '../src/lib/content-error.ts';
import { ingestWitness, LOCK_PATH, PASSAGES_DIR } from '../src/lib/ingest-witness.ts';
import { idLockSchema } from '../src/lib/schema/ledger.ts';

const HELP = `Usage: npm run ingest -- [witness.txt] [options]

Turns a scraped witness into clean, attributed passages with stable ids.

  witness.txt        the witness (default: content/source/kirov-scrape.txt)
  --edition FILE     the edition file (default: <witness>.edition.yaml beside the witness, if present)
  --no-edition       ignore any edition file: heuristics only
  --out DIR          write passages/, apparatus/ledger.json, apparatus/ids.lock.json (and, outside
                     content/, report.txt) to DIR instead of content/
  --check            write nothing; exit 1 if the files in the output folder differ from what the
                     witness and the edition file produce (npm run build and CI run this)
  --report           print every decision with its witness line and reason, flagging heuristic
                     decisions the edition file has not confirmed
  --help             this text

Examples:
  npm run ingest                                   regenerate content/ after editing the edition file
  npm run ingest -- --report                       review every editorial decision
  npm run ingest -- page.txt --out /tmp/page       try the heuristics on another scraped page`;

const DEFAULT_WITNESS = 'content/source/kirov-scrape.txt';
const DEFAULT_OUT = 'content';

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      edition: { type: 'string' },
      'no-edition': { type: 'boolean', default: false },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected one witness file, got ${positionals.length}`);

  const witnessPath = positionals[0] ?? DEFAULT_WITNESS;
  const sibling = join(
    dirname(witnessPath),
    `${basename(witnessPath).replace(/\.[^.]+$/u, '')}.edition.yaml`,
  );
  const editionPath = values['no-edition']
    ? null
    : (values.edition ?? (existsSync(sibling) ? sibling : null));
  if (editionPath && !existsSync(editionPath))
    throw new UsageError(`edition file ${editionPath} does not exist`);
  const outDir = values.out ?? DEFAULT_OUT;
  const writesContent = resolve(outDir) === resolve(DEFAULT_OUT);

  const witness = readInput(witnessPath);
  const lockPath = join(outDir, LOCK_PATH);
  const lock = existsSync(lockPath) ? readLock(lockPath) : null;

  const result = ingestWitness({
    witness,
    witnessFile: relativeName(witnessPath),
    edition: editionPath ? readFileSync(editionPath, 'utf8') : null,
    editionFile: editionPath ? relativeName(editionPath) : null,
    lock,
  });
  if (!writesContent) result.files.set('report.txt', `${result.report}\n`);

  if (values.report) console.log(result.report);
  if (values.check) return check(outDir, result.files);
  writeAtomically(outDir, result.files);
  const documents =
    result.ledger.documents.length <= 4
      ? result.ledger.documents.map((d) => `${d.passages} ${d.id}`).join(', ')
      : `in ${result.ledger.documents.length} documents`;
  console.error(
    `ingest: ${result.passages.length} passages (${documents}), ${result.ledger.removals.length} removals, ${result.ledger.headings.length} headings, ${result.ledger.gaps.length} gaps → ${relativeName(outDir)}/`,
  );
  return 0;
}

class UsageError extends Error {}

function relativeName(path: string): string {
  const name = relative(process.cwd(), resolve(path));
  return name.startsWith('..') ? resolve(path) : name;
}

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ContentError({
      file: relativeName(path),
      line: 1,
      column: 1,
      rule: 'unreadable-witness',
      message: `Unexpected ${(error as NodeJS.ErrnoException).code ?? 'error'} reading the witness, expected a readable text file`,
      fix: 'check the path (run from the project folder) and the file’s permissions',
    });
  }
}

function readLock(path: string) {
  const parsed = idLockSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new ContentError({
      file: relativeName(path),
      line: 1,
      column: 1,
      rule: 'lock-schema',
      message: `Unexpected id lock: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
      fix: 'restore the file from git (`git checkout -- content/apparatus/ids.lock.json`); never edit it by hand, or links break',
    });
  }
  return parsed.data;
}

/** Lists what differs between the generated files and the output folder; exit code 1 if anything does. */
function check(outDir: string, files: Map<string, string>): number {
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (path === 'report.txt') continue;
    const target = join(outDir, path);
    if (!existsSync(target)) problems.push(`missing   ${target}`);
    else if (readFileSync(target, 'utf8') !== content) problems.push(`differs   ${target}`);
  }
  const passagesDir = join(outDir, PASSAGES_DIR);
  for (const path of existsSync(passagesDir) ? listFiles(passagesDir) : []) {
    const key = `${PASSAGES_DIR}/${relative(passagesDir, path).split('\\').join('/')}`;
    if (!files.has(key)) problems.push(`stale     ${path}`);
  }
  if (problems.length === 0) {
    console.error(`ingest --check: ${files.size} generated files match ${relativeName(outDir)}/`);
    return 0;
  }
  console.error(
    `ingest --check: the committed files differ from what the witness and the edition file produce:\n  ${problems.join('\n  ')}\n  fix: run \`npm run ingest\`, review the diff (\`git diff content/\`) and commit it`,
  );
  return 1;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Writes into a staging folder inside the output folder, then swaps it in: the passages folder as a
 * whole, the other files one rename each. A failure leaves the previous output in place.
 */
function writeAtomically(outDir: string, files: Map<string, string>): void {
  const staging = join(outDir, `.ingest-${process.pid}`);
  try {
    mkdirSync(outDir, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    for (const [path, content] of files) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ContentError({
      file: relativeName(outDir),
      line: 1,
      column: 1,
      rule: 'unwritable-output',
      message: `Unexpected ${code} writing to the output folder, expected a folder the ingest can create and write`,
      fix: 'choose another folder with --out, or fix the permissions of this one; nothing was changed',
    });
  }
  const passages = join(outDir, PASSAGES_DIR);
  const retired = join(outDir, `.ingest-old-${process.pid}`);
  if (existsSync(passages)) renameSync(passages, retired);
  renameSync(join(staging, PASSAGES_DIR), passages);
  rmSync(retired, { recursive: true, force: true });
  for (const path of files.keys()) {
    if (path.startsWith(`${PASSAGES_DIR}/`)) continue;
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    renameSync(join(staging, path), join(outDir, path));
  }
  rmSync(staging, { recursive: true, force: true });
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ContentError) {
    console.error(`ingest: ${formatProblem(error.problem)}`);
    process.exitCode = 2;
  } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`ingest: ${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 64;
  } else {
    throw error;
  }
}
