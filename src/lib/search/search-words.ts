/*
 * What the search box knows of the edition's words before it asks the index: the vocabulary, for "Did
 * you mean …", and the ways a reader may type a name, each leading to every spelling of it that the
 * records hold (Pagefind has no "or": search-ui.ts searches each and merges the results). Built with
 * the index from the same records (src/integrations/pagefind.ts) and fetched with it, so that it works
 * offline too.
 */

import type { SearchSpellingsExport } from '../exports/published.ts';
import { transliterationVariants } from './name-variants.ts';

/** The file beside Pagefind's in pagefind/. */
export const SEARCH_WORDS_FILE = 'kirov-search-words.json';

/** Words shorter than this are not compared for "Did you mean …": too many short words lie one letter apart. */
export const MIN_SUGGESTED_LENGTH = 5;

export interface SearchWords {
  /** The words of five letters or more, most frequent first, each in its most frequent form ("Zinoviev"). */
  words: string[];
  /**
   * A way to type a name (lowercase) → every spelling of that name the records hold, the texts' own
   * first: "nikolayev" and "nikolaev" → ["Nikolaiev", "Nikolaev"] (the essay's and the notes'). A word
   * whose only spelling held is itself is not listed: it finds what it finds.
   */
  spellings: Record<string, string[]>;
}

/** The words of a text, as the index splits them: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The vocabulary of `texts` and the spellings map of `entries`. An entry's spellings fall into names,
 * two spellings being one name when the transliteration rules make one from the other ("Nikolaev" and
 * "Nikolaiev", not "Fascism" and "Fascist"). Every way to type a name (its spellings, their variants,
 * and for the name the texts use, the editor's variants) leads to each of its spellings some record
 * holds; a name no record spells ("Nicolaiev" alone, from a text the edition removed) leads to the
 * spellings of the name the texts use.
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

  const spellings: Record<string, string[]> = {};
  for (const entry of entries) {
    if (entry.text === null) continue;
    const names = namesOf(entry);
    const held = (name: Name) => [
      ...new Map(
        [...name.spellings, ...name.typed]
          .filter((form) => counts.has(form.toLowerCase()))
          .map((form) => [form.toLowerCase(), form]),
      ).values(),
    ];
    const inText = held(names.find((name) => name.spellings.includes(entry.text ?? '')) ?? emptyName);
    for (const name of names) {
      const searched = held(name).length > 0 ? held(name) : inText;
      if (searched.length === 0) continue;
      for (const form of [...name.spellings, ...name.typed]) {
        const key = form.toLowerCase();
        const itself = searched.length === 1 && searched[0]?.toLowerCase() === key;
        if (!itself && !Object.hasOwn(spellings, key)) spellings[key] = searched;
      }
    }
  }
  return { words, spellings };
}

/** One name of an index entry: its spellings, and the other ways to type it. */
interface Name {
  spellings: string[];
  typed: string[];
}
const emptyName: Name = { spellings: [], typed: [] };

/** An entry's spellings gathered into names, in the entry's order (the texts' spelling first). */
function namesOf(entry: SearchSpellingsExport[number]): Name[] {
  const names: Name[] = [];
  for (const { spelling, variants } of entry.spellings) {
    const typed = spelling === entry.text ? [...variants, ...entry.variants] : [...variants];
    const [first, ...others] = names.filter((name) =>
      name.spellings.some((other) => sameName(spelling, other)),
    );
    if (!first) {
      names.push({ spellings: [spelling], typed });
      continue;
    }
    // A spelling kin to two names makes them one.
    first.spellings.push(spelling, ...others.flatMap((name) => name.spellings));
    first.typed.push(...typed, ...others.flatMap((name) => name.typed));
    for (const name of others) names.splice(names.indexOf(name), 1);
  }
  return names;
}

/** Whether the transliteration rules make one of two spellings from the other. */
function sameName(a: string, b: string): boolean {
  const made = (from: string, to: string) =>
    transliterationVariants(from).some((variant) => variant.toLowerCase() === to.toLowerCase());
  return made(a, b) || made(b, a);
}
