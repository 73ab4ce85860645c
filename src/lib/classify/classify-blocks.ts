import type { RemovalKind } from '../schema/edition.ts';
import type { Span } from '../witness/line-index.ts';
import type { Block } from '../witness/split-blocks.ts';
import { splitSentences } from '../witness/split-sentences.ts';

/** A stretch of the witness that a heuristic takes for foreign matter. */
export interface RemovalCandidate extends Span {
  kind: RemovalKind;
  reason: string;
}

const wordsOf = (text: string) => text.split(/\s+/u).filter((word) => /\p{L}|\p{N}/u.test(word));
const fold = (text: string) => text.replace(/\s+/gu, ' ').trim().toLowerCase();

/** A single line of a few words: what SEO templates insert between paragraphs. */
function isShortLine(text: string, block: Block): boolean {
  return block.lines.length === 1 && wordsOf(text).length <= 14;
}

/**
 * Classifies each block of the witness, and the sentences of the blocks that mix foreign matter with text.
 * Returns only what should be removed; everything else is text. Generic: the rules look at the shape of
 * the scrape (repetition, punctuation, bullets, licence wording), never at this witness's words.
 */
export function classifyBlocks(text: string, blocks: readonly Block[]): RemovalCandidate[] {
  const lineCounts = new Map<string, number>();
  for (const block of blocks) {
    const key = fold(text.slice(block.start, block.end));
    lineCounts.set(key, (lineCounts.get(key) ?? 0) + 1);
  }

  const candidates: RemovalCandidate[] = [];
  for (const block of blocks) {
    const blockText = text.slice(block.start, block.end);
    const whole = (kind: RemovalKind, reason: string) =>
      candidates.push({ start: block.start, end: block.end, kind, reason });

    const repeats = lineCounts.get(fold(blockText)) ?? 0;
    if (isShortLine(blockText, block) && repeats >= 2) {
      whole(
        'keyword-spam',
        `search-keyword line that the page repeats ${repeats} times between paragraphs; it is not part of any text`,
      );
      continue;
    }
    if (block.bulleted) {
      whole('navigation', 'navigation bullets (links to other pages), not part of any text');
      continue;
    }
    if (isShortLine(blockText, block) && !/[.,;:]["'”’)]*$/u.test(blockText)) {
      whole(
        'web-title',
        /\s[|–-]\s/u.test(blockText)
          ? 'title of another web page (“title | site” form), inserted by the page template'
          : 'a lone line of a few words without sentence punctuation: the title of a linked page, not a heading of the text',
      );
      continue;
    }
    const stitches = countStitches(blockText);
    if (stitches >= 3) {
      whole(
        'snippet-stitch',
        `a paragraph stitched together from search snippets: ${stitches} broken joins (a stray “ . ”, “ ; ” or “ , ” where fragments of different pages meet)`,
      );
      continue;
    }
    candidates.push(...findLicenceSentences(text, block));
  }
  return candidates;
}

/** Punctuation standing alone between spaces (“connected with the . the October”): where snippets were glued. */
function countStitches(blockText: string): number {
  return blockText.match(/\s[.,;:](?=\s|$)/gu)?.length ?? 0;
}

/** Licence and credit wording of the archive a text was copied from. */
const LICENCE =
  /\b(?:you may freely (?:copy|use)|freely copy|permission is granted to copy|creative commons|copyleft|public domain|all rights reserved|licen[cs]ed under|credit\s*["“]?[^.]{0,60}?\bas (?:your|the) source)/iu;

/**
 * Licence sentences inside a block, with the short credit fragments just before them
 * (a publisher's name such as “Red Star Press Ltd.” left over from the archive's header).
 */
function findLicenceSentences(text: string, block: Block): RemovalCandidate[] {
  const sentences = splitSentences(text, block);
  const licence = sentences.map((sentence) => LICENCE.test(text.slice(sentence.start, sentence.end)));
  const found: RemovalCandidate[] = [];
  for (let i = 0; i < sentences.length; i++) {
    if (!licence[i]) continue;
    let first = i;
    while (first > 0 && !licence[first - 1]) {
      const previous = sentences[first - 1];
      if (!previous || wordsOf(text.slice(previous.start, previous.end)).length > 6) break;
      first--;
    }
    let last = i;
    while (last + 1 < sentences.length && licence[last + 1]) last++;
    const start = sentences[first]?.start ?? block.start;
    const end = sentences[last]?.end ?? block.end;
    found.push({
      start,
      end,
      kind: 'licence',
      reason:
        'licence and credit notice of the archive the text was copied from; the credit it asks for is given in the edition’s apparatus',
    });
    i = last;
  }
  return found;
}
