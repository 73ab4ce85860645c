import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ClassLayer,
  decodeLayer,
  encodeLayer,
  layerLink,
  layerParam,
} from '../../src/lib/reader-notes/class-layer.ts';
import { describeQuote, describeQuoteBriefly } from '../../src/lib/reader-notes/describe-quote.ts';
import { exportJson, exportMarkdown } from '../../src/lib/reader-notes/export-notes.ts';
import { mergeAnnotations } from '../../src/lib/reader-notes/merge.ts';
import { type EditionText, reanchor } from '../../src/lib/reader-notes/reanchor.ts';
import {
  ANNOTATION_CONTEXT,
  parseAnnotations,
  parseImport,
  type WebAnnotation,
} from '../../src/lib/reader-notes/web-annotation.ts';
import { REMIND_EVERY_MS, remindNow } from '../../src/scripts/reader-notes/keeping.ts';
import { readPassageFiles } from '../support/edition-files.ts';

/*
 * The reader's own notes: anchoring, re-anchoring after an edit, the class layer's link, export and
 * import as Web Annotations. One file on purpose: the model's parts are tested on the same notes.
 */

const SITE = 'https://example.org/';

/** An annotation on the words between `start` and `end` of a paragraph's text. */
function annotate(
  passage: string,
  text: string,
  start: number,
  end: number,
  extra: Partial<WebAnnotation> = {},
): WebAnnotation {
  return {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:uuid:00000000-0000-4000-8000-${String(start).padStart(12, '0')}`,
    type: 'Annotation',
    motivation: 'commenting',
    body: { type: 'TextualBody', value: 'A note.' },
    target: { source: `${SITE}#${passage}`, selector: describeQuote(text, start, end) },
    ...extra,
  };
}

const at = (text: string, words: string) =>
  [text.indexOf(words), text.indexOf(words) + words.length] as const;

describe('describeQuote', () => {
  it('keeps the words, 32 characters either side and the position', () => {
    const text = 'The quick brown fox jumps over the lazy dog, and the quick brown cat sleeps all day long.';
    const [start, end] = at(text, 'quick brown cat');
    expect(describeQuote(text, start, end)).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'quick brown cat',
        prefix: 'umps over the lazy dog, and the ',
        suffix: ' sleeps all day long.',
      },
      { type: 'TextPositionSelector', start: 53, end: 68 },
    ]);
  });

  it('keeps, briefly, only the context that tells the words apart', () => {
    const text = 'He said no. Then he said no again, louder.';
    const [start] = at(text, 'no again');
    expect(describeQuoteBriefly(text, start, start + 2)[0]).toEqual({
      type: 'TextQuoteSelector',
      exact: 'no',
      prefix: 'aid ',
      suffix: ' aga',
    });
    expect(describeQuoteBriefly(text, 0, 7)[0]).toEqual({ type: 'TextQuoteSelector', exact: 'He said' });
  });
});

