import type { CustomRecord } from 'pagefind';

/** What the search index needs of /passages.json (the published contract, docs/ARCHITECTURE.md). */
export interface PublishedPassages {
  edition: { documents: readonly { id: string; title: string }[] };
  passages: readonly {
    id: string;
    n: number;
    document: string;
    section: string | null;
    text: string;
    url: string;
  }[];
}

/** What the search index needs of /notes.json. */
export interface PublishedNote {
  id: string;
  kind: string;
  title: string;
  passage: string;
  url: string;
  text: string;
}

/** What the search index needs of /timeline.json. */
export interface PublishedEvent {
  id: string;
  date: string;
  title: string;
  summary: string;
  url: string;
}

/** The apparatus: what the edition did and why, without the removed text itself. */
export interface ApparatusSummary {
  url: string;
  title: string;
  content: string;
}

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
    language: 'en',
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
      language: 'en',
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
      language: 'en',
      meta: { title: `${event.title} (${event.date})`, document: 'Timeline', kind: SEARCH_KINDS.event },
      filters: { kind: [SEARCH_KINDS.event] },
    });
  }

  if (input.apparatus) {
    records.push({
      url: input.apparatus.url,
      content: input.apparatus.content,
      language: 'en',
      meta: { title: input.apparatus.title, document: 'About this edition', kind: SEARCH_KINDS.apparatus },
      filters: { kind: [SEARCH_KINDS.apparatus] },
    });
  }
  return records;
}
