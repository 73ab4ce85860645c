import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
import { annotationFiles, asRecord, dataFile, passageFiles, witnessText } from './collections/loaders.ts';
import {
  EDITION_FILE,
  ID_LOCK_FILE,
  INDEX_DIR,
  LEDGER_FILE,
  TIMELINE_DIR,
  WITNESS_FILE,
} from './lib/content-paths.ts';
import { annotationSchema } from './lib/schema/annotation.ts';
import { documentSchema, editionFileSchema } from './lib/schema/edition.ts';
import { indexEntrySchema } from './lib/schema/index-entry.ts';
import { idLockSchema, ledgerSchema } from './lib/schema/ledger.ts';
import { passageSchema } from './lib/schema/passage.ts';
import { timelineEventSchema } from './lib/schema/timeline.ts';
import { timelineEventId } from './lib/timeline/event-id.ts';

// Paths relative to the project root, as error messages print them, are named in lib/content-paths.ts;
// the loaders that stop the build on a broken file, rather than log and go on, are in collections/loaders.ts.

/** The edition as a whole (title, editors, licence): one entry, id `edition`. */
const edition = defineCollection({
  loader: dataFile(EDITION_FILE, (file) => [{ ...asRecord(file.edition), id: 'edition' }]),
  // The edition block is strict (an unknown field is refused); the loader adds the entry's id.
  schema: editionFileSchema.shape.edition.extend({ id: z.literal('edition') }),
});

/** The documents in the witness; the entry id is the document id. */
const documents = defineCollection({
  loader: dataFile(EDITION_FILE, (file) => {
    if (!Array.isArray(file.documents)) {
      throw new Error(
        `${EDITION_FILE}: Unexpected \`documents\`, expected a list of the documents in the witness`,
      );
    }
    return file.documents.map((document: unknown, order) => ({ ...asRecord(document), order }));
  }),
  // A collection does not keep the order of its entries, and witness order matters to the reader.
  schema: documentSchema.extend({
    /** 0-based position in the edition file's `documents:` list, which is witness order. Set by the loader. */
    order: z.number().int().nonnegative(),
  }),
});

/** The generated passages; the entry id is the passage's stable id, not its file name. */
const passages = defineCollection({
  loader: passageFiles(),
  schema: passageSchema,
});

/** content/apparatus/ledger.json: one entry, id `ledger`. */
const ledger = defineCollection({
  loader: dataFile(LEDGER_FILE, (file) => [{ ...file, id: 'ledger' }]),
  schema: ledgerSchema,
});

/** content/apparatus/ids.lock.json: one entry, id `lock`. */
const idLock = defineCollection({
  loader: dataFile(ID_LOCK_FILE, (file) => [{ ...file, id: 'lock' }]),
  schema: idLockSchema,
});

/** content/index/<id>.yaml: the index of names and terms, one entry per file; the id is the file name. */
const index = defineCollection({
  loader: glob({
    base: `./${INDEX_DIR}`,
    pattern: '**/*.yaml',
    generateId: ({ data, entry }) => {
      const expected =
        entry
          .replace(/\.yaml$/, '')
          .split('/')
          .at(-1) ?? entry;
      if (data.id !== expected) {
        throw new Error(
          `${INDEX_DIR}/${entry}: Unexpected id ${JSON.stringify(data.id)}, expected "${expected}" (the file name without .yaml)`,
        );
      }
      return expected;
    },
  }),
  schema: indexEntrySchema,
});

/** content/timeline/<id>.yaml: dated events, one per file; the id is the file name (its anchor on /timeline/). */
const timeline = defineCollection({
  loader: glob({
    base: `./${TIMELINE_DIR}`,
    pattern: '**/*.{yaml,yml}',
    generateId: ({ entry }) => timelineEventId(entry),
  }),
  schema: timelineEventSchema,
});

/**
 * content/annotations/<id>.md, written by hand: the marginal notes; the id is the file name. Read by
 * the reader the rehype plugin uses when the build starts (src/lib/annotations/load-marginal-notes.ts),
 * so a broken note stops the build at its line; this collection feeds /notes.json and the page checks.
 */
const annotations = defineCollection({
  loader: annotationFiles(),
  schema: annotationSchema,
});

/** The witness itself (content/source/kirov-scrape.txt), verbatim: one entry, id `witness`. */
const witness = defineCollection({
  loader: witnessText(WITNESS_FILE),
  schema: z.object({
    /** The witness's path in the project, as the ledger names it. */
    file: z.string(),
    /** The whole file as UTF-8 text, unchanged. */
    text: z.string(),
  }),
});

export const collections = {
  edition,
  documents,
  passages,
  ledger,
  idLock,
  index,
  timeline,
  annotations,
  witness,
};
