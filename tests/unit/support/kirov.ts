import { readFileSync } from 'node:fs';
import { EDITION_FILE, ID_LOCK_FILE as LOCK_FILE, WITNESS_FILE } from '../../../src/lib/content-paths.ts';
import { ingestWitness } from '../../../src/lib/ingest-witness.ts';
import { idLockSchema } from '../../../src/lib/schema/ledger.ts';

export { EDITION_FILE, LOCK_FILE, WITNESS_FILE };

export const witnessBytes = () => readFileSync(WITNESS_FILE);
export const witnessText = () => readFileSync(WITNESS_FILE, 'utf8');
export const editionText = () => readFileSync(EDITION_FILE, 'utf8');
export const committedLock = () => idLockSchema.parse(JSON.parse(readFileSync(LOCK_FILE, 'utf8')));

/** The edition as the committed witness, edition file and id lock produce it. */
export function ingestKirov() {
  return ingestWitness({
    witness: witnessBytes(),
    witnessFile: WITNESS_FILE,
    edition: editionText(),
    editionFile: EDITION_FILE,
    lock: committedLock(),
  });
}

/** Runs the ingest on a text with no edition file and no lock. */
export function ingestText(text: string, edition: string | null = null) {
  return ingestWitness({
    witness: new TextEncoder().encode(text),
    witnessFile: 'test.txt',
    edition,
    editionFile: edition === null ? null : 'test.edition.yaml',
    lock: null,
  });
}
