import search from 'approx-string-match';
import { findTextQuote, type TextRange } from '../annotations/text-quote.ts';
import { passageIdOf } from './model.ts';
import type { WebAnnotation } from './web-annotation.ts';

/*
 * Finds a reader's words again in the edition as it is now, which may not be the edition they were
 * written on: the words where they were, then in the paragraph a retired id now leads to, then an
 * approximate match (Myers' bit-parallel algorithm, from approx-string-match, as Hypothesis uses)
 * weighed by its surroundings, then anywhere in the document. What cannot be found is said so, with
 * its words, and kept: an annotation is never dropped.
 */

/** The edition's text as the re-anchoring needs it. */
export interface EditionText {
  /** Every live paragraph: its id and its text as displayed. */
  passages: readonly { id: string; text: string }[];
  /** Retired ids and the paragraph each now leads to. */
  retired: readonly { id: string; successor: string }[];
}

export type Placement =
  | {
      placed: true;
      passage: string;
      start: number;
      end: number;
      /** exact: the same words; retired: found in the successor of a retired paragraph; fuzzy: close words; moved: in another paragraph. */
      how: 'exact' | 'retired' | 'fuzzy' | 'moved';
    }
  | { placed: false; reason: string };

/** Fewer differences than this share of the quote count as the same words, reworded. */
const FUZZY_SHARE = 0.25;

/** An edition's paragraphs and retired ids by id, made once for the thousands of annotations found in it. */
const lookups = new WeakMap<EditionText, Lookup>();

/** The paragraphs by id (their text read only when needed: a page may make it on demand), and where retired ids lead. */
interface Lookup {
  byId: Map<string, { readonly text: string }>;
  retired: Map<string, string>;
}

function lookupOf(edition: EditionText): Lookup {
  let lookup = lookups.get(edition);
  if (!lookup) {
    const retired = new Map<string, string>();
    // The first entry for an id wins, as a search from the start would find it.
    for (const entry of edition.retired) if (!retired.has(entry.id)) retired.set(entry.id, entry.successor);
    lookup = { byId: new Map(edition.passages.map((passage) => [passage.id, passage])), retired };
    lookups.set(edition, lookup);
  }
  return lookup;
}

export function reanchor(annotation: WebAnnotation, edition: EditionText): Placement {
  const [quote, position] = annotation.target.selector;
  const id = passageIdOf(annotation);
  const { byId, retired } = lookupOf(edition);
  const hint = position?.start ?? 0;

  const own = byId.get(id)?.text;
  const successor = retired.get(id);
  const successorText = successor === undefined ? undefined : byId.get(successor)?.text;

  const candidates: [string, string, 'exact' | 'retired'][] = [];
  if (own !== undefined) candidates.push([id, own, 'exact']);
  if (successor !== undefined && successorText !== undefined) {
    candidates.push([successor, successorText, 'retired']);
  }
  for (const [passage, text, how] of candidates) {
    const range = exactMatch(text, quote, hint);
    if (range) return { placed: true, passage, ...range, how };
  }
  for (const [passage, text] of candidates) {
    const range = fuzzyMatch(text, quote, hint);
    if (range) return { placed: true, passage, ...range, how: 'fuzzy' };
  }
  // The paragraph is gone (or the words left it): the words may stand, unchanged, in another one.
  const elsewhere = edition.passages.flatMap((passage) =>
    passage.id === id || passage.id === successor
      ? []
      : findTextQuote(passage.text, quote).occurrences.map((range) => ({ passage: passage.id, ...range })),
  );
  if (elsewhere.length === 1 && elsewhere[0]) return { placed: true, ...elsewhere[0], how: 'moved' };

  const reason =
    own === undefined && successor === undefined
      ? `its paragraph (#${id}) is no longer in the edition`
      : `its words are no longer in paragraph #${successor ?? id}`;
  return { placed: false, reason };
}

function exactMatch(
  text: string,
  quote: { exact: string; prefix?: string | undefined; suffix?: string | undefined },
  hint: number,
): TextRange | null {
  const { occurrences, matches } = findTextQuote(text, quote);
  return nearest(matches.length > 0 ? matches : occurrences, hint);
}

function nearest(ranges: readonly TextRange[], hint: number): TextRange | null {
  let best: TextRange | null = null;
  for (const range of ranges) {
    if (!best || Math.abs(range.start - hint) < Math.abs(best.start - hint)) best = range;
  }
  return best;
}

/**
 * The closest approximate occurrence of the words: fewest differences first, then the one whose
 * surroundings best fit the prefix and suffix, then the one nearest where the words were.
 */
function fuzzyMatch(
  text: string,
  quote: { exact: string; prefix?: string | undefined; suffix?: string | undefined },
  hint: number,
): TextRange | null {
  const exact = quote.exact.replace(/\s+/g, ' ').trim();
  const maxErrors = Math.floor(exact.length * FUZZY_SHARE);
  if (maxErrors === 0) return null;
  const flat = text.replace(/\s/g, ' ');
  const found = search(flat, exact, maxErrors);
  if (found.length === 0) return null;
  const score = (match: { start: number; end: number; errors: number }) => {
    const prefix = quote.prefix ?? '';
    const suffix = quote.suffix ?? '';
    const before = flat.slice(Math.max(0, match.start - prefix.length), match.start);
    const after = flat.slice(match.end, match.end + suffix.length);
    const context = (prefix ? similarity(before, prefix) : 0) + (suffix ? similarity(after, suffix) : 0);
    return match.errors * 10 - context * 2 + Math.abs(match.start - hint) / Math.max(1, text.length);
  };
  const best = found.toSorted((a, b) => score(a) - score(b))[0];
  return best ? { start: best.start, end: best.end } : null;
}

/** 1 when two strings end alike (for a prefix) or begin alike, down to 0: shared characters by position. */
function similarity(a: string, b: string): number {
  if (b.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
  return same / b.length;
}
