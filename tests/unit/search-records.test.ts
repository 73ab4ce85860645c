import { describe, expect, it } from 'vitest';
import { searchRecords } from '../../src/lib/search/search-records.ts';

const passages = {
  edition: {
    documents: [
      { id: 'essay', title: 'On the Kirov Assassination' },
      { id: 'obituary', title: 'Obituary of Sergei Kirov (opening)' },
    ],
  },
  passages: [
    {
      id: 'a-great-sorrow',
      n: 1,
      document: 'obituary',
      section: null,
      text: 'A great sorrow.',
      url: '/obituary/#a-great-sorrow',
    },
    {
      id: 'zinoviev-and-kamenev',
      n: 1,
      document: 'essay',
      section: null,
      text: 'Zinoviev and Kamenev are no fools.',
      url: '/#zinoviev-and-kamenev',
    },
    {
      id: 'the-soviet-bureaucracy',
      n: 12,
      document: 'essay',
      section: 'The Dual Role of the Bureaucracy',
      text: 'The Soviet bureaucracy, however, …',
      url: '/#the-soviet-bureaucracy',
    },
  ],
};

describe('searchRecords', () => {
  const records = searchRecords({
    passages,
    notes: [
      {
        id: 'kamenev',
        kind: 'person',
        title: 'Lev Kamenev',
        passage: 'zinoviev-and-kamenev',
        url: '/#note-kamenev',
        text: 'Kamenev (1883–1936) was …',
      },
    ],
    events: [
      {
        id: 'assassination',
        date: '1934-12-01',
        title: 'Kirov is shot',
        summary: 'Kirov is shot in the Smolny.',
        url: '/timeline/#assassination',
      },
    ],
    apparatus: {
      url: '/about/',
      title: 'About this edition',
      content: 'Keyword spam removed: the search phrase.',
    },
  });

  it('makes every paragraph its own result, titled with its ¶ (its section apart, so that heading words do not outrank the text), filtered by document and kind', () => {
    expect(records.slice(0, 3)).toEqual([
      {
        url: '/obituary/#a-great-sorrow',
        content: 'A great sorrow.',
        language: 'und',
        meta: {
          title: '¶ 1',
          n: '1',
          section: '',
          document: 'Obituary of Sergei Kirov (opening)',
          kind: 'Text',
        },
        filters: { document: ['Obituary of Sergei Kirov (opening)'], kind: ['Text'] },
        sort: { order: '000000' },
      },
      expect.objectContaining({ url: '/#zinoviev-and-kamenev', sort: { order: '000001' } }),
      expect.objectContaining({
        meta: expect.objectContaining({
          title: '¶ 12',
          n: '12',
          section: 'The Dual Role of the Bureaucracy',
        }),
        filters: { document: ['On the Kirov Assassination'], kind: ['Text'] },
      }),
    ]);
  });

  it('indexes notes under their passage’s document and events and the apparatus under their own kinds', () => {
    expect(records.slice(3).map((r) => [r.url, r.meta?.title, r.filters])).toEqual([
      ['/#note-kamenev', 'Note: Lev Kamenev', { document: ['On the Kirov Assassination'], kind: ['Note'] }],
      ['/timeline/#assassination', 'Kirov is shot (1934-12-01)', { kind: ['Event'] }],
      ['/about/', 'About this edition', { kind: ['Apparatus'] }],
    ]);
  });
});
