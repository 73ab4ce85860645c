import { describe, expect, it } from 'vitest';
import { phraseQuery } from '../../src/lib/search/phrase-query.ts';

describe('phraseQuery', () => {
  it('quotes the words of a query of two words or more, for Pagefind to find them as a phrase', () => {
    expect(phraseQuery('individual terrorism')).toBe('"individual terrorism"');
    expect(phraseQuery('the bureaucracy of')).toBe('"the bureaucracy of"');
  });

  it('drops the quotes and punctuation around the words and runs of spaces', () => {
    expect(phraseQuery('“Stalin’s  bureaucracy”')).toBe('"Stalin’s bureaucracy"');
    expect(phraseQuery(' "individual   terrorism" ')).toBe('"individual terrorism"');
  });

  it('has no phrase for one word, which every result holds', () => {
    expect(phraseQuery('Zinoviev')).toBeNull();
    expect(phraseQuery('“leader-cult”')).toBeNull();
    expect(phraseQuery('Zinoviev —')).toBeNull();
  });
});
