import model from 'virtual:kirov-reader/edition';
import type { PlacedNote } from '../lib/annotations/place-notes.ts';

/*
 * What the pages read of the notes: the model's, placed against the edition's passages and numbered
 * once, as the Markdown processor anchored them, so that the numbers and order in /notes.json are those
 * of the page.
 */

/** Every note, checked and numbered, in edition order (documents as the edition lists them, then reading order). */
export async function loadNotes(): Promise<PlacedNote[]> {
  return model.notes;
}
