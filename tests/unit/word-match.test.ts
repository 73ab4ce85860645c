import { describe, expect, it } from 'vitest';
import { wordMatcher } from '../../src/lib/search/word-match.ts';

describe('wordMatcher', () => {
  const match = wordMatcher('individual terrorism');

  it('ranks the exact phrase above every word apart, and above fewer words', () => {
    expect(match('Individual terrorism is in its very essence bureaucratism turned inside out.')).toBe(2);
    expect(match('The terrorism of an individual, which')).toBe(1);
    expect(match('a participant in a terrorist organization')).toBe(0);
  });

  it('ignores case, apostrophes’ shape, punctuation around the words and runs of spaces', () => {
    expect(wordMatcher('“Stalin’s  bureaucracy”')("the ruling clique of Stalin's\nbureaucracy")).toBe(2);
  });

  it('matches a word only at the start of a word', () => {
    expect(wordMatcher('error')('terrorism')).toBe(0);
    expect(wordMatcher('terror')('individual terrorism')).toBe(1);
  });
});
