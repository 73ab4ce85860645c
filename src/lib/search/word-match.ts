/*
 * Re-ranking of search results by the searched words themselves, which Pagefind's relevance (stemmed
 * words, weighted by length) does not favour: a paragraph with the exact phrase leads.
 */

import { escapeRegExp } from '../escape-regexp.ts';

/**
 * How closely a record's text holds the searched words: 2 the exact phrase (of two words or more),
 * 1 every word (as the start of a word), 0 fewer.
 */
export function wordMatcher(term: string): (content: string) => number {
  const normalise = (text: string) => text.toLowerCase().replace(/[’']/gu, "'").replace(/\s+/gu, ' ');
  const words = normalise(term)
    .split(' ')
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  const phrase = words.join(' ');
  const starts = words.map((word) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(word)}`, 'u'));
  return (content) => {
    const text = normalise(content);
    if (!starts.every((start) => start.test(text))) return 0;
    return words.length > 1 && text.includes(phrase) ? 2 : 1;
  };
}
