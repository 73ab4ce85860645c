import { describe, expect, it } from 'vitest';
import { hitPattern, hitTerms, unmarkStopWords } from '../../src/lib/search/hit-words.ts';
import { entrySpellings, transliterationVariants } from '../../src/lib/search/name-variants.ts';
import { editDistance, respellNames, suggestWords } from '../../src/lib/search/query-spelling.ts';
import { searchWords } from '../../src/lib/search/search-words.ts';

describe('transliterationVariants', () => {
  it('spells a Russian name the ways students have learned it', () => {
    expect(transliterationVariants('Nikolaiev')).toEqual(
      expect.arrayContaining(['Nikolayev', 'Nikolaev', 'Nikolaief', 'Nicolaiev', 'Nikolaeff']),
    );
    expect(transliterationVariants('Zinoviev')).toEqual(
      expect.arrayContaining(['Zinovyev', 'Zinovev', 'Zinovief', 'Zinovieff']),
    );
    expect(transliterationVariants('Kamenev')).toEqual(expect.arrayContaining(['Kamenyev', 'Kameniev']));
    expect(transliterationVariants('Trotsky')).toEqual(expect.arrayContaining(['Trotski', 'Trotzky']));
    expect(transliterationVariants('Bukharin')).toEqual(['Buharin', 'Bucharin']);
    expect(transliterationVariants('Yezhov')).toEqual(expect.arrayContaining(['Ezhov', 'Yezhoff']));
  });

  it('keeps the plural and the case, and never lists the word itself', () => {
    expect(transliterationVariants('Nikolaievs')).toContain('Nikolayevs');
    expect(transliterationVariants('ZINOVIEV')).toContain('ZINOVYEV');
    expect(transliterationVariants('Nikolaiev')).not.toContain('Nikolaiev');
    // The longest ending that fits: -iev, not -ev after "Nikolai".
    expect(transliterationVariants('Nikolaiev')).not.toContain('Nikolaiiev');
  });

  it('leaves short words, phrases and words the rules do not touch alone', () => {
    expect(transliterationVariants('GPU')).toEqual([]);
    expect(transliterationVariants('Leningrad')).toEqual([]);
    expect(transliterationVariants('Communist International')).toEqual([]);
  });
});

describe('entrySpellings', () => {
  const nikolaev = {
    name: 'Nikolaev, Leonid',
    aliases: ['Nikolaiev', 'Nicolaiev', 'Leonid Nikolaev'],
    variants: ['Nikolaeff', 'Nikolaiev'],
    notVariants: ['Nikolayef'],
  };

  it('lists each one-word spelling with its variants, less the refused and its own spellings', () => {
    const { spellings, variants } = entrySpellings(nikolaev);
    expect(spellings.map((s) => s.spelling)).toEqual(['Nikolaev', 'Nikolaiev', 'Nicolaiev']);
    const all = spellings.flatMap((s) => s.variants);
    expect(all).toContain('Nikolayev');
    expect(all).not.toContain('Nikolayef');
    expect(all).not.toContain('Nikolaiev');
    // A variant two spellings share is listed once.
    expect(all.filter((v) => v === 'Nikolayev')).toHaveLength(1);
    expect(variants).toEqual(['Nikolaeff']);
  });

  it('lists first the spelling that ranks highest, which then holds the variants it shares', () => {
    const { spellings } = entrySpellings(nikolaev, (spelling) => (spelling === 'Nikolaiev' ? 8 : 1));
    expect(spellings[0]?.spelling).toBe('Nikolaiev');
    expect(spellings[0]?.variants).toContain('Nikolayev');
    expect(spellings[1]?.variants).not.toContain('Nikolayev');
  });
});

describe('searchWords', () => {
  const entries = [
    {
      id: 'nikolaev',
      name: 'Nikolaev, Leonid',
      text: 'Nikolaiev',
      spellings: [
        { spelling: 'Nikolaev', variants: ['Nikolayev'] },
        { spelling: 'Nikolaiev', variants: ['Nikolaief'] },
        { spelling: 'Nicolaiev', variants: ['Nicolayev'] },
      ],
      variants: ['Nikolaeff'],
    },
  ];
  const words = searchWords(
    ['Nikolaiev shot Kirov. The Nikolaiev group', 'A note on Nikolaev and the bureaucracy, bureaucracy.'],
    entries,
  );

  it('leads a spelling no record holds to the one it was made from, or the entry’s spelling in the text', () => {
    expect(words.spellings).toEqual({
      nikolayev: 'Nikolaev',
      nikolaief: 'Nikolaiev',
      nicolaiev: 'Nikolaiev',
      nicolayev: 'Nikolaiev',
      nikolaeff: 'Nikolaiev',
    });
  });

  it('lists the words of five letters or more, most frequent first, in their usual form', () => {
    expect(words.words).toEqual(['bureaucracy', 'Nikolaiev', 'group', 'Kirov', 'Nikolaev']);
  });
});

describe('respellNames and suggestWords', () => {
  it('searches a name as the texts spell it, whatever its case, and says which', () => {
    expect(respellNames('nikolayev and Zinovief', { nikolayev: 'Nikolaiev', zinovief: 'Zinoviev' })).toEqual({
      term: 'Nikolaiev and Zinoviev',
      changes: [
        { typed: 'nikolayev', searched: 'Nikolaiev' },
        { typed: 'Zinovief', searched: 'Zinoviev' },
      ],
    });
    expect(respellNames('Stalin', { nikolayev: 'Nikolaiev' })).toEqual({ term: 'Stalin', changes: [] });
    // Not a key the object inherits.
    expect(respellNames('constructor', {}).changes).toEqual([]);
  });

  it('offers the nearest word within two edits for a word of five letters or more', () => {
    const vocabulary = ['bureaucracy', 'terrorism', 'Zinoviev', 'witness', 'within'];
    expect(suggestWords('bureacracy', vocabulary).term).toBe('bureaucracy');
    expect(suggestWords('individual terorrism', vocabulary).term).toBe('individual terrorism');
    expect(suggestWords('Zinovjev', vocabulary).term).toBe('Zinoviev');
    // Too far, too short, or the start of a known word: left as typed.
    expect(suggestWords('burocrazy', vocabulary).changes).toEqual([]);
    expect(suggestWords('witn', vocabulary).changes).toEqual([]);
    expect(suggestWords('witnes', vocabulary).changes).toEqual([]);
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('terorrism', 'terrorism')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(2);
  });
});

describe('hit words', () => {
  it('marks whole words that begin with a term, never a stop word', () => {
    expect(hitTerms('the Witness of “Nikolaiev”')).toEqual(['Witness', 'Nikolaiev']);
    const pattern = hitPattern(hitTerms('witness of'));
    expect('Witnesses of the crime; an eyewitness'.match(pattern ?? /$^/gu)).toEqual(['Witnesses']);
    expect(hitPattern(hitTerms('of the'))).toBeNull();
  });

  it('unmarks stop words in an excerpt', () => {
    expect(unmarkStopWords('<mark>individual</mark> <mark>terrorism</mark> <mark>of</mark> the')).toBe(
      '<mark>individual</mark> <mark>terrorism</mark> of the',
    );
  });
});
