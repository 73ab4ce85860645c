/** Where the edition's source files live, relative to the project root: one place to name each. */

/** The edition file: the editor's decisions about the witness, and the documents it holds. */
export const EDITION_FILE = 'content/source/kirov-scrape.edition.yaml';
/** Every paragraph id ever given, live or retired with its successor (written by npm run ingest). */
export const ID_LOCK_FILE = 'content/apparatus/ids.lock.json';
/** What the ingest removed from the witness and why (written by npm run ingest). */
export const LEDGER_FILE = 'content/apparatus/ledger.json';
/** The passages, one Markdown file each, in a folder per document (written by npm run ingest). */
export const PASSAGES_DIR = 'content/passages';
