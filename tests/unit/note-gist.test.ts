import { describe, expect, it } from 'vitest';
import { gistCut } from '../../src/lib/annotations/note-gist.ts';

/** The opening gistCut keeps of `text`, at most `max` characters. */
const opening = (text: string, max = 40) => {
  const at = gistCut(text, text.length, max);
  return at === undefined ? text : text.slice(0, at);
};

describe('gistCut (the first words of a note in the margin)', () => {
  it('keeps a text that fits whole', () => {
    expect(gistCut('Stalin, who held the post.', 26, 40)).toBeUndefined();
  });

  it('prefers the end of a sentence, then a comma, then a space, and stops between words', () => {
    expect(opening('A leading Bolshevik theorist. He edited the paper for years.')).toBe(
      'A leading Bolshevik theorist.',
    );
    expect(opening('Arrested early in the winter, he was tried and shot the next year.')).toBe(
      'Arrested early in the winter,',
    );
    expect(opening('The monthly review of the Austrian Social Democrats published in Vienna')).toBe(
      'The monthly review of the Austrian',
    );
  });

  it('never stops inside a date, parentheses, quotation marks or a name’s initials', () => {
    expect(opening('He came up behind him late on 1 December 1934 and shot him')).toBe(
      'He came up behind him late on',
    );
    expect(opening('The colon announces the words ("the dispatch of Le Temps") that follow')).toBe(
      'The colon announces the words',
    );
    expect(opening('The group led by James P. Cannon merged with the Workers Party', 26)).toBe(
      'The group led by James',
    );
  });
});
