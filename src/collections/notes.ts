import { getCollection } from 'astro:content';
import { checkRelatedEvents } from '../lib/annotations/check-related-events.ts';
import { type PlacedNote, placeNotes } from '../lib/annotations/place-notes.ts';
import { ANNOTATIONS_DIR } from '../lib/content-paths.ts';
import { loadEdition } from './edition.ts';

/*
 * What the pages and /notes.json read: the annotations collection, placed against the passages of
 * the edition with the same code the rehype plugin was configured with, so that the numbers and
 * order in /notes.json are those of the page. Cross-file checks that need other collections
 * (timeline events) happen here.
 */

let cached: Promise<PlacedNote[]> | undefined;

/** Every note, checked and numbered, in edition order (documents as the edition lists them, then reading order). */
export function loadNotes(): Promise<PlacedNote[]> {
  cached ??= assembleNotes();
  return cached;
}

async function assembleNotes(): Promise<PlacedNote[]> {
  const [entries, edition, events] = await Promise.all([
    getCollection('annotations'),
    loadEdition(),
    getCollection('timeline'),
  ]);
  const annotations = entries.map((entry) => ({
    id: entry.id,
    file: entry.filePath ?? `${ANNOTATIONS_DIR}/${entry.id}.md`,
    data: entry.data,
    body: entry.body ?? '',
  }));
  const passages = edition.passages.map(({ entry, markdown }) => ({
    id: entry.id,
    document: entry.data.document,
    n: entry.data.n,
    file: entry.filePath,
    markdown,
  }));
  const notes = placeNotes(annotations, passages, edition.retired);
  checkRelatedEvents(
    notes,
    events.map((event) => event.id),
  );
  return notes;
}
