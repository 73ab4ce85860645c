import type { RemovalKind } from '../schema/edition.ts';
import type { Span } from '../witness/line-index.ts';
import type { Block } from '../witness/split-blocks.ts';
import { splitSentences } from '../witness/split-sentences.ts';

/** A stretch of the witness that a heuristic takes for foreign matter. */
export interface RemovalCandidate extends Span {
  kind: RemovalKind;
  reason: string;
}

/**
 * How many words (runs of non-space holding a letter or digit) the text has, counting no further than
 * `limit`: the rules only ask whether a line is short, and a long paragraph need not be split to say no.
 */
function wordCount(text: string, limit: number): number {
  let count = 0;
  for (const match of text.matchAll(/\S+/gu)) {
    if (/\p{L}|\p{N}/u.test(match[0])) count++;
    if (count >= limit) break;
  }
  return count;
}
const fold = (text: string) => text.replace(/\s+/gu, ' ').trim().toLowerCase();

/** A single line of a few words: what SEO templates insert between paragraphs. */
function isShortLine(text: string, block: Block): boolean {
  return block.lines.length === 1 && wordCount(text, 15) <= 14;
}

/**
 * Classifies each block of the witness, and the sentences of the blocks that mix foreign matter with text.
 * Returns only what should be removed; everything else is text. Generic: the rules look at the shape of
 * the scrape (repetition, punctuation, bullets, licence wording), never at this witness's words.
 */
export function classifyBlocks(text: string, blocks: readonly Block[]): RemovalCandidate[] {
  // Only short lines can be keyword spam, so only they are counted (a long paragraph is never folded).
  const lineCounts = new Map<string, number>();
  for (const block of blocks) {
    if (!isShortLine(text.slice(block.start, block.end), block)) continue;
    const key = fold(text.slice(block.start, block.end));
    lineCounts.set(key, (lineCounts.get(key) ?? 0) + 1);
  }

  const interfaceBlocks = findInterfaceText(text, blocks);
  const candidates: RemovalCandidate[] = [];
  for (const [index, block] of blocks.entries()) {
    const blockText = text.slice(block.start, block.end);
    const whole = (kind: RemovalKind, reason: string) =>
      candidates.push({ start: block.start, end: block.end, kind, reason });

    const short = isShortLine(blockText, block);
    const repeats = short ? (lineCounts.get(fold(blockText)) ?? 0) : 0;
    if (short && repeats >= 2) {
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
    if (interfaceBlocks.has(index)) {
      whole(
        'interface-text',
        'interface text of the web page: a prompt or form label that ends in a colon or an ellipsis (where a field, a result list or a loading message follows), and the short lines around it; it addresses the page’s visitor, not the reader of any text',
      );
      continue;
    }
    if (short && !/[.,;:]["'”’)]*$/u.test(blockText)) {
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

/** A line that points at something the page's interface puts after it: a field, a result list, a spinner. */
const PROMPT_END = /(?::|…|\.\.\.)\s*$/u;
/** Quoted words are text (a line of verse, a slogan), never the interface's own. */
const QUOTED = /^["“‘'«]|["”’'»]$/u;

/**
 * The site's own interface text, which aggregator pages scrape along with the text: a search widget's
 * prompt (“… for your request:”), form labels (“Name:”), and the instructions and status lines around
 * them (“wait for the results …”). Recognised by shape: a run of short blocks (each line at most 14
 * words, unquoted) of which at least one ends in a colon or an ellipsis. A text's own short lead-in
 * (“He wrote:”) stands before a full paragraph, so the last line of a run is not counted as a prompt
 * when a long block follows it. Returns the indexes of the blocks to remove.
 */
function findInterfaceText(text: string, blocks: readonly Block[]): Set<number> {
  const isShort = (block: Block) =>
    !block.bulleted &&
    block.lines.length <= 6 &&
    block.lines.every((line) => {
      const lineText = text.slice(line.start, line.end);
      const words = wordCount(lineText, 15);
      return words > 0 && words <= 14 && !QUOTED.test(lineText);
    });
  const found = new Set<number>();
  for (let first = 0; first < blocks.length; first++) {
    const firstBlock = blocks[first];
    if (!firstBlock || !isShort(firstBlock)) continue;
    let last = first;
    while (blocks[last + 1] && isShort(blocks[last + 1] as Block)) last++;
    const prompts: number[] = [];
    for (let i = first; i <= last; i++) {
      const block = blocks[i] as Block;
      const endsInPrompt = block.lines.some((line) => PROMPT_END.test(text.slice(line.start, line.end)));
      const leadIn = i === last && i + 1 < blocks.length;
      if (endsInPrompt && !leadIn) prompts.push(i);
    }
    if (prompts.length > 0) for (let i = first; i <= last; i++) found.add(i);
    first = last;
  }
  return found;
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
      if (!previous || wordCount(text.slice(previous.start, previous.end), 7) > 6) break;
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
