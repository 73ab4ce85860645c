import { getCollection } from 'astro:content';
import type { PlacedNote } from '../lib/annotations/place-notes.ts';

/*
 * What the pages read of the notes: the annotations collection, whose entries the edition model placed
 * against the passages and numbered once, as the Markdown processor anchored them, so that the numbers
 * and order here and in /notes.json are those of the page.
 */

let cached: Promise<PlacedNote[]> | undefined;

/** Every note, checked and numbered, in edition order (documents as the edition lists them, then reading order). */
export function loadNotes(): Promise<PlacedNote[]> {
  cached ??= getCollection('annotations').then((entries) =>
    entries
      .toSorted((a, b) => a.data.order - b.data.order)
      .map(({ id, data, body, filePath }): PlacedNote => {
        const { order: _order, ...note } = data;
        return { ...note, id, file: filePath ?? `content/annotations/${id}.md`, markdown: body ?? '' };
      }),
  );
  return cached;
}
