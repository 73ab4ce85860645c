import { findTextQuote } from '../annotations/text-quote.ts';
import type { TextPosition, TextQuote } from './web-annotation.ts';

/**
 * How much text around the words a selector keeps, to tell occurrences apart and to re-anchor them
 * after the text changes: 32 characters for the reader's own notes (as Hypothesis keeps).
 */
export const CONTEXT_LENGTH = 32;

/**
 * The selectors of the words between `start` and `end` of a paragraph's text: the words themselves
 * with `context` characters either side, and their position as a hint.
 */
export function describeQuote(
  text: string,
  start: number,
  end: number,
  context = CONTEXT_LENGTH,
): [TextQuote, TextPosition] {
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - context), start),
      suffix: text.slice(end, end + context),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/**
 * The same, with only as much context as tells the words apart from their other occurrences in
 * the paragraph (none when they occur once), as Apache Annotator describes a quote: a class
 * layer's notes must travel twenty to a link.
 */
export function describeQuoteBriefly(text: string, start: number, end: number): [TextQuote, TextPosition] {
  for (let context = 0; context < CONTEXT_LENGTH; context += 4) {
    const [quote, position] = describeQuote(text, start, end, context);
    const { matches } = findTextQuote(text, quote);
    if (matches.length === 1) {
      const brief: TextQuote = { type: 'TextQuoteSelector', exact: quote.exact };
      if (quote.prefix) brief.prefix = quote.prefix;
      if (quote.suffix) brief.suffix = quote.suffix;
      return [brief, position];
    }
  }
  return describeQuote(text, start, end);
}
