import { describe, expect, it } from 'vitest';
import { findFlattenedHeadings } from '../../src/lib/classify/find-flattened-headings.ts';
import { splitSentences } from '../../src/lib/witness/split-sentences.ts';

function headingsIn(text: string) {
  return findFlattenedHeadings(text, splitSentences(text, { start: 0, end: text.length })).map((h) =>
    text.slice(h.start, h.end),
  );
}

describe('findFlattenedHeadings', () => {
  it('splits a title-case heading from the sentence it was run into', () => {
    expect(
      headingsIn(
        'The harvest failed. The Role of the Machine Tractor Stations The stations, however, lent tractors.',
      ),
    ).toEqual(['The Role of the Machine Tractor Stations']);
  });

  it('handles commas, lowercase function words and an abbreviation at the end of the heading', () => {
    expect(
      headingsIn('Planning, a Cause of the Growth of the MTS By the spring of that year the plan was ready.'),
    ).toEqual(['Planning, a Cause of the Growth of the MTS']);
    expect(headingsIn('Two Kinds of Shortage Thus, we see that the problem is double.')).toEqual([
      'Two Kinds of Shortage',
    ]);
  });

  it('leaves ordinary sentences that open with names or a capitalised phrase alone', () => {
    expect(
      headingsIn(
        'Zinoviev and Kamenev returned to the party. The Soviet bureaucracy grew. Comrade Kirov was an example. In this and in this alone rests the case. The December 25 issue of the Temps arrived.',
      ),
    ).toEqual([]);
  });
});
