import type { ElementContent } from 'hast';
import { z } from 'zod';
import type { AnnotationFile } from '../lib/annotations/parse-annotation-file.ts';
import { annotationSchema } from '../lib/schema/annotation.ts';
import { documentSchema, editionFileSchema } from '../lib/schema/edition.ts';
import { indexEntrySchema } from '../lib/schema/index-entry.ts';
import { idLockSchema, ledgerSchema, retiredIdSchema } from '../lib/schema/ledger.ts';
import { passageSchema } from '../lib/schema/passage.ts';
import { timelineEventSchema } from '../lib/schema/timeline.ts';

/*
 * The schema of each content collection (src/content.config.ts): the schema of its files
 * (src/lib/schema/), extended by what the edition model worked out from them once.
 */

/** The position of an entry in an order the model worked out (witness, reading or date order). */
const order = z.number().int().nonnegative();

export const collectionSchemas = {
  /** The edition as a whole (title, editors, licence): one entry, id `edition`. */
  edition: editionFileSchema.shape.edition.extend({
    id: z.literal('edition'),
    /** A digest of every content file: changes when any of them does. */
    version: z.string().min(1),
    /** Every id ever retired, with where it lands now. */
    retired: z.array(retiredIdSchema.extend({ href: z.string() })),
  }),

  /** The documents in the witness, with their passages in ¶ order; the entry id is the document id. */
  documents: documentSchema.extend({
    /** 0-based position in the edition file's `documents:` list, which is witness order. */
    order,
    /** The link to the document's page, base path included. */
    href: z.string(),
    /** The ids of its passages, in ¶ order. */
    passages: z.array(z.string()),
    /** Runs of passages under one section heading, with the heading's anchor. */
    sections: z.array(
      z.object({ heading: z.string().nullable(), id: z.string().nullable(), passages: z.array(z.string()) }),
    ),
    /** Retired ids that now land on a passage of this document, by that passage's id. */
    retiredBySuccessor: z.record(z.string(), z.array(z.string())),
  }),

  /** The generated passages; the entry id is the passage's stable id, not its file name. */
  passages: passageSchema.extend({
    /** Its plain text as a browser displays it (src/lib/passage-text.ts). */
    text: z.string(),
  }),

  /** content/apparatus/ledger.json: one entry, id `ledger`. */
  ledger: ledgerSchema,

  /** content/apparatus/ids.lock.json: one entry, id `lock`. */
  idLock: idLockSchema,

  /** content/index/<id>.yaml: the index of names and terms; the id is the file name. */
  index: indexEntrySchema,

  /** content/timeline/<id>.yaml: dated events; the id is the file name (its anchor on /timeline/). */
  timeline: timelineEventSchema.safeExtend({
    /** Its position in date order. */
    order,
    /** Base-aware link to the event on /timeline/. */
    href: z.string(),
  }),

  /** content/annotations/<id>.md, written by hand: the marginal notes, checked against the passages and numbered. */
  annotations: annotationSchema.extend({
    /** Its position in edition order (documents in witness order, then reading order). */
    order,
    /** 1-based, in reading order across its document. */
    number: z.number().int().positive(),
    /** The document of the passage it anchors in, and that passage's ¶ number. */
    document: z.string(),
    passageN: z.number().int().positive(),
    /** The note's text, rendered (src/lib/annotations/note-markup.ts). */
    body: z.custom<ElementContent[]>((value) => Array.isArray(value)),
    /** Where its fields stand in its file, for the messages that name them. */
    at: z.custom<AnnotationFile['at']>().optional(),
  }),

  /** The witness itself (content/source/kirov-scrape.txt), verbatim: one entry, id `witness`. */
  witness: z.object({
    /** The witness's path in the project, as the ledger names it. */
    file: z.string(),
    /** The whole file as UTF-8 text, unchanged. */
    text: z.string(),
  }),
};
