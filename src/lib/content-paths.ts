/** Where the edition's source files live, relative to the project root: one place to name each. */

/** The witness: the scraped page, verbatim, never edited. */
export const WITNESS_FILE = 'content/source/kirov-scrape.txt';
/** The edition file: the editor's decisions about the witness, and the documents it holds. */
export const EDITION_FILE = 'content/source/kirov-scrape.edition.yaml';
/** Every paragraph id ever given, live or retired with its successor (written by npm run ingest). */
export const ID_LOCK_FILE = 'content/apparatus/ids.lock.json';
/**
 * The ¶ numbers of release 0.1.0, the last whose handout links named paragraphs by number, frozen:
 * each document's ids in that numbering, so that ?handout=3,7-9 opens what it opened then. Never
 * regenerated.
 */
export const HANDOUT_NUMBERS_FILE = 'content/apparatus/handout-numbers.json';
/** What the ingest removed from the witness and why (written by npm run ingest). */
export const LEDGER_FILE = 'content/apparatus/ledger.json';
/** The passages, one Markdown file each, in a folder per document (written by npm run ingest). */
export const PASSAGES_DIR = 'content/passages';
/** The marginal notes, one Markdown file each, written by hand; the file name is the note's id. */
export const ANNOTATIONS_DIR = 'content/annotations';
/** The timeline's events, one YAML file each, written by hand; the file name is the event's id. */
export const TIMELINE_DIR = 'content/timeline';
/** The index of names and terms, one YAML file each, written by hand. */
export const INDEX_DIR = 'content/index';
