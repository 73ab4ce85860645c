import type { Span } from '../witness/line-index.ts';

/** Words that stay lowercase inside a title-case heading. */
const TITLE_FUNCTION_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/** Capitalised words that typically open a sentence, and so mark where a flattened heading ends. */
const SENTENCE_OPENERS = new Set([
  'A',
  'After',
  'All',
  'An',
  'And',
  'As',
  'At',
  'But',
  'By',
  'For',
  'From',
  'He',
  'Her',
  'His',
  'How',
  'I',
  'If',
  'In',
  'It',
  'Its',
  'Let',
  'No',
  'Not',
  'On',
  'One',
  'Only',
  'Our',
  'She',
  'So',
  'Such',
  'That',
  'The',
  'Their',
  'There',
  'These',
  'They',
  'This',
  'Those',
  'Thus',
  'To',
  'We',
  'What',
  'When',
  'While',
  'Who',
  'Why',
  'With',
]);

/** A section heading that a scrape ran into the sentence after it. */
export interface HeadingCandidate extends Span {
  reason: string;
}

interface Token extends Span {
  word: string;
}

/**
 * Finds headings flattened into running text: a title-case phrase at the start of a sentence, run straight
 * into the next sentence with no full stop (“The Dual Role of the Bureaucracy The Soviet bureaucracy, …”).
 * The heading ends before the last capitalised sentence opener of the title-case run.
 */
export function findFlattenedHeadings(text: string, sentences: readonly Span[]): HeadingCandidate[] {
  const found: HeadingCandidate[] = [];
  for (const sentence of sentences) {
    const tokens = tokenize(text, sentence);
    let run = 0;
    while (run < tokens.length && isTitleToken(tokens[run]?.word ?? '')) {
      if (/[.;:!?]["'”’]*$/u.test(tokens[run]?.word ?? '')) break;
      run++;
    }
    // The run must stop at an ordinary lowercase word: a heading is followed by running prose.
    if (run >= tokens.length) continue;
    let split = -1;
    for (let i = run - 1; i >= 2; i--) {
      if (SENTENCE_OPENERS.has(bare(tokens[i]?.word ?? ''))) {
        split = i;
        break;
      }
    }
    if (split === -1) continue;
    const heading = tokens.slice(0, split);
    const last = heading.at(-1);
    const first = heading[0];
    if (!first || !last) continue;
    const capitalised = heading.filter((token) => /^\p{Lu}/u.test(token.word)).length;
    if (capitalised < 2 || heading.length > 12 || TITLE_FUNCTION_WORDS.has(bare(last.word).toLowerCase()))
      continue;
    found.push({
      start: first.start,
      end: last.end,
      reason: `title-case phrase of ${heading.length} words run into the next sentence (“${bare(tokens[split]?.word ?? '')} …”) without a full stop: a section heading flattened by the scrape`,
    });
  }
  return found;
}

function tokenize(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  const pattern = /\S+/gu;
  const slice = text.slice(span.start, span.end);
  for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
    tokens.push({
      word: match[0],
      start: span.start + match.index,
      end: span.start + match.index + match[0].length,
    });
  }
  return tokens;
}

/** The word without surrounding punctuation. */
function bare(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function isTitleToken(word: string): boolean {
  const core = bare(word);
  if (!core) return false;
  if (TITLE_FUNCTION_WORDS.has(core)) return true;
  return /^\p{Lu}/u.test(core) && !/\d/u.test(core);
}
