/*
 * Re-ranking of search results by the searched phrase, which Pagefind's relevance (each word weighed
 * apart, and by length) does not favour: a paragraph that holds “individual terrorism” as written leads
 * those that hold both words apart. Pagefind finds the phrase itself, from the index, when the query is
 * in double quotes, so the ranking is known before any result's text is fetched.
 */

/**
 * The query that finds `term` as a phrase (its words in order, next to each other), or null when it
 * has fewer than two words and every result holds it anyway. Quotes and punctuation around the words
 * are dropped, so that a phrase the reader quoted is searched once, as a phrase.
 */
export function phraseQuery(term: string): string | null {
  const words = term
    .split(/\s+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  return words.length > 1 ? `"${words.join(' ')}"` : null;
}
