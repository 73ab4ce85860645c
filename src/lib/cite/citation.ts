import type { EditionDocument } from '../schema/edition.ts';
import { formatPartialDate, MONTH_NAMES } from '../timeline/partial-date.ts';

/*
 * Citations of one passage, as a teacher pastes them into a syllabus or a student into a paper:
 * Chicago (17th ed.) note and bibliography entry, MLA (9th ed.) works-cited entry and in-text
 * citation. The paragraph belongs in the note and in the in-text citation, never in the bibliography
 * or the works-cited list. Each citation is a list of runs, some in italics (a newspaper, MLA's
 * container), so that the page shows the italics, the clipboard carries them as HTML, and plain text
 * (and a screen reader) gets the same words.
 *
 * One module on purpose, a little over 250 lines: the two styles share the name inversion, the date
 * forms and the title punctuation, and a librarian checking a style's rules reads them here together.
 */

/** A personal name split for inversion ("Trotsky, Leon"). */
export interface PersonName {
  given: string;
  family: string;
}

/** What a citation needs to know of the document, from the edition file. */
export interface CitedWork {
  /** Authors in order; empty when the document is unsigned or its signatories are unknown. */
  authors: readonly PersonName[];
  /** The document's title, as the edition prints it. */
  title: string;
  /**
   * When the printed title is not known: a description that names the work in its place, set without
   * quotation marks, as both styles do for an untitled work ("Obituary of Sergei Kirov").
   */
  descriptiveTitle?: string | undefined;
  /** When it was written or dated: an ISO date to its precision ("1934-12"). */
  date: string | null;
  /** The newspaper or journal it was first printed in, when known. */
  periodical?: string | undefined;
  /** The date in that periodical, to its precision, when known. */
  published?: string | undefined;
  /** The translator into English, or null when unknown. */
  translator: string | null;
  /** The edition (the website) the passage is read in. */
  edition: string;
  /** The absolute link to the document's page (for the bibliography and the works cited). */
  documentUrl: string;
}

export interface PassageCitation extends CitedWork {
  /** The passage's ¶ number. */
  paragraph: number;
  /** The absolute link to the passage. */
  url: string;
  /** When the reader consulted it: an ISO date, YYYY-MM-DD. */
  accessed: string;
}

/**
 * The citation of a whole document in the edition, as /about/ recommends it: authors, title, date and
 * translator, then the edition and its editors. Plain text; the caller adds the site's address.
 */
export function editionCitation(
  document: Pick<EditionDocument, 'authors' | 'title' | 'date' | 'translator'>,
  edition: { title: string; editors: string },
): string {
  const translated = document.translator ? `, translated by ${document.translator}` : '';
  return `${document.authors.join(', ')}, “${document.title}” (${formatPartialDate(document.date)})${translated}. In ${edition.title}, edited by ${edition.editors}.`;
}

/** A stretch of a citation, in italics or not. */
export type CitationRun = string | { italic: string };

/** The four citations of a passage, in the order the tools show them. */
export function passageCitations(citation: PassageCitation): { label: string; runs: CitationRun[] }[] {
  return [
    { label: 'Chicago note', runs: chicagoNote(citation) },
    { label: 'Chicago bibliography', runs: chicagoBibliography(citation) },
    { label: 'MLA works cited', runs: mlaWorksCited(citation) },
    { label: 'MLA in-text', runs: [mlaInText(citation)] },
  ];
}

/** The citation as plain text. */
export function plainCitation(runs: readonly CitationRun[]): string {
  return runs.map((run) => (typeof run === 'string' ? run : run.italic)).join('');
}

/** The citation as HTML, italics as <i> (for the clipboard's text/html). */
export function htmlCitation(runs: readonly CitationRun[]): string {
  const escapeHtml = (text: string) =>
    text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
  return runs
    .map((run) => (typeof run === 'string' ? escapeHtml(run) : `<i>${escapeHtml(run.italic)}</i>`))
    .join('');
}

// MLA abbreviates months of more than four letters (MLA Handbook 9, appendix 1).
const mlaMonths = [
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];

