import type { Span } from './line-index.ts';
import { trimSpan } from './split-blocks.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Splits a stretch of the witness into sentences with their positions, using the platform's Unicode
 * sentence segmentation (UAX #29) rather than a hand-written rule for abbreviations and quotes.
 */
export function splitSentences(text: string, span: Span): Span[] {
  const sentences: Span[] = [];
  for (const { index, segment } of segmenter.segment(text.slice(span.start, span.end))) {
    const sentence = trimSpan(text, { start: span.start + index, end: span.start + index + segment.length });
    if (sentence.start < sentence.end) sentences.push(sentence);
  }
  return sentences;
}
