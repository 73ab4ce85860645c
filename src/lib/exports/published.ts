import { z } from 'zod';
import { noteKindSchema } from '../schema/annotation.ts';
import { removalKindSchema } from '../schema/edition.ts';
import { passageGapSchema, witnessRangeSchema } from '../schema/passage.ts';
import { datePrecisionSchema } from '../schema/timeline.ts';

/*
 * The data the site publishes (docs/ARCHITECTURE.md, "Contracts"), defined once: the views that make
 * it (edition-exports.ts) are typed by these schemas, and the browser tests check the built files with them.
 */

const urlOrNull = z.string().nullable();

/** /passages.json: the edition, its passages in reading order, what was removed and where retired ids lead. */
export const passagesExportSchema = z.object({
  edition: z.object({
    title: z.string(),
    editors: z.string(),
    licence: z.string(),
    witness: z.object({ file: z.string(), sha256: z.string() }),
    documents: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        authors: z.array(z.string()),
        date: z.string(),
        url: z.string(),
      }),
    ),
  }),
  passages: z.array(
    z.object({
      id: z.string(),
      n: z.number().int().positive(),
      document: z.string(),
      section: z.string().nullable(),
      text: z.string(),
      url: z.string(),
      gaps: z.array(passageGapSchema),
    }),
  ),
  removed: z.array(
    z.object({ text: z.string(), kind: removalKindSchema, reason: z.string(), witness: witnessRangeSchema }),
  ),
  retired: z.array(z.object({ id: z.string(), successor: z.string(), url: z.string() })),
});

/** /notes.json: every marginal note in reading order, with the words it is anchored to. */
export const notesExportSchema = z.array(
  z.object({
    id: z.string(),
    n: z.number().int().positive(),
    kind: noteKindSchema,
    title: z.string(),
    document: z.string(),
    passage: z.string(),
    quote: z.string(),
    prefix: z.string().nullable(),
    suffix: z.string().nullable(),
    url: z.string(),
    text: z.string(),
    sources: z.array(z.object({ title: z.string(), url: urlOrNull })),
    related: z.array(z.string()),
  }),
);

/** /timeline.json: every event in date order. */
export const timelineExportSchema = z.array(
  z.object({
    id: z.string(),
    date: z.string(),
    precision: datePrecisionSchema,
    title: z.string(),
    summary: z.string(),
    context: z.boolean(),
    passages: z.array(z.object({ id: z.string(), url: z.string() })),
    source: z.object({ text: z.string(), url: urlOrNull }),
    url: z.string(),
  }),
);

/**
 * /search-spellings.json: every index entry's one-word spellings with the transliteration variants that
 * search also finds them by (src/lib/search/name-variants.ts), for an editor to read and correct through
 * the entry's `variants` and `notVariants`.
 */
export const searchSpellingsExportSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    /** The spelling most paragraphs use, which search shows results for; null when none is one word. */
    text: z.string().nullable(),
    spellings: z.array(z.object({ spelling: z.string(), variants: z.array(z.string()) })),
    /** The editor's own variants (the entry's `variants`). */
    variants: z.array(z.string()),
  }),
);

export type PassagesExport = z.infer<typeof passagesExportSchema>;
export type SearchSpellingsExport = z.infer<typeof searchSpellingsExportSchema>;
export type NotesExport = z.infer<typeof notesExportSchema>;
export type TimelineExport = z.infer<typeof timelineExportSchema>;