describe('parseAnnotations', () => {
  const good = annotate('p', 'Some words here.', 5, 10);

  it('reads a collection, a list and a single annotation', () => {
    const collection = exportJson('My notes', [good]);
    expect(parseAnnotations(collection, 'notes.json')).toEqual([good]);
    expect(parseAnnotations(JSON.stringify([good]), 'notes.json')).toEqual([good]);
    expect(parseAnnotations(JSON.stringify(good), 'notes.json')).toEqual([good]);
  });

  it("tells a class layer file from a file of the reader's own notes", () => {
    const layerFile = exportJson('Week 3', [good], { id: 'urn:uuid:layer', author: 'Ms Ortega' });
    expect(parseImport(layerFile, 'week3.json')).toEqual({
      layer: { id: 'urn:uuid:layer', title: 'Week 3', author: 'Ms Ortega' },
      annotations: [good],
    });
    expect(parseImport(exportJson('My notes', [good]), 'mine.json')).toEqual({
      layer: null,
      annotations: [good],
    });
  });

  it('names the file, the annotation and the field that is wrong', () => {
    const bad = { ...good, target: { ...good.target, source: 'not a url' } };
    expect(() => parseAnnotations(JSON.stringify([good, bad]), 'class.json')).toThrow(
      'class.json: annotation 2 of 2, field target.source: "target.source" must be the paragraph\'s web address, not "not a url"; export it again from the edition or fix that field',
    );
    expect(() => parseAnnotations(JSON.stringify([{ ...good, type: 'Note' }]), 'a.json')).toThrow(
      'a.json: annotation 1 of 1, field type: "type" must be "Annotation"',
    );
    expect(() => parseAnnotations('{"items": 3', 'cut.json')).toThrow(
      /^cut\.json: Unexpected text that is not JSON/,
    );
    const script = { ...good, target: { ...good.target, source: 'javascript:alert(1)//#p' } };
    expect(() => parseAnnotations(JSON.stringify([script]), 's.json')).toThrow(
      's.json: annotation 1 of 1, field target.source: "target.source" must be an http or https address, not a javascript: one',
    );
    const badEscape = { ...good, target: { ...good.target, source: 'https://x.example/#%E0%A4%A' } };
    expect(() => parseAnnotations(JSON.stringify([badEscape]), 'e.json')).toThrow(
      'e.json: annotation 1 of 1, field target.source: "target.source" has a paragraph id that cannot be read (#%E0%A4%A)',
    );
    const long = { ...good, body: { type: 'TextualBody', value: 'x'.repeat(20_001) } };
    expect(() => parseAnnotations(JSON.stringify([long]), 'l.json')).toThrow(
      'l.json: annotation 1 of 1, field body.value: the note is longer than 20,000 characters, the most a note may hold',
    );
    expect(() => parseAnnotations(JSON.stringify(Array(20_001).fill(good)), 'many.json')).toThrow(
      'many.json: it holds 20,001 annotations, more than the 20,000 a file may bring in; split it, or export it again from the edition',
    );
    expect(() => parseAnnotations('42', 'n.json')).toThrow(
      'n.json: Unexpected number, expected an annotation, a list of annotations or an AnnotationCollection',
    );
  });
});

describe('mergeAnnotations', () => {
  const text = 'One two three four five six seven.';
  const a = annotate('p', text, 4, 13);
  const b = annotate('p', text, 14, 18);

  it('adds new annotations and skips those with an id already kept or the same words and note', () => {
    const copy = { ...a, id: 'urn:uuid:11111111-1111-4111-8111-111111111111' };
    const result = mergeAnnotations([a], [a, copy, b]);
    expect(result.annotations.map((x) => x.id)).toEqual([a.id, b.id]);
    expect([result.added, result.updated, result.unchanged]).toEqual([1, 0, 2]);
  });

  it('takes the newer version of an annotation with the same id', () => {
    const older = { ...a, modified: '2026-01-01T00:00:00Z' };
    const newer = {
      ...a,
      modified: '2026-02-01T00:00:00Z',
      body: { type: 'TextualBody' as const, value: 'Edited.' },
    };
    const result = mergeAnnotations([older], [newer]);
    expect(result.annotations).toEqual([newer]);
    expect(result.updated).toBe(1);
  });
});

