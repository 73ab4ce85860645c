import type { CustomRecord } from 'pagefind';
import type { NotesExport, PassagesExport, TimelineExport } from '../exports/published.ts';

/*
 * What the search index reads of the exports (src/lib/exports/edition-exports.ts makes them from the
 * edition model, in memory): the fields it uses, picked from their types, so that the index and the
 * exports cannot describe one field twice.
 */

/** What the search index needs of /passages.json. */
export interface PublishedPassages {
  edition: { documents: readonly Pick<PassagesExport['edition']['documents'][number], 'id' | 'title'>[] };
  passages: readonly Pick<
    PassagesExport['passages'][number],
    'id' | 'n' | 'document' | 'section' | 'text' | 'url'
  >[];
}
/** What the search index needs of /notes.json. */
export type PublishedNote = Pick<NotesExport[number], 'id' | 'kind' | 'title' | 'passage' | 'url' | 'text'>;
/** What the search index needs of /timeline.json. */
export type PublishedEvent = Pick<TimelineExport[number], 'id' | 'date' | 'title' | 'summary' | 'url'>;
/** The apparatus: what the edition did and why, without the removed text itself (edition-exports.ts). */
export interface ApparatusSummary {
  url: string;
  title: string;
  content: string;
}

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
