import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRelatedEvents } from '../../src/lib/annotations/check-related-events.ts';
import type { AnnotationFile } from '../../src/lib/annotations/parse-annotation-file.ts';
import { type NotePassage, placeNotes } from '../../src/lib/annotations/place-notes.ts';
import type { NoteTarget } from '../../src/lib/schema/annotation.ts';
import { editionModel } from '../support/edition-files.ts';
import { problemOf } from './support/problem-of.ts';

const passages: NotePassage[] = [
  { id: 'kirov-fell', document: 'obituary', n: 1, markdown: 'Comrade Kirov fell victim to an assassin.' },
  { id: 'no-fools', document: 'essay', n: 1, markdown: 'Zinoviev and Kamenev are no fools.' },
  {
    id: 'the-maneuver',
    document: 'essay',
    n: 2,
    markdown: 'To the terrorist act of Nikolaiev, Stalin replies.',
  },
];

function annotation(id: string, target: NoteTarget, related: string[] = []): AnnotationFile {
  return {
    id,
    file: `content/annotations/${id}.md`,
    data: { kind: 'person', title: id, target, sources: [{ title: 'A Source' }], related },
    body: `The note on *${id}*.`,
    at: { passage: { line: 5, column: 12 }, quote: { line: 6, column: 10 }, related: { line: 9, column: 1 } },
  };
}

describe('placeNotes', () => {
  it('numbers the notes of each document in reading order: ¶, then place in the paragraph', () => {
    const notes = placeNotes(
      [
        annotation('stalin', { passage: 'the-maneuver', quote: 'Stalin' }),
        annotation('kamenev', { passage: 'no-fools', quote: 'Kamenev' }),
        annotation('kirov', { passage: 'kirov-fell', quote: 'Kirov' }),
        annotation('nikolaev', { passage: 'the-maneuver', quote: 'Nikolaiev' }),
        annotation('zinoviev', { passage: 'no-fools', quote: 'Zinoviev' }),
      ],
      passages,
    );
    expect(notes.map((note) => [note.document, note.number, note.id])).toEqual([
      ['obituary', 1, 'kirov'],
      ['essay', 1, 'zinoviev'],
      ['essay', 2, 'kamenev'],
      ['essay', 3, 'nikolaev'],
      ['essay', 4, 'stalin'],
    ]);
    expect(notes[0]?.body).toEqual([
      {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [
          { type: 'text', value: 'The note on ' },
          {
            type: 'element',
            tagName: 'em',
            properties: {},
            children: [{ type: 'text', value: 'kirov' }],
          },
          { type: 'text', value: '.' },
        ],
      },
    ]);
  });

  it('stops on a passage id that does not exist, suggesting the nearest ids', () => {
    expect(
      problemOf(() =>
        placeNotes([annotation('zinoviev', { passage: 'no-fool', quote: 'Zinoviev' })], passages),
      ),
    ).toEqual({
      file: 'content/annotations/zinoviev.md',
      line: 5,
      column: 12,
      rule: 'note-passage-unknown',
      message: 'Unexpected passage id "no-fool", expected the id of a passage in content/passages/',
      fix: 'use the `id:` of the passage file the quote is in; the nearest ids are "no-fools", "kirov-fell", "the-maneuver"',
    });
  });

  it('stops on a retired passage id, naming the passage that succeeded it', () => {
    const retired = [{ id: 'zinoviev-and-kamenev', successor: 'no-fools', reason: 'merged' as const }];
    expect(
      problemOf(() =>
        placeNotes(
          [annotation('zinoviev', { passage: 'zinoviev-and-kamenev', quote: 'Zinoviev' })],
          passages,
          retired,
        ),
      ),
    ).toEqual({
      file: 'content/annotations/zinoviev.md',
      line: 5,
      column: 12,
      rule: 'note-passage-retired',
      message:
        'Unexpected retired passage id "zinoviev-and-kamenev", expected a live passage: "zinoviev-and-kamenev" was merged into "no-fools"',
      fix: 'set `target.passage: no-fools` and check that the quote is in that passage',
    });
  });

  it('stops on two notes with one id', () => {
    const twice = {
      ...annotation('kirov', { passage: 'kirov-fell', quote: 'Kirov' }),
      file: 'content/annotations/people/kirov.md',
    };
    expect(
      problemOf(() =>
        placeNotes([annotation('kirov', { passage: 'kirov-fell', quote: 'assassin' }), twice], passages),
      ).message,
    ).toBe(
      'Unexpected second note with id "kirov" (also content/annotations/kirov.md), expected each file name once',
    );
  });

  it('stops on a related event that is not in the timeline', () => {
    const notes = placeNotes(
      [annotation('kirov', { passage: 'kirov-fell', quote: 'Kirov' }, ['kirov-murdered'])],
      passages,
    );
    expect(problemOf(() => checkRelatedEvents(notes, ['kirov-assassinated', 'kirov-born']))).toEqual({
      file: 'content/annotations/kirov.md',
      line: 9,
      column: 1,
      rule: 'note-related-unknown',
      message:
        'Unexpected related event "kirov-murdered", expected the id of a timeline event (a file name in content/timeline/)',
      fix: 'use one of the ids in content/timeline/, e.g. "kirov-assassinated", "kirov-born", or remove it from `related:`',
    });
    expect(() => checkRelatedEvents(notes, ['kirov-murdered'])).not.toThrow();
  });
});

describe('the edition’s notes', () => {
  // Renders every note of the edition through the site's Markdown pipeline: seconds on a busy machine.
  it('every file in content/annotations anchors exactly once, numbered 1, 2, 3 … in each document', () => {
    const files = readdirSync(new URL('../../content/annotations/', import.meta.url)).filter((name) =>
      name.endsWith('.md'),
    );
    const { notes } = editionModel();
    expect(notes.map((note) => `${note.id}.md`).toSorted()).toEqual(files.toSorted());
    for (const document of new Set(notes.map((note) => note.document))) {
      const numbers = notes.filter((note) => note.document === document).map((note) => note.number);
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    }
    expect(notes.length).toBeGreaterThanOrEqual(12);
  }, 20_000);
});
