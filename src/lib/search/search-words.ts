/*
 * What the search box knows of the edition's words before it asks the index: the vocabulary, for "Did
 * you mean …", and the spellings a reader may type for a name that the texts spell otherwise. Built with
 * the index from the same records (src/integrations/pagefind.ts) and fetched with it, so that it works
 * offline too.
 */

import type { SearchSpellingsExport } from '../exports/published.ts';

/** The file beside Pagefind's in pagefind/. */
export const SEARCH_WORDS_FILE = 'kirov-search-words.json';

/** Words shorter than this are not compared for "Did you mean …": too many short words lie one letter apart. */
export const MIN_SUGGESTED_LENGTH = 5;

export interface SearchWords {
  /** The words of five letters or more, most frequent first, each in its most frequent form ("Zinoviev"). */
  words: string[];
  /** A spelling no record holds (lowercase) → the spelling the texts use for the same name. */
  spellings: Record<string, string>;
}

/** The words of a text, as the index splits them: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The vocabulary of `texts` and the spellings map of `entries`. A spelling or variant that some record
 * holds as a word is left out: it finds what it finds. An alias no record holds ("Nicolaiev", from a
 * text the edition removed) and each variant lead to the spelling they were made from when a record
 * holds it, or else to the entry's spelling in the text.
 */
export function searchWords(texts: Iterable<string>, entries: SearchSpellingsExport): SearchWords {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      const key = word.toLowerCase();
      const forms = counts.get(key) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      counts.set(key, forms);
    }
  }
  const total = (forms: Map<string, number>) => [...forms.values()].reduce((sum, n) => sum + n, 0);
  const words = [...counts]
    .filter(([key]) => [...key].length >= MIN_SUGGESTED_LENGTH && /\p{L}/u.test(key))
    .sort(([a, x], [b, y]) => total(y) - total(x) || (a < b ? -1 : 1))
    .map(([, forms]) => [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '');

  const spellings: Record<string, string> = {};
  const add = (typed: string, spelling: string) => {
    const key = typed.toLowerCase();
    if (!counts.has(key) && !(key in spellings)) spellings[key] = spelling;
  };
  for (const entry of entries) {
    if (entry.text === null) continue;
    const text = entry.text;
    for (const { spelling, variants } of entry.spellings) {
      const target = counts.has(spelling.toLowerCase()) ? spelling : text;
      add(spelling, target);
      for (const variant of variants) add(variant, target);
    }
    for (const variant of entry.variants) add(variant, text);
  }
  return { words, spellings };
}
