import { describe, expect, it } from 'vitest';
import { citationMeta, publicSite } from '../../src/lib/cite/citation-meta.ts';

const edition = { title: 'Kirov Reader', editors: 'The Kirov Reader editors' };
const essay = {
  title: 'On the Kirov Assassination',
  authors: ['Leon Trotsky'],
  date: '1934-12',
  description: 'Trotsky’s reply, written in December 1934.',
  citation: {},
};
const obituary = {
  title: 'Obituary of Sergei Kirov (opening)',
  authors: ['Soviet party leaders (the signatures are not in the scraped page)'],
  date: '1934-12-01',
  description: 'The opening of the obituary.',
  citation: { descriptiveTitle: 'Obituary of Sergei Kirov', periodical: 'Pravda', published: '1934-12-02' },
};

/** The content of every tag with this name or property, in order. */
const contents = (meta: ReturnType<typeof citationMeta>, key: string) =>
  meta.filter((tag) => ('name' in tag ? tag.name : tag.property) === key).map((tag) => tag.content);

describe('publicSite', () => {
  it('keeps a configured public address', () => {
    expect(publicSite(new URL('https://example.org/kirov/'))?.href).toBe('https://example.org/kirov/');
  });

  it('drops a local server’s address, so that no page names it', () => {
    for (const local of [
      'http://localhost:4321',
      'http://127.0.0.1:4321',
      'http://[::1]:4321',
      'http://kirov.localhost',
      'http://0.0.0.0:8080',
    ]) {
      expect(publicSite(new URL(local)), local).toBeUndefined();
    }
    expect(publicSite(undefined)).toBeUndefined();
  });
});

describe('citationMeta', () => {
  it('gives a citation manager the essay’s title, author (inverted), date and public address', () => {
    const meta = citationMeta(essay, edition, 'https://example.org/');
    expect(contents(meta, 'citation_title')).toEqual(['On the Kirov Assassination']);
    expect(contents(meta, 'citation_author')).toEqual(['Trotsky, Leon']);
    expect(contents(meta, 'citation_date')).toEqual(['1934/12']);
    expect(contents(meta, 'citation_publication_date')).toEqual(['1934/12']);
    expect(contents(meta, 'citation_language')).toEqual(['en']);
    expect(contents(meta, 'citation_public_url')).toEqual(['https://example.org/']);
    expect(contents(meta, 'og:url')).toEqual(['https://example.org/']);
    expect(contents(meta, 'og:title')).toEqual(['On the Kirov Assassination']);
  });

  it('names no author for an unsigned text, and gives its newspaper and day of printing', () => {
    const meta = citationMeta(obituary, edition, 'https://example.org/obituary/');
    expect(contents(meta, 'citation_author')).toEqual([]);
    expect(contents(meta, 'citation_title')).toEqual(['Obituary of Sergei Kirov']);
    expect(contents(meta, 'citation_date')).toEqual(['1934/12/01']);
    expect(contents(meta, 'citation_publication_date')).toEqual(['1934/12/02']);
    expect(contents(meta, 'citation_journal_title')).toEqual(['Pravda']);
  });

  it('writes no address at all when the site has no public address', () => {
    const meta = citationMeta(essay, edition, undefined);
    expect(contents(meta, 'citation_public_url')).toEqual([]);
    expect(contents(meta, 'og:url')).toEqual([]);
    expect(contents(meta, 'citation_title')).toEqual(['On the Kirov Assassination']);
  });
});
