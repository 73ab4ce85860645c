import { existsSync, readFileSync } from 'node:fs';
import { EDITION_FILE, ID_LOCK_FILE, WITNESS_FILE } from '../../src/lib/content-paths.ts';
import type { IngestInput } from '../../src/lib/ingest-witness.ts';
import { parseIdLock } from '../../src/lib/passages/parse-id-lock.ts';

/**
 * The ingest's input for the edition as committed: the witness, the edition file and (with `withLock`)
 * the id lock, so that the passages get the ids content/ holds.
 */
export function editionInput({ withLock }: { withLock: boolean }): IngestInput {
  return {
    witness: readFileSync(WITNESS_FILE),
    witnessFile: WITNESS_FILE,
    edition: readFileSync(EDITION_FILE, 'utf8'),
    editionFile: EDITION_FILE,
    lock:
      withLock && existsSync(ID_LOCK_FILE)
        ? parseIdLock(readFileSync(ID_LOCK_FILE, 'utf8'), ID_LOCK_FILE)
        : null,
  };
}
