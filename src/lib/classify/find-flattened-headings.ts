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
    // Only the title-case run at the sentence's start matters, and of it only the first words (a heading
    // has at most 12) and where its last sentence opener stands: a long sentence is not kept as tokens.
    const tokens: Token[] = [];
    let run = 0;
    let split = -1;
    let stopped = false;
    for (const token of tokenize(text, sentence)) {
      if (tokens.length <= 12) tokens.push(token);
      if (!isTitleToken(token.word) || /[.;:!?]["'”’]*$/u.test(token.word)) {
        stopped = true;
        break;
      }
      if (run >= 2 && SENTENCE_OPENERS.has(bare(token.word))) split = run;
      run++;
    }
    // The run must stop at an ordinary lowercase word: a heading is followed by running prose.
    if (!stopped || split === -1 || split > 12) continue;
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

function* tokenize(text: string, span: Span): Generator<Token> {
  const pattern = /\S+/gu;
  pattern.lastIndex = span.start;
  for (let match = pattern.exec(text); match && match.index < span.end; match = pattern.exec(text)) {
    const end = Math.min(match.index + match[0].length, span.end);
    yield { word: text.slice(match.index, end), start: match.index, end };
  }
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
