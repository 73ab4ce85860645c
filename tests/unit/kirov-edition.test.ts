import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../src/lib/ingest-witness.ts';
import { ingestKirov, witnessText } from './support/kirov.ts';

let result: IngestResult;
beforeAll(() => {
  result = ingestKirov();
});

const passagesOf = (document: string) => result.passages.filter((p) => p.frontmatter.document === document);
const withoutMarkers = (passage: IngestResult['passages'][number]) => {
  let text = passage.text;
  for (const gap of [...passage.frontmatter.gaps].reverse()) {
    text = `${text.slice(0, gap.at)}${text.slice(gap.at + gap.marker.length)}`;
  }
  return text;
};
const squash = (text: string) => text.replace(/\s+/gu, '');

/** Words of the scrape's junk (search phrases, other pages' titles, navigation, the licence notice). */
const JUNK = [
  'relationship in 1934 public enemy',
  'Guided History',
  'Great Purge',
  'Who Killed Kirov',
  'Khrushchev Lashes Out',
  'Wikipedia',
  '•',
  'henchmen',
  'Red Star Press',
  'You may freely copy',
  'as your source',
];

/** Each gap as the reader sees it marked in the text. */
const MARKED = [
  'over the economy of […] million people',
  'an article of mine published in [1911] in German',
  'In this article I wrote: […] In any case such turmoil',
  'as it existed in […] — The terrorist organization',
  'Lenin as early as […] warned Zinoviev',
  'by letter: […] Lenin liked to call a spade a spade.',
  'the following possibility: […] The circular letter',
  'Leningrad Opposition in […] there was no further room',
  'the following item: […] What must be the character',
  // Sentences dropped without a trace, marked from the sense: no antecedent for what follows.
  'submission and humiliation?\n[…] Such a conclusion would be',
  'remains a dual one. […] This task remains',
  'permanent political crisis.\n[…] At the same time, this very faction',
  'call a spade a spade. […] As a necessary corollary to this',
  'The explanations of Radek and Co. […] It is true that',
];

