import type { ResolvedDocument } from '../edition/resolve-documents.ts';
import type { ResolvedGap } from '../edition/resolve-gaps.ts';
import type { ResolvedHeading } from '../edition/resolve-headings.ts';
import type { Span } from '../witness/line-index.ts';
import type { Block } from '../witness/split-blocks.ts';
import { keptPieces } from './kept-pieces.ts';

/** A passage before it has its stable id: a paragraph of one document, with its gaps marked. */
export interface PassageDraft {
  document: string;
  /** 1-based paragraph number within the document. */
  n: number;
  section: string | null;
  /** From the first kept character to the last, in the witness. */
  span: Span;
  /** Plain text as displayed: whitespace normalised, gap markers inserted. */
  text: string;
  /** The gaps in this passage, with the offset of each marker in `text`. */
  gaps: { gap: ResolvedGap; marker: string; at: number }[];
}

/** The bracket that marks a gap: the restored value, or an ellipsis when the value is unknown. */
export function gapMarker(gap: ResolvedGap): string {
  return gap.status === 'restored' && gap.value ? `[${gap.value}]` : '[…]';
}

/**
 * Cuts the kept text into passages: a passage is a block (paragraph) of the witness, minus what was
 * removed, split where a flattened heading or a document boundary falls inside it.
 */
export function buildPassages(
  text: string,
  blocks: readonly Block[],
  removed: readonly Span[],
  headings: readonly ResolvedHeading[],
  documents: readonly ResolvedDocument[],
  gaps: readonly ResolvedGap[],
): PassageDraft[] {
  const cuts = [...headings.map((h) => h.start), ...documents.map((d) => d.start)].sort((a, b) => a - b);
  const withHeadings = [...removed, ...headings].sort((a, b) => a.start - b.start);
  const pieces = keptPieces(text, blocks, withHeadings);

  // Group pieces: same block, and no heading or document start between them.
  const groups: Span[][] = [];
  let blockIndex = 0;
  let cutIndex = 0;
  let previousBlock = -1;
  let previousEnd = -1;
  for (const piece of pieces) {
    while ((blocks[blockIndex]?.end ?? Infinity) < piece.start) blockIndex++;
    while ((cuts[cutIndex] ?? Infinity) < previousEnd) cutIndex++;
    const cutBetween = (cuts[cutIndex] ?? Infinity) <= piece.start;
    const current = groups.at(-1);
    if (current && previousBlock === blockIndex && !cutBetween) current.push(piece);
    else groups.push([piece]);
    previousBlock = blockIndex;
    previousEnd = piece.end;
  }

  const numbers = new Map<string, number>();
  const markable = gaps.filter((gap) => gap.status !== 'rejected');
  const drafts: PassageDraft[] = [];
  let headingIndex = -1;
  let gapIndex = 0;
  for (const group of groups) {
    const first = group[0];
    const last = group.at(-1);
    if (!first || !last) continue;
    while ((headings[headingIndex + 1]?.end ?? Infinity) <= first.start) headingIndex++;
    while ((markable[gapIndex]?.at ?? Infinity) < first.start) gapIndex++;
    const inside: ResolvedGap[] = [];
    while ((markable[gapIndex]?.at ?? Infinity) <= last.end) inside.push(markable[gapIndex++] as ResolvedGap);
    const document = documents.find((d) => d.start <= first.start && first.start < d.end);
    if (!document) continue; // outside every document: already recorded as a removal
    const n = (numbers.get(document.id) ?? 0) + 1;
    numbers.set(document.id, n);
    const candidate = headings[headingIndex];
    const heading = candidate && candidate.start >= document.start ? candidate : undefined;
    const composed = composeText(text, group, inside);
    drafts.push({
      document: document.id,
      n,
      section: heading ? normaliseSpace(text.slice(heading.start, heading.end)) : null,
      span: { start: first.start, end: last.end },
      text: composed.text,
      gaps: composed.gaps,
    });
  }
  return drafts;
}

export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const CLOSING_PUNCTUATION = /[.,;:!?)\]”’]/u;

/**
 * Joins the pieces with single spaces and inserts each gap's bracket where the missing words belong.
 * The text is gathered as runs of non-space characters and joined once: appending character by
 * character would hold a chain of millions of strings for a long paragraph.
 */
function composeText(
  text: string,
  pieces: readonly Span[],
  gaps: readonly ResolvedGap[],
): { text: string; gaps: PassageDraft['gaps'] } {
  const parts: string[] = [];
  let length = 0;
  let endsWithSpace = false;
  const append = (part: string) => {
    parts.push(part);
    length += part.length;
    endsWithSpace = part.endsWith(' ');
  };
  let pendingSpace = false;
  let afterMarker = false;
  const placed: PassageDraft['gaps'] = [];
  let g = 0;
  const insertGapsAt = (offset: number) => {
    while (g < gaps.length && (gaps[g]?.at ?? Infinity) <= offset) {
      const gap = gaps[g++];
      if (!gap) continue;
      const marker = gapMarker(gap);
      if (length > 0 && !endsWithSpace) append(' ');
      placed.push({ gap, marker, at: length });
      append(marker);
      pendingSpace = true;
      afterMarker = true;
    }
  };
  for (const piece of pieces) {
    if (length > 0) pendingSpace = true;
    let offset = piece.start;
    while (offset < piece.end) {
      insertGapsAt(offset);
      const char = text[offset] ?? '';
      if (/\s/u.test(char)) {
        pendingSpace = length > 0;
        offset++;
        continue;
      }
      if (pendingSpace && !(afterMarker && CLOSING_PUNCTUATION.test(char))) append(' ');
      pendingSpace = false;
      afterMarker = false;
      // The rest of the word, up to the next gap (a gap may fall inside a word: “inin”).
      const nextGap = gaps[g]?.at ?? Infinity;
      let end = offset + 1;
      while (end < piece.end && end < nextGap && !/\s/u.test(text[end] ?? '')) end++;
      append(text.slice(offset, end));
      offset = end;
    }
    insertGapsAt(piece.end);
  }
  return { text: parts.join(''), gaps: placed };
}
