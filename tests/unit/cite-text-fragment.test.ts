import { describe, expect, it } from 'vitest';
import {
  encodeTextDirectiveTerm,
  formatTextDirective,
  textDirectiveFor,
  textFragmentUrl,
} from '../../src/lib/cite/text-fragment.ts';

describe('encodeTextDirectiveTerm', () => {
  it('escapes the directive’s own syntax characters - , & and what a fragment cannot hold', () => {
    expect(encodeTextDirectiveTerm('Zinoviev-Kamenev, Radek & Co.')).toBe(
      'Zinoviev%2DKamenev%2C%20Radek%20%26%20Co.',
    );
    expect(encodeTextDirectiveTerm('“terror” — 100% #1')).toBe(
      '%E2%80%9Cterror%E2%80%9D%20%E2%80%94%20100%25%20%231',
    );
  });
});

describe('formatTextDirective and textFragmentUrl', () => {
  it('marks the prefix and suffix with dashes and separates terms with commas', () => {
    expect(formatTextDirective({ prefix: 'said', start: 'no fools', end: 'end', suffix: 'after-all' })).toBe(
      'text=said-,no%20fools,end,-after%2Dall',
    );
    expect(textFragmentUrl('https://example.org/#p-1', { start: 'Kirov' })).toBe(
      'https://example.org/#p-1:~:text=Kirov',
    );
  });
});

describe('textDirectiveFor', () => {
  it('quotes a short selection whole, widened to whole words, with whitespace collapsed', () => {
    expect(
      textDirectiveFor({
        earlier: 'Title of the page.',
        before: 'Zinoviev and Kam',
        selected: 'enev are no\n  fools',
        after: '. They know.',
      }),
    ).toEqual({ start: 'Kamenev are no fools' });
  });

  it('returns null for a selection of whitespace only', () => {
    expect(textDirectiveFor({ earlier: '', before: 'a', selected: ' \n ', after: 'b' })).toBeNull();
  });

  it('links a long selection by its first and last words', () => {
    const selected =
      'The bureaucracy needs terror to keep itself in power, and it finds in each blow a pretext for the next one, always again.';
    expect(textDirectiveFor({ earlier: 'Heading', before: '', selected, after: ' Next sentence.' })).toEqual({
      start: 'The bureaucracy needs',
      end: 'one, always again.',
    });
  });

  it('takes more end words when the last words also occur earlier in the selection', () => {
    const selected =
      'We were told that the party is right in all things and so, in the end, the party is right';
    const directive = textDirectiveFor({ earlier: '', before: '', selected, after: '.' });
    expect(directive?.start).toBe('We were told');
    expect(directive?.end).toBe('end, the party is right');
  });

  it.each([
    {
      when: 'adds the words before it as a prefix when the same words occur earlier on the page',
      around: {
        earlier: 'A summary: Kirov was killed. More.',
        before: 'On 1 December ',
        selected: 'Kirov was killed',
        after: ' in Leningrad.',
      },
      directive: { prefix: 'December', start: 'Kirov was killed' },
    },
    {
      when: 'adds the words after it as a suffix when a repeated sentence opens its paragraph',
      around: {
        earlier: 'Kirov was killed. Then the arrests began.',
        before: '',
        selected: 'Kirov was killed.',
        after: ' Nikolaiev fired.',
      },
      directive: { start: 'Kirov was killed.', suffix: 'Nikolaiev' },
    },
    {
      when: 'matches case-insensitively, as browsers do, when it judges whether words occur earlier',
      around: { earlier: 'THE TERROR', before: 'of the ', selected: 'terror', after: ' itself' },
      directive: { prefix: 'of the', start: 'terror' },
    },
  ])('$when', ({ around, directive }) => {
    expect(textDirectiveFor(around)).toEqual(directive);
  });
});
