import { visibleText } from '../annotations/hast-range.ts';
import type { EditionModel } from '../edition-model/edition-model.ts';
import { findMentions } from '../name-index/find-mentions.ts';
import { entrySpellings } from '../search/name-variants.ts';
import type { NotesExport, PassagesExport, SearchSpellingsExport, TimelineExport } from './published.ts';

/*
 * The JSON exports (docs/ARCHITECTURE.md, "Contracts") as views of the edition model: the pages under
 * src/pages/*.json.ts publish them, and the search index is made from the same views in memory, never
 * from the published files.
 */

/** /passages.json: passages in edition order, what was removed from the witness and why, where retired ids lead. */
export function passagesExport({ edition }: Pick<EditionModel, 'edition'>): PassagesExport {
  return {
    edition: {
      title: edition.title,
      editors: edition.editors,
      licence: edition.licence,
      witness: edition.witness,
      documents: edition.documents.map((document) => ({
        id: document.id,
        title: document.title,
        authors: document.authors,
        date: document.date,
        url: document.href,
      })),
    },
    passages: edition.passages.map(({ entry, text, href }) => ({
      id: entry.id,
      n: entry.data.n,
      document: entry.data.document,
      section: entry.data.section,
      text,
      url: href,
      gaps: entry.data.gaps,
    })),
    removed: edition.ledger.removals.map((removal) => ({
      text: removal.text,
      kind: removal.kind,
      reason: removal.reason,
      witness: removal.witness,
    })),
    retired: edition.retired.map((entry) => ({ id: entry.id, successor: entry.successor, url: entry.href })),
  };
}

/** /notes.json: every note in edition order, with the words it is anchored to and its text as displayed. */
export function notesExport({ notes, edition }: Pick<EditionModel, 'notes' | 'edition'>): NotesExport {
  const hrefOf = new Map(edition.documents.map((document) => [document.id, document.href]));
  return notes.map((note) => ({
    id: note.id,
    n: note.number,
    kind: note.kind,
    title: note.title,
    document: note.document,
    passage: note.target.passage,
    quote: note.target.quote,
    prefix: note.target.prefix ?? null,
    suffix: note.target.suffix ?? null,
    url: `${hrefOf.get(note.document) ?? ''}#note-${note.id}`,
    text: note.body.map((block) => visibleText(block).replace(/\s+/g, ' ').trim()).join('\n\n'),
    sources: note.sources.map((source) => ({ title: source.title, url: source.url ?? null })),
    related: note.related,
  }));
}

/** /timeline.json: every event in date order, with the passages it concerns. */
export function timelineExport({ timeline }: Pick<EditionModel, 'timeline'>): TimelineExport {
  return timeline.events.map((event) => ({
    id: event.id,
    date: event.date,
    precision: event.precision,
    title: event.title,
    summary: event.summary,
    context: event.context,
    passages: event.passages.map((passage) => ({ id: passage.id, url: passage.href })),
    source: { text: event.source.text, url: event.source.url ?? null },
    url: event.href,
  }));
}

/**
 * /search-spellings.json: each index entry's one-word spellings with their transliteration variants and
 * the editor's own, and the spelling most paragraphs use, which a variant is searched as.
 */
export function searchSpellingsExport({
  edition,
  index,
}: Pick<EditionModel, 'edition' | 'index'>): SearchSpellingsExport {
  const passages = edition.passages.map(({ entry, text }) => ({ id: entry.id, text }));
  return index
    .toSorted((a, b) => a.id.localeCompare(b.id))
    .map((entry) => {
      const mentions = (spelling: string) =>
        findMentions({ name: spelling, aliases: [], kind: entry.kind }, passages).length;
      // The spelling most paragraphs use comes first, so that the variants it shares lead to it.
      const { spellings, variants } = entrySpellings(entry, mentions);
      const text = spellings[0] && mentions(spellings[0].spelling) > 0 ? spellings[0].spelling : null;
      return { id: entry.id, name: entry.name, text, spellings, variants };
    });
}

/**
 * The apparatus as one search record: what the edition did to the witness and why, found on /about/.
 * The removed text itself is left out on purpose, so that junk the edition removed is never found.
 */
export function apparatusSummary(
  { edition }: Pick<EditionModel, 'edition'>,
  aboutHref: string,
): { url: string; title: string; content: string } {
  const { removals, gaps, headings } = edition.ledger;
  const content = [
    'How this edition was made from a scraped web page: what was removed, the gaps and the headings restored.',
    ...removals.map((removal) => `Removed (${removal.kind}): ${removal.reason}.`),
    ...gaps.map((gap) => `Gap (${gap.status}${gap.missing ? `, ${gap.missing}` : ''}): ${gap.reason}.`),
    ...headings.map((heading) => `Heading restored: ${heading.text}.`),
  ].join('\n');
  return { url: aboutHref, title: 'About this edition', content };
}
