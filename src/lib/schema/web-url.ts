import { z } from 'zod';

/*
 * Every URL the edition publishes (a note's sources, a link in a note, an index entry's or a timeline
 * event's source, a document's archive page) is a web address. A `javascript:` or `data:` URL would be
 * published as a link even though the Content-Security-Policy stops it when clicked, and a `file:` or
 * `ftp:` one leads nowhere for a reader; so only http: and https: are accepted.
 */

/** The schemes a published link may use. */
const WEB_PROTOCOL = /^https?$/u;

/** An absolute http(s) URL; the message shows an example of the field's kind of address. */
export function webUrlSchema(example: string) {
  return z.url({
    protocol: WEB_PROTOCOL,
    error: `expected an absolute http(s) URL such as "${example}" (other schemes, such as javascript: or data:, are refused)`,
  });
}

/**
 * Whether a link written in a note's Markdown may be published: an absolute http(s) URL, a path of
 * this site (`/timeline/#…`) or an anchor on the page (`#…`). A protocol-relative `//host` is not a
 * path of this site.
 */
export function isPublishableHref(href: string): boolean {
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) return true;
  if (trimmed.startsWith('/')) return !trimmed.startsWith('//') && !trimmed.startsWith('/\\');
  if (!/^https?:\/\//iu.test(trimmed)) return false;
  return URL.canParse(trimmed);
}
