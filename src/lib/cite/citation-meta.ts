import type { EditionDocument } from '../schema/edition.ts';
import { personalName } from './citation.ts';

/*
 * What citation managers (Zotero, Mendeley, Google Scholar) and link previews read from a reading page's
 * <head>: the Highwire Press citation_* tags, and Open Graph for the preview a chat or a class forum
 * shows. Addresses go in only when the site's public address is configured: a tag naming the preview
 * server would send every saved citation to localhost.
 */

/** One <meta> element: `name` for the citation tags, `property` for Open Graph. */
export type HeadMeta = { name: string; content: string } | { property: string; content: string };

/**
 * The site's public address, or undefined when the build was made for a local server (no KIROV_SITE):
 * localhost, a loopback address or a *.localhost name is never written into a page as its address.
 */
export function publicSite(site: URL | undefined): URL | undefined {
  if (site === undefined) return undefined;
  const host = site.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\./.test(host) ||
    host === '0.0.0.0';
  return local ? undefined : site;
}

/** "1934-12" → "1934/12", the date form Google Scholar's citation_* tags use. */
function citationDate(iso: string): string {
  return iso.replaceAll('-', '/');
}

/**
 * The head tags of one document's reading page. `url` is the page's absolute public address, or
 * undefined when the site has none configured (then no tag names an address).
 */
export function citationMeta(
  document: Pick<EditionDocument, 'title' | 'authors' | 'date' | 'description' | 'citation'>,
  edition: { title: string; editors: string },
  url: string | undefined,
): HeadMeta[] {
  const title = document.citation.descriptiveTitle ?? document.title;
  const authors = document.authors.flatMap((author) => {
    const name = personalName(author);
    // Inverted ("Trotsky, Leon"), as the tags' readers expect; an unsigned text names no author.
    return name ? [`${name.family}, ${name.given}`] : [];
  });
  const published = document.citation.published ?? document.date;
  const meta: HeadMeta[] = [
    { name: 'citation_title', content: title },
    ...authors.map((author) => ({ name: 'citation_author', content: author })),
    { name: 'citation_date', content: citationDate(document.date) },
    { name: 'citation_publication_date', content: citationDate(published) },
    { name: 'citation_language', content: 'en' },
    { name: 'citation_publisher', content: `${edition.title}, edited by ${edition.editors}` },
  ];
  if (document.citation.periodical) {
    meta.push({ name: 'citation_journal_title', content: document.citation.periodical });
  }
  if (url) meta.push({ name: 'citation_public_url', content: url });
  meta.push(
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: edition.title },
    { property: 'og:title', content: title },
    { property: 'og:description', content: document.description },
  );
  if (url) meta.push({ property: 'og:url', content: url });
  return meta;
}