/**
 * Splits "Leon Trotsky" into given and family name. Returns null for anything that is not plainly a
 * personal name ("Soviet party leaders (the signatures are not in the scraped page)"), so that such a
 * document is cited by its title, as both styles do for a work without a named author.
 */
export function personalName(name: string): PersonName | null {
  const words = name.trim().split(/\s+/u);
  const capitalised = /^\p{Lu}[\p{L}\p{M}.'’-]*$/u;
  if (words.length < 2 || !words.every((word) => capitalised.test(word))) return null;
  const family = words.at(-1) ?? '';
  return { given: words.slice(0, -1).join(' '), family };
}

/**
 * Chicago note: Leon Trotsky, “Title” (December 1934), trans. X, Edition, par. 12, accessed March 3,
 * 2026, URL. An unsigned newspaper piece: Description, Pravda, December 2, 1934, Edition, par. 2, …
 */
export function chicagoNote(citation: PassageCitation): CitationRun[] {
  const authors = chicagoAuthors(citation.authors);
  const runs: CitationRun[] = [];
  if (authors) runs.push(`${authors}, `);
  const printed = citation.periodical !== undefined;
  // The date of writing follows the title in parentheses, unless the newspaper's issue dates it.
  const written = !printed && citation.date ? ` (${chicagoDate(citation.date)})` : '';
  if (citation.descriptiveTitle) runs.push(`${citation.descriptiveTitle}${written}, `);
  else if (written) runs.push(`${quotedTitle(citation.title, '')}${written}, `);
  else runs.push(`${quotedTitle(citation.title, ',')} `);
  if (printed) {
    runs.push({ italic: citation.periodical ?? '' });
    runs.push(citation.published ? `, ${chicagoDate(citation.published)}, ` : ', ');
  }
  const rest = [
    citation.translator ? `trans. ${citation.translator}` : '',
    citation.edition,
    `par. ${citation.paragraph}`,
    `accessed ${chicagoDate(citation.accessed)}`,
    citation.url,
  ].filter(Boolean);
  runs.push(`${rest.join(', ')}.`);
  return runs;
}

/**
 * Chicago bibliography: Trotsky, Leon. “Title.” December 1934. Translated by X. Edition. Accessed
 * March 3, 2026. URL. An unsigned newspaper piece is listed under the newspaper.
 */
export function chicagoBibliography(citation: PassageCitation): CitationRun[] {
  const runs: CitationRun[] = [];
  const authors = mlaAuthors(citation.authors, 'Chicago');
  const title = citation.descriptiveTitle
    ? endSentence(citation.descriptiveTitle)
    : quotedTitle(citation.title, '.');
  if (authors) runs.push(`${endSentence(authors)} ${title}`);
  else if (citation.periodical) runs.push({ italic: citation.periodical }, `. ${title}`);
  else runs.push(title);
  if (citation.periodical && authors) runs.push(' ', { italic: citation.periodical }, '.');
  const date = citation.published ?? citation.date;
  if (date) runs.push(` ${chicagoDate(date)}.`);
  if (citation.translator) runs.push(` Translated by ${endSentence(citation.translator)}`);
  runs.push(
    ` ${endSentence(citation.edition)} Accessed ${chicagoDate(citation.accessed)}. ${citation.documentUrl}.`,
  );
  return runs;
}

/**
 * MLA works cited: Trotsky, Leon. “Title.” Dec. 1934. Translated by X, Edition (italics), URL.
 * Accessed 3 Mar. 2026. An unsigned newspaper piece: Description. Pravda (italics), 2 Dec. 1934. …
 */
export function mlaWorksCited(citation: PassageCitation): CitationRun[] {
  const runs: CitationRun[] = [];
  const authors = mlaAuthors(citation.authors, 'MLA');
  if (authors) runs.push(`${endSentence(authors)} `);
  runs.push(
    citation.descriptiveTitle ? endSentence(citation.descriptiveTitle) : quotedTitle(citation.title, '.'),
  );
  if (citation.periodical) {
    runs.push(' ', { italic: citation.periodical });
    runs.push(citation.published ? `, ${mlaDate(citation.published)}.` : '.');
  } else if (citation.date) {
    runs.push(` ${mlaDate(citation.date)}.`);
  }
  runs.push(citation.translator ? ` Translated by ${citation.translator}, ` : ' ');
  runs.push(
    { italic: citation.edition },
    `, ${citation.documentUrl}. Accessed ${mlaDate(citation.accessed)}.`,
  );
  return runs;
}

/** MLA in-text: (Trotsky, par. 12), or the title (shortened) when no author is named. */
export function mlaInText(citation: PassageCitation): string {
  const [first, second] = citation.authors;
  let lead: string;
  if (!first) lead = citation.descriptiveTitle ?? `“${citation.title}”`;
  else if (citation.authors.length > 2) lead = `${first.family} et al.`;
  else if (second) lead = `${first.family} and ${second.family}`;
  else lead = first.family;
  return `(${lead}, par. ${citation.paragraph})`;
}

function chicagoAuthors(authors: readonly PersonName[]): string {
  const names = authors.map((a) => `${a.given} ${a.family}`);
  if (names.length > 3) return `${names[0]} et al.`;
  if (names.length === 3) return `${names[0]}, ${names[1]}, and ${names[2]}`;
  return names.join(' and ');
}

/** The first author inverted; Chicago's bibliography names up to ten, MLA shortens three to “et al.” */
function mlaAuthors(authors: readonly PersonName[], style: 'Chicago' | 'MLA'): string {
  const [first, second] = authors;
  if (!first) return '';
  const inverted = `${first.family}, ${first.given}`;
  if (style === 'MLA' && authors.length > 2) return `${inverted}, et al`;
  const others = authors.slice(1).map((a) => `${a.given} ${a.family}`);
  if (style === 'Chicago' && others.length > 0) {
    return `${inverted}, ${others.slice(0, -1).join(', ')}${others.length > 1 ? ', ' : ''}and ${others.at(-1)}`;
  }
  if (second) return `${inverted}, and ${second.given} ${second.family}`;
  return inverted;
}

/** “Title,” — unless the title ends in its own ? or !, which then stands for the punctuation. */
function quotedTitle(title: string, punctuation: ',' | '.' | ''): string {
  // Quotation marks inside a quoted title become single ones.
  const inner = title
    .replace(/“/gu, '‘')
    .replace(/”/gu, '’')
    .replace(/"([^"]*)"/gu, '‘$1’');
  return /[?!]$/u.test(inner) ? `“${inner}”` : `“${inner}${punctuation}”`;
}

