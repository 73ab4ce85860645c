import { describe, expect, it } from 'vitest';
import { buildNameIndex, type IndexablePassage } from '../../src/lib/name-index/build-name-index.ts';
import { readIndexEntries, readPassageFiles } from '../support/edition-files.ts';

/* The edition's own index entries against its own passages, without a build, read by the site's reader. */

const entries = readIndexEntries().map((entry) => ({
  ...entry,
  fileId: entry.file.replace(/^content\/index\//u, '').replace(/\.yaml$/u, ''),
}));

// Reading order as the site has it: obituary (first in the witness), then the essay, each by ¶.
const documentOrder = ['obituary', 'essay'];
const passages: IndexablePassage[] = documentOrder.flatMap((document) =>
  readPassageFiles()
    .filter((passage) => passage.document === document)
    .map(({ id, n, text }) => ({ id, n, document, href: `/#${id}`, text }))
    .sort((a, b) => a.n - b.n),
);

describe('content/index', () => {
  it('has at least 30 entries, each with the file name as its id', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(entries.filter((entry) => entry.id !== entry.fileId).map((entry) => entry.file)).toEqual([]);
  });

  it('covers every kind', () => {
    expect(new Set(entries.map((entry) => entry.kind))).toEqual(
      new Set(['person', 'organisation', 'place', 'term']),
    );
  });

  it('carries the spellings the texts use', () => {
    const spellings = (id: string) => {
      const entry = entries.find((e) => e.id === id);
      return entry ? [entry.name, ...entry.aliases] : [];
    };
    expect(spellings('nikolaev')).toEqual(expect.arrayContaining(['Nikolaiev', 'Nicolaiev', 'Nikolaev']));
    expect(spellings('communist-international')).toEqual(
      expect.arrayContaining(['CI', 'Communist International', 'Comintern', 'Third International']),
    );
    expect(spellings('zinoviev-group')).toEqual(
      expect.arrayContaining(['Zinoviev group', 'Zinovievist group']),
    );
    expect(spellings('soviet-union')).toEqual(expect.arrayContaining(['USSR', 'Soviet Union']));
    expect(spellings('kolkhoz')).toEqual(expect.arrayContaining(['kolkhoz', 'Kolkhozes']));
    expect(spellings('bonapartism')).toContain('Bonapartist');
    expect(spellings('amalgam')).toContain('amalgam');
    expect(spellings('centrism')).toContain('centrism');
    expect(spellings('smolny')).toContain('Smolny');
    expect(spellings('leningrad')).toContain('Leningrad');
  });

  it('finds every entry in at least one passage', () => {
    const groups = buildNameIndex(entries, passages);
    const mentioned = Object.fromEntries(
      groups.flatMap((group) =>
        group.entries.map((entry) => [entry.id, entry.mentions.map((m) => `${m.document} ¶ ${m.n}`)]),
      ),
    );
    expect(Object.keys(mentioned)).toHaveLength(entries.length);
    expect(mentioned.kirov).toEqual(['obituary ¶ 1', 'obituary ¶ 3']);
    expect(mentioned.smolny).toEqual(['essay ¶ 33', 'essay ¶ 35']);
    expect(mentioned['zinoviev-group']).toEqual([
      'essay ¶ 1',
      'essay ¶ 26',
      'essay ¶ 30',
      'essay ¶ 33',
      'essay ¶ 40',
      'essay ¶ 43',
      'essay ¶ 53',
      'essay ¶ 59',
    ]);
  });
});
