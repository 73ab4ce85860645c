import { describe, expect, test } from 'vitest';
import { editionContent } from '../support/edition-files.ts';
import { attribute, elementsOf, htmlPages, pageTree, pathOfPage, siteUrl } from './support/built.ts';

/*
 * Citation managers and link previews read the reading pages' <head>: each document's page carries the
 * citation_* tags of its document, and no page names a local server as its address. The canonical link
 * and citation_public_url come from the site's configured address (KIROV_SITE) or are left out.
 */

const { documents } = editionContent();
const configured = !/^https?:\/\/(localhost|127\.|\[::1\])/.test(siteUrl);

/** The content of every <meta name|property> of a page with this key. */
function metaOf(page: string, key: string): string[] {
  return elementsOf(pageTree(page))
    .filter((element) => element.tagName === 'meta')
    .filter((element) => (attribute(element, 'name') ?? attribute(element, 'property')) === key)
    .map((element) => attribute(element, 'content') ?? '');
}

const pageOf = (document: { path: string }) => `${document.path.slice(1)}index.html`;

describe('citation tags on the reading pages', () => {
  test('the edition has reading pages to check', () => {
    expect(documents.map((document) => document.path)).toEqual(['/obituary/', '/']);
    for (const document of documents) expect(htmlPages).toContain(pageOf(document));
  });

  test.each(documents)('$path names its title, date and language for citation managers', (document) => {
    const page = pageOf(document);
    expect(metaOf(page, 'citation_title')).toEqual([document.citation?.descriptiveTitle ?? document.title]);
    expect(metaOf(page, 'citation_date')).toEqual([document.date.replaceAll('-', '/')]);
    expect(metaOf(page, 'citation_language')).toEqual(['en']);
    expect(metaOf(page, 'og:title')).toEqual([document.citation?.descriptiveTitle ?? document.title]);
  });

  test('the essay names its author, inverted as citation managers expect', () => {
    expect(metaOf('index.html', 'citation_author')).toEqual(['Trotsky, Leon']);
  });

  test.each(documents)('$path gives its public address only from the configured site', (document) => {
    const page = pageOf(document);
    const canonical = elementsOf(pageTree(page))
      .filter((element) => element.tagName === 'link' && attribute(element, 'rel')?.includes('canonical'))
      .map((element) => attribute(element, 'href'));
    const expected = configured ? [new URL(pathOfPage(page), siteUrl).href] : [];
    expect(canonical).toEqual(expected);
    expect(metaOf(page, 'citation_public_url')).toEqual(expected);
    expect(metaOf(page, 'og:url')).toEqual(expected);
  });

  test('no page names a local server in its head', () => {
    const local = htmlPages.filter((page) =>
      elementsOf(pageTree(page))
        .filter((element) => element.tagName === 'meta' || element.tagName === 'link')
        .some((element) =>
          /localhost|127\.0\.0\.1/.test(
            `${attribute(element, 'href') ?? ''} ${attribute(element, 'content') ?? ''}`,
          ),
        ),
    );
    expect(local).toEqual([]);
  });
});
