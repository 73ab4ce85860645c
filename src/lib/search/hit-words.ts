/*
 * Which words a search marks: on arrival at a result (src/scripts/mark-search-hits.ts) and in the
 * results' excerpts. A mark shows the reader why the paragraph was found, so it falls on whole words the
 * search matched and never on the small words every sentence has ("of", "the").
 */

import { escapeRegExp } from '../escape-regexp.ts';

/** English words too common to point at anything; a search for "the party" marks only "party". */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about an and are as at be been but by did do does for from had has have he her his i if in into is ' +
    'it its me my no not of on or our she so than that the their them then there these they this those ' +
    'to too us was we were what when which who whom why will with would you your'
  ).split(' '),
);

/** The words of a query worth marking: without stop words, punctuation around them, or single letters. */
export function hitTerms(query: string): string[] {
  return query
    .split(/\s+/u)
    .map((term) => term.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((term) => [...term].length > 1 && !STOP_WORDS.has(term.toLowerCase().replace(/’/gu, "'")));
}

/**
 * A pattern for the words of the text the search matched: each begins with a term (the index matches
 * a typed word as the start of longer ones, "witness" in "witnesses"), and no letter stands before it.
 * A straight or a curly apostrophe in a term matches either. Null when no term is worth marking.
 */
export function hitPattern(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  const words = terms.map((term) => escapeRegExp(term).replace(/['’]/gu, "['’]"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

/** A Pagefind excerpt (escaped text with <mark> around matched words) with the stop words unmarked. */
export function unmarkStopWords(excerpt: string): string {
  return excerpt.replace(/<mark>([^<]*)<\/mark>/gu, (marked, word: string) =>
    STOP_WORDS.has(word.toLowerCase().replace(/&#39;|’/gu, "'")) ? word : marked,
  );
}
