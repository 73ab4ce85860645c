import { ContentError } from '../content-error.ts';
import type { PlacedNote } from './place-notes.ts';

/** Each id in a note's `related` must be a timeline event; a typo would otherwise link nowhere. */
export function checkRelatedEvents(notes: readonly PlacedNote[], eventIds: readonly string[]): void {
  const known = new Set(eventIds);
  for (const note of notes) {
    const unknown = note.related.find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw new ContentError({
        file: note.file,
        ...(note.at?.related ?? { line: 1, column: 1 }),
        rule: 'note-related-unknown',
        message: `Unexpected related event "${unknown}", expected the id of a timeline event (a file name in content/timeline/)`,
        fix: `use one of the ids in content/timeline/, e.g. ${
          [...known]
            .slice(0, 3)
            .map((id) => `"${id}"`)
            .join(', ') || '(there are no events yet)'
        }, or remove it from \`related:\``,
      });
    }
  }
}
