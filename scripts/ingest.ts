/**
 * npm run ingest — turns the witness and its edition file into passages, the ledger and the id lock.
 * All the work is done by the pure function ingestWitness(); this file reads, compares and writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, formatProblem } from '../src/lib/content-error.ts';
import { ingestWitness, LOCK_PATH, PASSAGES_DIR } from '../src/lib/ingest-witness.ts';
import { parseIdLock } from '../src/lib/passages/parse-id-lock.ts';
import {
  guardOutput,
  interruptedRun,
  outputProblem,
  recoverInterrupted,
  STAGING,
  writeOutput,
} from './lib/ingest-output.ts';

const HELP = `Usage: npm run ingest -- [witness.txt] [options]

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
      force: { type: 'boolean', default: false },
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

  if (values.check && interruptedRun(outDir)) {
    console.error(
      `ingest --check: an interrupted ingest left ${relativeName(join(outDir, STAGING))}/\n  fix: run \`npm run ingest\`, which finishes or discards it, then review the diff and commit it`,
    );
    return 1;
  }
  if (!values.check) {
    try {
      const recovered = recoverInterrupted(outDir);
      if (recovered === 'finished')
        console.error(`ingest: finished the swap an interrupted ingest left in ${relativeName(outDir)}/`);
      if (recovered === 'discarded')
        console.error(
          `ingest: deleted the unfinished output an interrupted ingest left in ${relativeName(outDir)}/`,
        );
    } catch (error) {
      throw outputProblem(error, outDir, relativeName);
    }
  }

  const witness = readInput(witnessPath);
  const lockPath = join(outDir, LOCK_PATH);
  const lock = existsSync(lockPath)
    ? parseIdLock(readFileSync(lockPath, 'utf8'), relativeName(lockPath))
    : null;

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
  guardOutput({
    outDir,
    witnessFile: relativeName(witnessPath),
    contentDir: writesContent ? outDir : null,
    editionWitness: DEFAULT_WITNESS,
    force: values.force,
    files: result.files,
    nameOf: relativeName,
  });
  writeOutput(outDir, result.files, relativeName);
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
    const { code, path } = error as NodeJS.ErrnoException;
    if (!code) throw error;
    // An I/O error outside the output folder's own handling: still a message, not a stack.
    console.error(
      `ingest: ${path ? relativeName(path) : 'a file'}: Unexpected ${code} (${(error as Error).message})\n  fix: check that the path exists and that you may read and write it`,
    );
    process.exitCode = 2;
  }
}