describe('reanchor, across a new release of the edition', () => {
  const before = {
    kept: 'Zinoviev and Kamenev are no fools. They cannot but understand what the restoration would mean.',
    reworded: 'The bureaucracy needs terror in order to defend its privileges against the people.',
    merged: 'A short paragraph that the new release merges into the next one.',
    next: 'The next paragraph, which takes in the merged one.',
    deleted: 'A paragraph the new release deletes outright, words and all.',
    twice: 'He said no. Then he said no again, louder.',
  };
  const oldEdition: EditionText = {
    passages: Object.entries(before).map(([id, text]) => ({ id, text })),
    retired: [],
  };
  const newEdition: EditionText = {
    passages: [
      { id: 'kept', text: `Added first. ${before.kept}` },
      {
        id: 'reworded',
        text: 'The bureaucracy needs terror so as to defend its privileges against the people.',
      },
      { id: 'next', text: `${before.merged} ${before.next}` },
      { id: 'twice', text: before.twice },
    ],
    retired: [
      { id: 'merged', successor: 'next' },
      // A deleted paragraph's id is retired too, leading to the paragraph after it.
      { id: 'deleted', successor: 'twice' },
    ],
  };
  const note = (passage: keyof typeof before, words: string, occurrence = 0) => {
    const text = before[passage];
    let start = text.indexOf(words);
    for (let i = 0; i < occurrence; i++) start = text.indexOf(words, start + 1);
    return annotate(passage, text, start, start + words.length);
  };
  const placedWords = (edition: EditionText, annotation: WebAnnotation) => {
    const placement = reanchor(annotation, edition);
    if (!placement.placed) return placement;
    const text = edition.passages.find((p) => p.id === placement.passage)?.text ?? '';
    return {
      passage: placement.passage,
      how: placement.how,
      words: text.slice(placement.start, placement.end),
    };
  };

  it('finds the words where they were in the edition they were written on', () => {
    expect(placedWords(oldEdition, note('kept', 'no fools'))).toEqual({
      passage: 'kept',
      how: 'exact',
      words: 'no fools',
    });
  });

  it('tells apart two occurrences by their surroundings', () => {
    const second = reanchor(note('twice', 'no', 1), oldEdition);
    expect(second).toMatchObject({ placed: true, start: before.twice.indexOf('no again') });
  });

  it('places every annotation of the old release in the new one, or says which could not be', () => {
    expect(placedWords(newEdition, note('kept', 'restoration'))).toEqual({
      passage: 'kept',
      how: 'exact',
      words: 'restoration',
    });
    expect(
      placedWords(newEdition, note('reworded', 'needs terror in order to defend its privileges')),
    ).toEqual({
      passage: 'reworded',
      how: 'fuzzy',
      words: 'needs terror so as to defend its privileges',
    });
    expect(placedWords(newEdition, note('merged', 'merges into the next'))).toEqual({
      passage: 'next',
      how: 'retired',
      words: 'merges into the next',
    });
    expect(reanchor(note('deleted', 'deletes outright'), newEdition)).toEqual({
      placed: false,
      reason: 'its words are no longer in paragraph #twice',
    });
    const gone = annotate('vanished', 'Words that were here.', 0, 5);
    expect(reanchor(gone, newEdition)).toEqual({
      placed: false,
      reason: 'its paragraph (#vanished) is no longer in the edition',
    });
  });

  it('finds words whose paragraph is gone when they stand unchanged in another one', () => {
    const moved = annotate('vanished', 'Then he said no again, louder.', 5, 12);
    expect(placedWords(newEdition, moved)).toEqual({ passage: 'twice', how: 'moved', words: 'he said' });
  });
});

describe('the backup reminder', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  /** A device's localStorage, empty. */
  const device = () => {
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => kept.set(key, value),
    });
  };
  const text = 'Zinoviev and Kamenev are no fools.';
  const visitBegan = Date.parse('2026-12-08T09:00:00.000Z');
  const made = (start: number, created: string) => annotate('z', text, start, start + 4, { created });

  it('counts the notes made before this visit, never those made in it, and then waits a week', () => {
    device();
    const earlier = made(0, '2026-12-01T10:00:00.000Z');
    // The same moment written with an offset: an hour before the visit, not after it.
    const offset = made(5, '2026-12-08T09:00:00.000+01:00');
    const now = made(13, '2026-12-08T09:00:05.000Z');
    const at = visitBegan + 10_000;
    expect(remindNow([earlier, offset, now], at, visitBegan)).toBe(2);
    expect(remindNow([earlier, offset, now], at + 1000, visitBegan)).toBe(0);
    expect(remindNow([earlier, offset, now], at + REMIND_EVERY_MS + 1, visitBegan)).toBe(2);
  });

  it('says nothing, and remembers nothing, when the only unsaved note was made in this visit', () => {
    device();
    const now = made(13, '2026-12-08T09:00:05.000Z');
    expect(remindNow([now], visitBegan + 10_000, visitBegan)).toBe(0);
    // No reminder was recorded: the next visit reminds of it.
    expect(remindNow([now], visitBegan + 20_000, visitBegan + 15_000)).toBe(1);
  });
});

