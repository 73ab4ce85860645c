/*
 * Links to a sentence: a URL fragment with a text directive, `#id:~:text=[prefix-,]start[,end][,-suffix]`
 * (WICG Scroll to Text Fragment, https://wicg.github.io/scroll-to-text-fragment/). A browser that knows
 * text directives scrolls to and highlights the words; one that does not still lands on the paragraph,
 * because the directive follows the paragraph's own `#id`.
 */

/** The terms of a text directive, as plain text (not yet encoded). */
export interface TextDirective {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

/** What the page holds around a selection. */
export interface SelectionContext {
  /** The selected text. */
  selected: string;
  /** The text of the selection's block (its paragraph) before the selection. */
  before: string;
  /** The text of the block after the selection. */
  after: string;
  /** All text of the page before that block: where an earlier look-alike would be matched first. */
  earlier: string;
}

/**
 * Percent-encodes one term. Besides what a URL fragment cannot hold, the directive's own syntax
 * characters must be escaped: `-` (prefix and suffix marks), `,` (term separator) and `&` (directive
 * separator). encodeURIComponent escapes all but `-`.
 */
export function encodeTextDirectiveTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/gu, '%2D');
}

/** `text=…` for a directive: prefix and suffix marked with their dashes, terms encoded. */
export function formatTextDirective(directive: TextDirective): string {
  const terms = [
    directive.prefix ? `${encodeTextDirectiveTerm(directive.prefix)}-` : '',
    encodeTextDirectiveTerm(directive.start),
    directive.end ? encodeTextDirectiveTerm(directive.end) : '',
    directive.suffix ? `-${encodeTextDirectiveTerm(directive.suffix)}` : '',
  ];
  return `text=${terms.filter(Boolean).join(',')}`;
}

/** A link to the selection: the passage's URL (ending in `#id`) with the directive appended. */
export function textFragmentUrl(passageUrl: string, directive: TextDirective): string {
  return `${passageUrl}:~:${formatTextDirective(directive)}`;
}

/** Selections longer than this are linked by their first and last words (start,end) rather than whole. */
const EXACT_LIMIT = 80;
/** Words a start or end term begins with; more are added while they are not yet unambiguous. */
const EDGE_WORDS = 3;
/** Context words added at most as a prefix or suffix. */
const CONTEXT_WORDS = 8;

const collapse = (text: string) => text.replace(/\s+/gu, ' ');
// Letters, digits, marks and in-word apostrophes: a browser matches a directive only at word
// boundaries, so a selection that starts or ends inside a word is widened to the whole word.
const wordChar = /[\p{L}\p{N}\p{M}'’]/u;

/**
 * Chooses the terms of a text directive for a selection so that the browser's first match (it
 * searches the whole page, case-insensitively, in order) is the selection itself: short selections
 * are quoted whole, long ones by their first and last words; when the start also occurs earlier on
 * the page, words before it in its paragraph become a prefix, or, at the paragraph's start, words
 * after it a suffix. Returns null when nothing but whitespace is selected.
 */
export function textDirectiveFor(context: SelectionContext): TextDirective | null {
  let before = collapse(context.before);
  let selected = collapse(context.selected);
  let after = collapse(context.after);
  // Whitespace at the selection's edges belongs to its neighbours.
  const lead = /^ +/u.exec(selected)?.[0] ?? '';
  const trail = / +$/u.exec(selected)?.[0] ?? '';
  before += lead;
  after = trail + after;
  selected = selected.trim();
  if (selected === '') return null;
  while (before && wordChar.test(before.at(-1) ?? '') && wordChar.test(selected[0] ?? '')) {
    selected = before.at(-1) + selected;
    before = before.slice(0, -1);
  }
  while (after && wordChar.test(after[0] ?? '') && wordChar.test(selected.at(-1) ?? '')) {
    selected += after[0];
    after = after.slice(1);
  }

  const earlier = collapse(context.earlier);
  const page = `${earlier}\n${before}${selected}${after}`.toLowerCase();
  const at = earlier.length + 1 + before.length;
  const firstAt = (needle: string, position: number) => page.indexOf(needle.toLowerCase()) === position;

  const directive: TextDirective = { start: selected };
  const words = selected.split(' ');
  if (selected.length > EXACT_LIMIT && words.length > 2 * EDGE_WORDS) {
    const half = Math.floor(words.length / 2);
    let k = EDGE_WORDS;
    while (k < half && !firstAt(words.slice(0, k).join(' '), at)) k++;
    directive.start = words.slice(0, k).join(' ');
    // The end term is matched at its first occurrence after the start: it must not occur earlier
    // in the selection.
    const lower = selected.toLowerCase();
    let m = EDGE_WORDS;
    const endsAtEnd = (end: string) =>
      lower.indexOf(end.toLowerCase(), directive.start.length) === selected.length - end.length;
    while (m < words.length - k && !endsAtEnd(words.slice(-m).join(' '))) m++;
    directive.end = words.slice(-m).join(' ');
  }
  if (firstAt(directive.start, at)) return directive;

  const beforeWords = before.trimEnd().split(' ').filter(Boolean);
  const gap = before.endsWith(' ') ? ' ' : '';
  for (let k = 1; k <= Math.min(CONTEXT_WORDS, beforeWords.length); k++) {
    const prefix = beforeWords.slice(-k).join(' ');
    if (firstAt(`${prefix}${gap}${directive.start}`, at - gap.length - prefix.length)) {
      return { ...directive, prefix };
    }
  }
  // At the start of its paragraph, or still ambiguous: the words after the selection tell it apart.
  if (directive.end === undefined) {
    const afterWords = after.trimStart().split(' ').filter(Boolean);
    const space = after.startsWith(' ') ? ' ' : '';
    for (let k = 1; k <= Math.min(CONTEXT_WORDS, afterWords.length); k++) {
      const suffix = afterWords.slice(0, k).join(' ');
      if (firstAt(`${selected}${space}${suffix}`, at)) return { ...directive, suffix };
    }
  }
  // Nothing on the page tells it apart within reach: the paragraph's #id still lands the reader close.
  return directive;
}