/** Adds a full stop unless the text already ends with one (an initial, "et al."). */
function endSentence(text: string): string {
  return /[.?!]$/u.test(text) ? text : `${text}.`;
}

function parseIsoDate(iso: string): { year: number; month: number | undefined; day: number | undefined } {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(iso);
  const month = match?.[2] === undefined ? undefined : Number(match[2]);
  const day = match?.[3] === undefined ? undefined : Number(match[3]);
  if (
    !match ||
    (month !== undefined && (month < 1 || month > 12)) ||
    (day !== undefined && (day < 1 || day > 31))
  ) {
    throw new RangeError(`Unexpected date "${iso}", expected an ISO date such as 2026-03-03`);
  }
  return { year: Number(match[1]), month, day };
}

/** "March 3, 2026", "December 1934", "1934". */
function chicagoDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  if (month === undefined) return String(year);
  const name = MONTH_NAMES[month - 1];
  return day === undefined ? `${name} ${year}` : `${name} ${day}, ${year}`;
}

/** "3 Mar. 2026", "Dec. 1934", "1934". */
function mlaDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  if (month === undefined) return String(year);
  const name = mlaMonths[month - 1];
  return day === undefined ? `${name} ${year}` : `${day} ${name} ${year}`;
}

/** Today's date in the reader's own time zone, as the access date a citation records. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
