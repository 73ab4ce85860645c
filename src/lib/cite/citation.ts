import { MONTH_NAMES } from '../timeline/partial-date.ts';

/*
 * Citation strings for one passage, as a teacher pastes them into a syllabus or a student into a
 * paper: Chicago (a note, since a paragraph number belongs in a note, not in the bibliography) and
 * MLA 9 (a works-cited entry, which MLA lets carry a paragraph locator). Plain text: the clipboard
 * and a screen reader get the same string the reader sees.
 */

/** A personal name split for inversion ("Trotsky, Leon"). */
export interface PersonName {
  given: string;
  family: string;
}

export interface PassageCitation {
  /** Authors in order; empty when the document is unsigned or its signatories are unknown. */
  authors: readonly PersonName[];
  /** The document's title, as the edition prints it. */
  title: string;
  /** The translator into English, or null when unknown. */
  translator: string | null;
  /** The edition (the website) the passage is read in. */
  edition: string;
  /** The passage's ¶ number. */
  paragraph: number;
  /** The absolute link to the passage. */
  url: string;
  /** When the reader consulted it: an ISO date, YYYY-MM-DD. */
  accessed: string;
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
 * personal name ("Soviet party leaders (the signatures are not in the witness)"), so that such a
 * document is cited by its title, as both styles do for a work without a named author.
 */
export function personalName(name: string): PersonName | null {
  const words = name.trim().split(/\s+/u);
  const capitalised = /^\p{Lu}[\p{L}\p{M}.'’-]*$/u;
  if (words.length < 2 || !words.every((word) => capitalised.test(word))) return null;
  const family = words.at(-1) ?? '';
  return { given: words.slice(0, -1).join(' '), family };
}

/** Chicago (17th ed.) note: Leon Trotsky, “Title,” trans. X, Edition, par. 12, accessed March 3, 2026, URL. */
export function chicagoCitation(citation: PassageCitation): string {
  const authors = chicagoAuthors(citation.authors);
  const rest = [
    citation.translator ? `trans. ${citation.translator}` : '',
    citation.edition,
    `par. ${citation.paragraph}`,
    `accessed ${chicagoDate(citation.accessed)}`,
    citation.url,
  ].filter(Boolean);
  // The comma after the title goes inside the closing quotation mark.
  return `${authors ? `${authors}, ` : ''}${quotedTitle(citation.title, ',')} ${rest.join(', ')}.`;
}

/** MLA (9th ed.): Trotsky, Leon. “Title.” Translated by X. Edition, par. 12, URL. Accessed 3 Mar. 2026. */
export function mlaCitation(citation: PassageCitation): string {
  const sentences: string[] = [];
  const authors = mlaAuthors(citation.authors);
  if (authors) sentences.push(endSentence(authors));
  sentences.push(quotedTitle(citation.title, '.'));
  if (citation.translator) sentences.push(`Translated by ${endSentence(citation.translator)}`);
  sentences.push(`${citation.edition}, par. ${citation.paragraph}, ${citation.url}.`);
  sentences.push(`Accessed ${mlaDate(citation.accessed)}.`);
  return sentences.join(' ');
}

function chicagoAuthors(authors: readonly PersonName[]): string {
  const names = authors.map((a) => `${a.given} ${a.family}`);
  if (names.length > 3) return `${names[0]} et al.`;
  if (names.length === 3) return `${names[0]}, ${names[1]}, and ${names[2]}`;
  return names.join(' and ');
}

function mlaAuthors(authors: readonly PersonName[]): string {
  const [first, second] = authors;
  if (!first) return '';
  const inverted = `${first.family}, ${first.given}`;
  if (authors.length > 2) return `${inverted}, et al`;
  if (second) return `${inverted}, and ${second.given} ${second.family}`;
  return inverted;
}

/** “Title,” — unless the title ends in its own ? or !, which then stands for the punctuation. */
function quotedTitle(title: string, punctuation: ',' | '.'): string {
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

function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new RangeError(`Unexpected access date "${iso}", expected an ISO date such as 2026-03-03`);
  }
  return { year: Number(match[1]), month, day };
}

function chicagoDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${MONTH_NAMES[month - 1]} ${day}, ${year}`;
}

function mlaDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day} ${mlaMonths[month - 1]} ${year}`;
}

/** Today's date in the reader's own time zone, as the access date a citation records. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
