/*
 * Hosts a note, a timeline event or an index entry may not cite, each with the reason. The edition cites
 * what a teacher can hand to a class: encyclopedias, scholarly books and reviews of them, the Marxists
 * Internet Archive's own pages, primary sources in libraries and archives, and Wikipedia where nothing
 * better is reachable. The list is data: add a host with its reason when a new kind of weak source turns
 * up. tests/unit/source-policy.test.ts checks every source URL in content/ against it.
 */

export interface DeniedHost {
  /** The host name; its subdomains are denied with it ("wikiclassic.com" also denies "www.wikiclassic.com"). */
  host: string;
  /** Why it is refused, and what to cite instead. */
  reason: string;
}

const mirror = (of: string) => `a copy of ${of} under another name; cite the original`;

export const deniedHosts: readonly DeniedHost[] = [
  { host: 'absoluteastronomy.com', reason: mirror('old versions of Wikipedia') },
  { host: 'the-uncensored-wiki.com', reason: mirror('old versions of Wikipedia') },
  { host: 'formaementis.wordpress.com', reason: 'an anonymous blog; cite an encyclopedia or a biography' },
  { host: 'academic.ru', reason: mirror('encyclopedias (Britannica, Wikipedia)') },
  { host: 'fr-academic.com', reason: mirror('French Wikipedia') },
  {
    host: 'de.zxc.wiki',
    reason: 'a machine translation of German Wikipedia; cite Wikipedia or a better source',
  },
  { host: 'wikiclassic.com', reason: mirror('English Wikipedia, with words garbled') },
  { host: 'wikipedia-on-ipfs.org', reason: mirror('an old snapshot of Wikipedia') },
  { host: 'kiwix.campusafrica.gos.orange.com', reason: mirror('an offline snapshot of Wikipedia') },
  { host: 'w3we.com', reason: mirror('Wikipedia') },
  { host: 'infospaze.com', reason: mirror('Wikipedia') },
  { host: 'liquisearch.com', reason: mirror('Wikipedia') },
  { host: 'primidi.com', reason: mirror('Wikipedia') },
  { host: 'memim.com', reason: mirror('Wikipedia') },
  {
    host: 'wikisum.wiki',
    reason: 'machine-written summaries of Wikipedia articles; cite the article or a book',
  },
  {
    host: 'storia.wiki',
    reason: 'an unsigned Italian wiki that copies and rewrites Wikipedia; cite the original',
  },
  { host: 'quodid.com', reason: 'a content farm of unsigned biographies; cite an encyclopedia' },
  { host: 'notesera.com', reason: 'a content farm of study notes; cite an encyclopedia or a book' },
  { host: 'slovar-vocab.com', reason: mirror('Britannica Concise Encyclopedia') },
  {
    host: 'thefreedictionary.com',
    reason: mirror('licensed dictionaries and encyclopedias, without their editions named'),
  },
  { host: 'newdu.com', reason: mirror('the Great Soviet Encyclopedia') },
  {
    host: 'docslib.org',
    reason: 'a document dump of unattributed uploads; cite the publication or its archive',
  },
  { host: 'marxists.info', reason: mirror('the Marxists Internet Archive; cite www.marxists.org') },
  { host: 'marxists.pages.dev', reason: mirror('the Marxists Internet Archive; cite www.marxists.org') },
  { host: 'marxists.catbull.com', reason: mirror('the Marxists Internet Archive; cite www.marxists.org') },
  {
    host: 'chinaworker.info',
    reason: 'a party website reprinting the Marxists Internet Archive; cite the archive',
  },
  { host: 'getrevising.co.uk', reason: 'revision cards written by students; cite an encyclopedia or a book' },
  { host: 'uvisitrussia.com', reason: 'a travel site; cite an encyclopedia' },
  { host: 'komoot.com', reason: 'a travel site; cite an encyclopedia' },
  {
    host: 'rtvm.gov.ph',
    reason: 'a broadcaster’s unsigned glossary page, off its subject; cite an encyclopedia',
  },
  { host: 'losthistory.net', reason: 'an unsigned collectors’ site; cite an encyclopedia' },
];

/** The denied entry for a URL's host (or a parent domain of it), if any. */
export function deniedHostOf(url: string): DeniedHost | undefined {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  return deniedHosts.find((denied) => host === denied.host || host.endsWith(`.${denied.host}`));
}
