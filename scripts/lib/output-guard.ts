/**
 * What the ingest may replace: it owns `passages/`, `apparatus/ledger.json`, `apparatus/ids.lock.json`
 * (and `report.txt` outside content/) of its output folder, and refuses a folder where writing them
 * would damage anything else.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError } from '../../src/lib/content-error.ts';
import { LOCK_FILE } from './ingest-lock.ts';
import { LEDGER, LOCK, type NameOf, PASSAGES, PREVIOUS, STAGING } from './ingest-output.ts';
import { listFiles } from './list-files.ts';

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
    const entries = readdirSync(outDir).filter(
      (name) => name !== STAGING && name !== PREVIOUS && !name.startsWith(LOCK_FILE),
    );
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
