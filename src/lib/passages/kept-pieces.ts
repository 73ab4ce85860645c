import type { Span } from '../witness/line-index.ts';
import type { Block } from '../witness/split-blocks.ts';
import { trimSpan } from '../witness/split-blocks.ts';

/**
 * The stretches of each block that survive the given removals, trimmed of whitespace, in witness order.
 * `removed` must be sorted by start.
 */
export function keptPieces(text: string, blocks: readonly Block[], removed: readonly Span[]): Span[] {
  const pieces: Span[] = [];
  let r = 0;
  for (const block of blocks) {
    while (r < removed.length && (removed[r]?.end ?? 0) <= block.start) r++;
    let cursor = block.start;
    for (let i = r; i < removed.length; i++) {
      const removal = removed[i];
      if (!removal || removal.start >= block.end) break;
      if (removal.start > cursor) pushTrimmed(text, pieces, { start: cursor, end: removal.start });
      cursor = Math.max(cursor, removal.end);
    }
    if (cursor < block.end) pushTrimmed(text, pieces, { start: cursor, end: block.end });
  }
  return pieces;
}

function pushTrimmed(text: string, pieces: Span[], span: Span): void {
  const trimmed = trimSpan(text, span);
  if (trimmed.start < trimmed.end) pieces.push(trimmed);
}
