/*
 * A query as the texts would spell it: a name becomes every spelling the edition holds of it
 * ("Nikolayev" → "Nikolaiev" and "Nikolaev", searched apart and merged), and a word that matches
 * nothing becomes the nearest word of the edition ("bureacracy" → "bureaucracy"). Pure functions over
 * the data of search-words.ts, run in the browser.
 */

import { MIN_SUGGESTED_LENGTH, type SearchWords } from './search-words.ts';

/**
 * At most this many queries are searched for one typed: a query of several names, each spelt two ways,
 * would otherwise multiply the searches (and the keystroke's time).
 */
export const MAX_SPELLED_QUERIES = 4;

/** A query with some of its words replaced, and which. */
export interface Respelled {
  /** The queries to search, the first with each word's first spelling; one when nothing was replaced. */
  terms: string[];
  /** Each replaced word as typed and as searched, in query order; empty when nothing was replaced. */
  changes: { typed: string; searched: string[] }[];
}

/** The query with each word that is a way to type a name of the index in every spelling the texts use. */
export function respellNames(term: string, spellings: SearchWords['spellings']): Respelled {
  return replaceWords(term, (word) =>
    Object.hasOwn(spellings, word.toLowerCase()) ? spellings[word.toLowerCase()] : undefined,
  );
}

/**
 * The query with each word of five letters or more that begins no word of `words` replaced by the
 * nearest word within two edits (a letter added, dropped, changed, or two swapped); the more frequent
 * word wins a tie, as `words` is in order of frequency.
 */
export function suggestWords(term: string, words: readonly string[]): Respelled {
  const lower = words.map((word) => word.toLowerCase());
  return replaceWords(term, (word) => {
    const typed = word.toLowerCase();
    if ([...typed].length < MIN_SUGGESTED_LENGTH || lower.some((known) => known.startsWith(typed)))
      return undefined;
    let best: string | undefined;
    let bestDistance = 3;
    for (const [i, known] of lower.entries()) {
      if (Math.abs(known.length - typed.length) >= bestDistance) continue;
      const distance = editDistance(typed, known, bestDistance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = words[i];
      }
    }
    return best === undefined ? undefined : [best];
  });
}

/**
 * The queries made by replacing each word of `term` by the spellings `replace` gives (none: the word as
 * typed), every combination, the first spellings first, up to MAX_SPELLED_QUERIES.
 */
function replaceWords(term: string, replace: (word: string) => readonly string[] | undefined): Respelled {
  const changes: Respelled['changes'] = [];
  // Words at the odd places, what stands between them at the even ones.
  const parts = term.split(/([\p{L}\p{N}]+)/u);
  let terms = [''];
  for (const [i, part] of parts.entries()) {
    const searched = i % 2 === 1 ? replace(part) : undefined;
    const choices = searched?.length ? searched : [part];
    if (searched?.length && !(searched.length === 1 && searched[0] === part))
      changes.push({ typed: part, searched: [...searched] });
    terms = terms.flatMap((start) => choices.map((choice) => start + choice)).slice(0, MAX_SPELLED_QUERIES);
  }
  return { terms, changes };
}

/**
 * The optimal-string-alignment distance of `a` and `b` (insertions, deletions, substitutions and swaps
 * of two neighbours), or `limit` as soon as it is known to be `limit` or more.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) >= limit) return limit;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const current = new Array<number>(n + 1).fill(0);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = current;
  }
  return Math.min(previous[n] ?? 0, limit);
}