describe('the Kirov edition', () => {
  it('holds two documents, the obituary before the essay, each numbering its paragraphs from 1', () => {
    expect(result.ledger.documents.map((d) => d.id)).toEqual(['obituary', 'essay']);
    for (const document of result.ledger.documents) {
      const numbers = passagesOf(document.id).map((p) => p.frontmatter.n);
      expect(document.passages, document.id).toBe(numbers.length);
      expect(numbers, document.id).toEqual(numbers.map((_, i) => i + 1));
    }
    expect(passagesOf('obituary').map((p) => p.text.slice(0, 40))).toEqual([
      'A great sorrow has befallen our Party. O',
      'A man who has given all his brilliant li',
      'Comrade Kirov was an example of Bolshevi',
    ]);
  });

  it('starts the essay at “Zinoviev and Kamenev are no fools” and ends it at its last sentence', () => {
    const essay = passagesOf('essay');
    expect(essay[0]?.text.startsWith('Zinoviev and Kamenev are no fools.')).toBe(true);
    expect(essay.at(-1)?.text).toBe(
      'This question has not been definitely decided, perhaps not even within the most intimate circle of the conspirators Stalin-Yagoda-Yaroslavsky and Co. That largely depends upon the subsequent development of events.',
    );
  });

  it('gives every passage an id of its own', () => {
    const ids = result.passages.map((p) => p.frontmatter.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the reader none of the scrape’s junk', () => {
    const shown = result.passages.map((p) => p.text).join('\n');
    expect(JUNK.filter((junk) => shown.includes(junk))).toEqual([]);
  });

  it('records every removal with its kind, reason and exact witness text', () => {
    // Each kind of junk the scrape holds is found, and every removal can be checked against the witness.
    expect([...new Set(result.ledger.removals.map((r) => r.kind))].sort()).toEqual([
      'keyword-spam',
      'licence',
      'navigation',
      'snippet-stitch',
      'web-title',
    ]);
    const witness = witnessText();
    for (const removal of result.ledger.removals) {
      expect(witness.slice(removal.witness.start.offset, removal.witness.end.offset)).toBe(removal.text);
      expect(removal.reason.length).toBeGreaterThan(20);
    }
    const licence = result.ledger.removals.find((r) => r.kind === 'licence');
    expect(licence?.text).toBe(
      'Red Star Press Ltd. Marxists Internet Archive You may freely copy, distribute, display and perform this work; as well as make derivative and commercial works. P lease credit "Marxists Internet Archive" as your source.',
    );
    expect(licence?.witness.start).toEqual({ line: 9, column: 1, offset: expect.any(Number) });
  });

  it('makes every flattened heading a section heading again, and files each passage under it', () => {
    expect(result.ledger.headings.map((h) => h.text)).toEqual([
      'The Dual Role of the Bureaucracy',
      'The Two Series of Difficulties',
      'Individual Terrorism, a Product of Bureaucratic Decay',
      'Marxism, Terrorism and Bureaucracy',
      'Bureaucratic Centrism, the Cause of the Collapse of the CI',
    ]);
    const sectionOf = (start: string) =>
      result.passages.find((p) => p.text.startsWith(start))?.frontmatter.section;
    expect(sectionOf('Zinoviev and Kamenev are no fools.')).toBeNull();
    expect(sectionOf('In this and in this alone rests')).toBeNull();
    expect(sectionOf('The Soviet bureaucracy, however,')).toBe('The Dual Role of the Bureaucracy');
    expect(sectionOf('Thus, we see that in the evolution')).toBe('The Two Series of Difficulties');
    // "The explanations of Radek and Co." is a sentence cut short at "Co.", not a heading: its paragraph
    // stays in the section before, opening with those words and the mark of the lost rest.
    expect(sectionOf('The explanations of Radek and Co. […] It is true that the leaders in power')).toBe(
      'Individual Terrorism, a Product of Bureaucratic Decay',
    );
    expect(result.ledger.headings.some((h) => h.text.startsWith('The explanations'))).toBe(false);
    expect(sectionOf('By dealing this blow')).toBe(
      'Bureaucratic Centrism, the Cause of the Collapse of the CI',
    );
    expect(sectionOf('This question has not been definitely decided')).toBe(
      'Bureaucratic Centrism, the Cause of the Collapse of the CI',
    );
    // No heading words are left in the running text.
    expect(result.passages.some((p) => p.text.includes('The Dual Role of the Bureaucracy'))).toBe(false);
  });

  it('marks every gap in the text with an editorial bracket', () => {
    const shown = result.passages.map((p) => p.text).join('\n');
    expect(MARKED.filter((marked) => !shown.includes(marked))).toEqual([]);
    expect(shown).toContain('the following question: Is it possible');
    // Every marked gap is in the ledger under its id, its marker where the passage says.
    const gaps = result.passages.flatMap((p) =>
      p.frontmatter.gaps.map((gap) => ({ ...gap, shown: p.text.slice(gap.at, gap.at + gap.marker.length) })),
    );
    expect(gaps.map((g) => g.shown)).toEqual(gaps.map((g) => g.marker));
    expect(gaps.map((g) => g.id)).toEqual(
      result.ledger.gaps.filter((g) => g.status !== 'rejected').map((g) => g.id),
    );
    expect(gaps).toHaveLength(MARKED.length);
    expect(gaps.filter((g) => g.status === 'restored')).toEqual([
      expect.objectContaining({
        marker: '[1911]',
        value: '1911',
        source: expect.stringContaining('Der Kampf'),
      }),
    ]);
    expect(result.ledger.gaps.filter((g) => g.status === 'rejected').map((g) => g.evidence)).toEqual([
      'following question: Is',
    ]);
  });

  it('loses nothing: kept, heading and removed text give back every non-whitespace character in order', () => {
    const pieces = [
      ...result.passages.map((p) => ({ at: p.frontmatter.witness.start.offset, text: withoutMarkers(p) })),
      ...result.ledger.headings.map((h) => ({ at: h.witness.start.offset, text: h.text })),
      ...result.ledger.removals.map((r) => ({ at: r.witness.start.offset, text: r.text })),
    ].sort((a, b) => a.at - b.at);
    expect(squash(pieces.map((piece) => piece.text).join(''))).toBe(squash(witnessText()));
  });

  it('keeps each passage’s witness position pointing at its own words', () => {
    const witness = witnessText();
    for (const passage of result.passages) {
      const { start, end } = passage.frontmatter.witness;
      expect(squash(witness.slice(start.offset, end.offset))).toBe(squash(withoutMarkers(passage)));
    }
  });

  it('matches the committed content/ exactly (what `npm run ingest -- --check` enforces)', () => {
    for (const [path, content] of result.files) {
      expect(readFileSync(join('content', path), 'utf8'), path).toBe(content);
    }
    const committed = ['essay', 'obituary'].flatMap((document) =>
      existsSync(join('content/passages', document))
        ? readdirSync(join('content/passages', document)).map((file) => `passages/${document}/${file}`)
        : [],
    );
    expect(committed.sort()).toEqual(
      [...result.files.keys()].filter((p) => p.startsWith('passages/')).sort(),
    );
  });
});
