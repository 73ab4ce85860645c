import { describe, expect, it } from 'vitest';
import { findLacunae } from '../../src/lib/classify/find-lacunae.ts';

function gapsIn(text: string) {
  return findLacunae(text, [{ start: 0, end: text.length }]).map((gap) => ({
    kind: gap.kind,
    before: text.slice(0, gap.at),
    evidence: text.slice(gap.evidence.start, gap.evidence.end),
  }));
}

describe('findLacunae', () => {
  it('finds a doubled preposition, glued or spaced, where a year was cut', () => {
    expect(gapsIn('a paper printed inin Vienna')).toEqual([
      { kind: 'doubled-word', before: 'a paper printed in', evidence: 'inin' },
    ]);
    expect(gapsIn('the congress met in in Moscow')).toEqual([
      { kind: 'doubled-word', before: 'the congress met in', evidence: 'in in' },
    ]);
  });

  it('finds a preposition glued to the next word', () => {
    expect(gapsIn('He joined the Opposition inthere was no doubt')).toEqual([
      { kind: 'glued-preposition', before: 'He joined the Opposition in', evidence: 'inthere' },
    ]);
  });

  it('finds a preposition followed by punctuation', () => {
    expect(gapsIn('as the group existed in — and later')).toEqual([
      { kind: 'preposition-before-punctuation', before: 'as the group existed in ', evidence: 'in —' },
    ]);
  });

  it('finds “as early as” followed by a verb, but not by a date or an article', () => {
    expect(gapsIn('Lenin as early as warned them')).toEqual([
      { kind: 'as-early-as', before: 'Lenin as early as ', evidence: 'as early as warned' },
    ]);
    expect(gapsIn('as early as 1921 he wrote, as early as the spring')).toEqual([]);
  });

  it('finds a magnitude without its number', () => {
    expect(gapsIn('the economy of million people')).toEqual([
      { kind: 'orphan-magnitude', before: 'the economy of ', evidence: 'of million' },
    ]);
    expect(gapsIn('the economy of 170 million people')).toEqual([]);
  });

  it('finds a colon that announces a quotation followed by an unrelated sentence', () => {
    expect(gapsIn('He warned them by letter: Lenin liked plain words.')).toEqual([
      { kind: 'colon-non-sequitur', before: 'He warned them by letter: ', evidence: 'letter: Lenin' },
    ]);
    expect(gapsIn('The goal is evident: To the act he replies with terror.')).toEqual([]);
  });

  it('finds nothing in clean prose', () => {
    expect(gapsIn('In 1934 the plan was fulfilled in Leningrad, within the limits set in Moscow.')).toEqual(
      [],
    );
  });
});
