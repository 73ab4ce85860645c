/**
 * The W3C Web Annotation TextQuoteSelector (https://www.w3.org/TR/annotation-model/#text-quote-selector):
 * `exact` words, and optionally the text immediately before (`prefix`) and after (`suffix`) them,
 * to tell apart several occurrences.
 */
export interface TextQuoteSelector {
  exact: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

/** Where a quote lies in the text searched: `start` inclusive, `end` exclusive (UTF-16 offsets). */
export interface TextRange {
  start: number;
  end: number;
}

/** Every occurrence of the quote, and those of them that also fit the prefix and suffix. */
export interface TextQuoteMatches {
  /** Occurrences of `exact`, whatever surrounds them. */
  occurrences: TextRange[];
  /** The occurrences whose surroundings fit `prefix` and `suffix`; one, when the selector is good. */
  matches: TextRange[];
}

/**
 * Finds a quote in a text as a reader sees it: a run of white space in either one counts as a
 * single space, because the writer of a note copies from the page, where the browser has already
 * collapsed the line breaks and double spaces of the Markdown. Ranges are offsets into `text`.
 */
export function findTextQuote(text: string, selector: TextQuoteSelector): TextQuoteMatches {
  const haystack = collapseCached(text);
  const exact = collapseWhiteSpace(selector.exact).value;
  const prefix = collapseWhiteSpace(selector.prefix ?? '').value;
  const suffix = collapseWhiteSpace(selector.suffix ?? '').value;
  const occurrences: TextRange[] = [];
  const matches: TextRange[] = [];
  if (exact === '') return { occurrences, matches };
  for (let at = haystack.value.indexOf(exact); at !== -1; at = haystack.value.indexOf(exact, at + 1)) {
    const range = { start: haystack.toOriginal(at), end: haystack.toOriginal(at + exact.length - 1) + 1 };
    occurrences.push(range);
    const fitsPrefix = haystack.value.endsWith(prefix, at);
    const fitsSuffix = haystack.value.startsWith(suffix, at + exact.length);
    if (fitsPrefix && fitsSuffix) matches.push(range);
  }
  return { occurrences, matches };
}

interface CollapsedText {
  value: string;
  /** The offset in the original text of a character of `value`. */
  toOriginal: (index: number) => number;
}

/**
 * The texts collapsed lately: a page finds thousands of a reader's quotes again in the same few
 * paragraphs, and each paragraph is collapsed once.
 */
const collapsed = new Map<string, CollapsedText>();

function collapseCached(text: string): CollapsedText {
  const known = collapsed.get(text);
  if (known) return known;
  if (collapsed.size >= 256) collapsed.clear();
  const made = collapseWhiteSpace(text);
  collapsed.set(text, made);
  return made;
}

/** Text with nothing to collapse: no white space but single spaces. */
const PLAIN = /^[^\s]*(?: [^\s]+)* ?$/;

function collapseWhiteSpace(text: string): CollapsedText {
  // Most quotes, and their context, are already as the page shows them: thousands of them are
  // compared at each load, and need no copy.
  if (PLAIN.test(text)) return { value: text, toOriginal: (index) => Math.min(index, text.length) };
  let value = '';
  const origin: number[] = [];
  for (const run of text.matchAll(/\s+|\S+/g)) {
    if (/^\s/.test(run[0])) {
      value += ' ';
      origin.push(run.index);
    } else {
      value += run[0];
      for (let i = 0; i < run[0].length; i++) origin.push(run.index + i);
    }
  }
  return { value, toOriginal: (index) => origin[index] ?? text.length };
}
