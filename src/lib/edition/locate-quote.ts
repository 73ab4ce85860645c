import { escapeRegExp } from '../escape-regexp.ts';
import type { Span } from '../witness/line-index.ts';

/**
 * Every place the quote occurs in the witness. Runs of whitespace in the quote match any run of
 * whitespace in the witness, so that a quote copied across a line break (or CRLF) still matches.
 */
export function locateQuote(text: string, quote: string): Span[] {
  const words = quote.trim().split(/\s+/u).map(escapeRegExp);
  const pattern = new RegExp(words.join('\\s+'), 'gu');
  const found: Span[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push({ start: match.index, end: match.index + match[0].length });
    pattern.lastIndex = match.index + 1;
  }
  return found;
}
