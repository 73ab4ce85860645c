import type { CustomRecord } from 'pagefind';
import { z } from 'zod';
import {
  type ApparatusExport,
  notesExportSchema,
  passagesExportSchema,
  timelineExportSchema,
} from '../exports/published.ts';

/*
 * What the search index reads of the published exports: the fields it uses, picked from their schemas
 * (src/lib/exports/published.ts), so that the index and the exports cannot describe one field twice.
 */

/** What the search index needs of /passages.json. */
export const indexedPassagesSchema = z.object({
  edition: z.object({
    documents: z.array(
      passagesExportSchema.shape.edition.shape.documents.element.pick({ id: true, title: true }),
    ),
  }),
  passages: z.array(
    passagesExportSchema.shape.passages.element.pick({
      id: true,
      n: true,
      document: true,
      section: true,
      text: true,
      url: true,
    }),
  ),
});
/** What the search index needs of /notes.json. */
export const indexedNotesSchema = z.array(
  notesExportSchema.element.pick({ id: true, kind: true, title: true, passage: true, url: true, text: true }),
);
/** What the search index needs of /timeline.json. */
export const indexedEventsSchema = z.array(
  timelineExportSchema.element.pick({ id: true, date: true, title: true, summary: true, url: true }),
);

export type PublishedPassages = z.infer<typeof indexedPassagesSchema>;
export type PublishedNote = z.infer<typeof indexedNotesSchema>[number];
export type PublishedEvent = z.infer<typeof indexedEventsSchema>[number];
/** The apparatus: what the edition did and why, without the removed text itself. */
export type ApparatusSummary = ApparatusExport;

/**
 * The language the index is built for. Not English: Pagefind stems the words of a language it knows,
 * and its English stemmer cuts "witness" to "wit", which then finds "with" and "within". For a language
 * it has no stemmer for, it indexes the words as written (its `wasm.unknown` build); it still matches a
 * typed word as the start of longer ones, so "witness" finds "witnesses" and "witnessed".
 */
export const INDEX_LANGUAGE = 'und';

/** The reader-facing names of the `kind` filter. */
export const SEARCH_KINDS = { text: 'Text', note: 'Note', event: 'Event', apparatus: 'Apparatus' } as const;

/**
 * One search record per paragraph, note and timeline event, so that a result is a paragraph (with its ¶,
 * section and document) and lands on its anchor. Only what the reader sees is indexed: junk the edition
 * removed never reaches these exports, and the apparatus is a record of its own kind.
 */
export function searchRecords(input: {
  passages: PublishedPassages;
  notes: readonly PublishedNote[];
  events: readonly PublishedEvent[];
  apparatus: ApparatusSummary | null;
}): CustomRecord[] {
  const documentTitle = new Map(input.passages.edition.documents.map((d) => [d.id, d.title]));
  const passageById = new Map(input.passages.passages.map((p) => [p.id, p]));
  const titleOf = (document: string) => documentTitle.get(document) ?? document;

  const records: CustomRecord[] = input.passages.passages.map((passage, order) => ({
    url: passage.url,
    content: passage.text,
    language: INDEX_LANGUAGE,
    meta: {
      // Pagefind weighs a record's title above its content: the section heading stays out of it (the
      // results list shows it from `section`), or every paragraph under "Individual Terrorism, …"
      // would outrank the one that speaks of individual terrorism.
      title: `¶ ${passage.n}`,
      n: String(passage.n),
      section: passage.section ?? '',
      document: titleOf(passage.document),
      kind: SEARCH_KINDS.text,
    },
    filters: { document: [titleOf(passage.document)], kind: [SEARCH_KINDS.text] },
    // Reading order, so that results can be listed as they stand in the text.
    sort: { order: String(order).padStart(6, '0') },
  }));

  for (const note of input.notes) {
    const passage = passageById.get(note.passage);
    const document = passage ? titleOf(passage.document) : '';
    records.push({
      url: note.url,
      content: `${note.title}. ${note.text}`,
      language: INDEX_LANGUAGE,
      meta: {
        title: `Note: ${note.title}`,
        n: passage ? String(passage.n) : '',
        section: passage?.section ?? '',
        document,
        kind: SEARCH_KINDS.note,
      },
      filters: { ...(document ? { document: [document] } : {}), kind: [SEARCH_KINDS.note] },
    });
  }

  for (const event of input.events) {
    records.push({
      url: event.url,
      content: `${event.title}. ${event.summary}`,
      language: INDEX_LANGUAGE,
      meta: { title: `${event.title} (${event.date})`, document: 'Timeline', kind: SEARCH_KINDS.event },
      filters: { kind: [SEARCH_KINDS.event] },
    });
  }

  if (input.apparatus) {
    records.push({
      url: input.apparatus.url,
      content: input.apparatus.content,
      language: INDEX_LANGUAGE,
      meta: { title: input.apparatus.title, document: 'About this edition', kind: SEARCH_KINDS.apparatus },
      filters: { kind: [SEARCH_KINDS.apparatus] },
    });
  }
  return records;
}
