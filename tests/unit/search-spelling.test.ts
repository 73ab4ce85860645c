import { describe, expect, it } from 'vitest';
import { hitPattern, hitTerms, unmarkStopWords } from '../../src/lib/search/hit-words.ts';
import { entrySpellings, transliterationVariants } from '../../src/lib/search/name-variants.ts';
import {
  editDistance,
  MAX_SPELLED_QUERIES,
  respellNames,
  suggestWords,
} from '../../src/lib/search/query-spelling.ts';
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
        { spelling: 'Nikolaiev', variants: ['Nikolayev', 'Nikolaief'] },
        { spelling: 'Nikolaievs', variants: ['Nikolayevs'] },
        { spelling: 'Nikolaev', variants: [] },
        { spelling: 'Nicolaiev', variants: ['Nicolayev'] },
      ],
      variants: ['Nikolaeff'],
    },
    {
      id: 'fascism',
      name: 'Fascism',
      text: 'Fascism',
      spellings: [
        { spelling: 'Fascism', variants: [] },
        { spelling: 'Fascist', variants: [] },
      ],
      variants: [],
    },
    {
      id: 'yezhov',
      name: 'Yezhov, Nikolai',
      text: 'Yezhov',
      spellings: [
        { spelling: 'Yezhov', variants: ['Ezhov'] },
        { spelling: 'Jezhov', variants: [] },
      ],
      variants: [],
    },
  ];
  const words = searchWords(
    [
      'Nikolaiev shot Kirov. The Nikolaievs group; Yezhov, a Fascism and a Fascist',
      'A note on Nikolaev and the bureaucracy, bureaucracy.',
    ],
    entries,
  );

  it('leads every way to type a name to each spelling of it that some record holds, the text’s first', () => {
    const both = ['Nikolaiev', 'Nikolaev'];
    expect(words.spellings).toEqual({
      // The spellings the records hold lead to each other; their variants and the editor's to both.
      nikolaiev: both,
      nikolaev: both,
      nikolayev: both,
      nikolaief: both,
      nikolaeff: both,
      // "Nicolaiev" (no record holds it) is the same name by the rules: Nik-/Nic-.
      nicolaiev: both,
      nicolayev: both,
      // The plural is a name of its own, which the records spell one way.
      nikolayevs: ['Nikolaievs'],
      ezhov: ['Yezhov'],
      // A spelling no record holds and the rules do not relate leads to the name the texts use.
      jezhov: ['Yezhov'],
    });
    // "Fascism" and "Fascist" are two words, not two spellings of one: each finds what it finds.
    expect(words.spellings).not.toHaveProperty('fascism');
    expect(words.spellings).not.toHaveProperty('fascist');
  });

  it('lists the words of five letters or more, most frequent first, in their usual form', () => {
    expect(words.words).toEqual([
      'bureaucracy',
      'Fascism',
      'Fascist',
      'group',
      'Kirov',
      'Nikolaev',
      'Nikolaiev',
      'Nikolaievs',
      'Yezhov',
    ]);
  });
});

describe('respellNames and suggestWords', () => {
  it('searches a name in every spelling the texts use, whatever its case, and says which', () => {
    expect(
      respellNames('nikolayev and Zinovief', {
        nikolayev: ['Nikolaiev', 'Nikolaev'],
        zinovief: ['Zinoviev'],
      }),
    ).toEqual({
      terms: ['Nikolaiev and Zinoviev', 'Nikolaev and Zinoviev'],
      changes: [
        { typed: 'nikolayev', searched: ['Nikolaiev', 'Nikolaev'] },
        { typed: 'Zinovief', searched: ['Zinoviev'] },
      ],
    });
    expect(respellNames('Stalin', { nikolayev: ['Nikolaiev'] })).toEqual({ terms: ['Stalin'], changes: [] });
    // Not a key the object inherits.
    expect(respellNames('constructor', {}).changes).toEqual([]);
  });

  it('searches at most four queries for a query of several names in several spellings', () => {
    const spellings = { a: ['A1', 'A2'], b: ['B1', 'B2', 'B3'] };
    expect(respellNames('a b', spellings).terms).toEqual(['A1 B1', 'A1 B2', 'A1 B3', 'A2 B1']);
    expect(MAX_SPELLED_QUERIES).toBe(4);
  });

  it('offers the nearest word within two edits for a word of five letters or more', () => {
    const vocabulary = ['bureaucracy', 'terrorism', 'Zinoviev', 'witness', 'within'];
    expect(suggestWords('bureacracy', vocabulary).terms).toEqual(['bureaucracy']);
    expect(suggestWords('individual terorrism', vocabulary).terms).toEqual(['individual terrorism']);
    expect(suggestWords('Zinovjev', vocabulary).terms).toEqual(['Zinoviev']);
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