describe('exportMarkdown', () => {
  it('lists the quoted words, the note and the paragraph link, by paragraph, unplaced last', () => {
    const text = 'Zinoviev and Kamenev are no fools.';
    const highlight = annotate('z', text, 0, 8, { motivation: 'highlighting' });
    delete highlight.body;
    const question = annotate('z', text, 13, 20, {
      motivation: 'questioning',
      body: { type: 'TextualBody', value: 'Who was he?' },
    });
    const lost = annotate('gone', 'Lost words.', 0, 4);
    const markdown = exportMarkdown(
      'My notes',
      [
        { annotation: highlight, layer: null, paragraph: { n: 1, document: 'The essay', url: `${SITE}#z` } },
        {
          annotation: question,
          layer: 'Week 3',
          paragraph: { n: 1, document: 'The essay', url: `${SITE}#z` },
        },
        { annotation: lost, layer: null, paragraph: null },
      ],
      new Set(['https://example.org']),
    );
    expect(markdown).toBe(
      [
        '# My notes',
        '',
        '## The essay, ¶ 1',
        '',
        '<https://example.org/#z>',
        '',
        '> Zinoviev',
        '',
        '**Highlight**',
        '',
        '> Kamenev',
        '',
        '**Question (Week 3):** Who was he?',
        '',
        '## Could not be placed in this release',
        '',
        '> Lost',
        '',
        '**Note:** A note.',
        '',
        '(was on <https://example.org/#gone>)',
        '',
      ].join('\n'),
    );
  });
});

describe('class layer links', () => {
  // Twenty questions on the essay's own paragraphs, as a teacher would write them.
  const passages = readPassageFiles()
    .filter((passage) => passage.document === 'essay')
    .toSorted((a, b) => a.file.localeCompare(b.file))
    .slice(0, 20)
    .map(({ id, text }) => ({ id, text }));
  const layerId = 'urn:uuid:5d1f6a0e-2c1b-4e1a-9a77-0c3b1d2e4f50';
  const layer: ClassLayer = {
    id: layerId,
    title: 'Week 3: the Kirov affair',
    author: 'Ms Ortega',
    annotations: passages.map(({ id, text }, i) => {
      const start = Math.min(40, Math.floor(text.length / 3));
      return {
        ...annotate(id, text, start, start + 40, {
          id: `${layerId}#q${i + 1}`,
          motivation: 'questioning',
          body: {
            type: 'TextualBody',
            value: `Question ${i + 1}: what does Trotsky claim here, and on what evidence?`,
          },
        }),
        target: {
          source: `https://example.org/kirov-reader/#${id}`,
          selector: describeQuoteBriefly(text, start, start + 40),
        },
      };
    }),
  };

  it('carries twenty notes in under 2,000 characters and gives them back exactly', async () => {
    expect(layer.annotations).toHaveLength(20);
    const link = await layerLink('https://example.org/kirov-reader/', layer);
    expect(link.length).toBeLessThan(2000);
    expect(link.startsWith('https://example.org/kirov-reader/#layer=')).toBe(true);
    const value = layerParam(new URL(link).hash);
    expect(value).not.toBeNull();
    expect(await decodeLayer(value ?? '')).toEqual(layer);
  });

  it('refuses a link that unpacks past 256 KB, or holds more than 500 notes, in a sentence naming the limit', async () => {
    const big = {
      ...layer,
      annotations: [{ ...layer.annotations[0], body: { type: 'TextualBody', value: 'x'.repeat(300_000) } }],
    } as ClassLayer;
    await expect(decodeLayer(await encodeLayer(big))).rejects.toThrow(
      /^This class link unpacks to more than 256 KB, the most a class link may carry: ask for the layer as a file\.$/,
    );
    // 2,000 highlights of one word: a small link, under the size limit, over the count.
    const { body: _, ...first } = layer.annotations[0] as WebAnnotation;
    const word = { ...first, motivation: 'highlighting' as const };
    const many: ClassLayer = { ...layer, annotations: Array(2000).fill(word) };
    await expect(decodeLayer(await encodeLayer(many))).rejects.toThrow(
      /^This class link holds 2,000 notes, more than the 500 a class link may carry: ask for the layer as a file\.$/,
    );
  });

  it('says when a link was cut short', async () => {
    const value = await encodeLayer(layer);
    await expect(decodeLayer(value.slice(0, 100))).rejects.toThrow(/^This class link cannot be read/);
  });
});
