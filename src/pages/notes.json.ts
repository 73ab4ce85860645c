import type { APIRoute } from 'astro';
import { loadEdition } from '../collections/edition.ts';
import { loadNotes } from '../collections/notes.ts';
import { visibleText } from '../lib/annotations/hast-range.ts';
import type { NotesExport } from '../lib/exports/published.ts';

export const prerender = true;

/**
 * The marginal notes as data, in edition order (documents as the edition file lists them, then
 * reading order): what each explains, the words it is anchored to (a W3C TextQuoteSelector:
 * quote, prefix, suffix), its number and link on the page, its text and its sources.
 */
export const GET: APIRoute = async () => {
  const [notes, edition] = await Promise.all([loadNotes(), loadEdition()]);
  const hrefOf = new Map(edition.documents.map((document) => [document.id, document.href]));
  const body: NotesExport = notes.map((note) => ({
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
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
