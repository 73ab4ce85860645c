/**
 * Checks of the edition file that need more than one stage's result: each refuses, at the decision's
 * line in the edition file, a decision that would silently lose text or put it in two places.
 */
import { abbreviate } from '../content-error.ts';
import type { PassageDraft } from '../passages/build-passages.ts';
import type { LineIndex } from '../witness/line-index.ts';
import type { ParsedEdition } from './parse-edition-file.ts';
import type { ResolvedGap } from './resolve-gaps.ts';
import type { ResolvedHeading } from './resolve-headings.ts';
import type { ResolvedRemoval } from './resolve-removals.ts';

/** Two documents with one id would write their passages into one folder. */
export function assertUniqueDocumentIds(edition: ParsedEdition): void {
  const seen = new Set<string>();
  edition.data.documents.forEach((document, index) => {
    if (seen.has(document.id)) {
      throw edition.problemAt(
        ['documents', index, 'id'],
        'duplicate-document',
        `Unexpected second document with id “${document.id}”, expected unique ids`,
        'give each document its own id',
      );
    }
    seen.add(document.id);
  });
}

/**
 * One decision of a kind per quote: a second decision on the same words (whitespace aside, as quotes
 * match) either repeats the first or contradicts it, and ten thousand copies of one would be listed ten
 * thousand times in the ledger. Refused at the second, naming where the first is.
 */
export function assertNoDuplicateDecisions(edition: ParsedEdition): void {
  const { headings, removals, retained, gaps } = edition.data;
  const lists = [
    ['headings', 'quote', 'heading', headings.map((d) => d.quote)],
    ['removals', 'quote', 'removal', removals.map((d) => d.quote)],
    ['retained', 'quote', 'retained-text', retained.map((d) => d.quote)],
    ['gaps', 'after', 'gap', gaps.map((d) => d.after)],
  ] as const;
  for (const [list, field, kind, quotes] of lists) {
    const first = new Map<string, number>();
    quotes.forEach((quote, index) => {
      const key = quote.trim().split(/\s+/u).join(' ');
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, index);
        return;
      }
      const at = edition.positionOf([list, earlier, field]);
      throw edition.problemAt(
        [list, index, field],
        'duplicate-decision',
        `Unexpected second ${kind} decision on “${abbreviate(key)}” (\`${list}.${index}\`), expected one decision per quote: the first is \`${list}.${earlier}\` at ${edition.file}:${at.line}:${at.column}`,
        `keep one of the two: delete \`${list}.${index}\`, or merge its reason into the first`,
      );
    });
  }
}

/**
 * A heading the editor restores must stand in kept text: one inside a removal would be listed in the
 * ledger both as removed and as a heading (and, outside every document, belong to none).
 */
export function assertHeadingsKept(
  headings: readonly ResolvedHeading[],
  removals: readonly ResolvedRemoval[],
  edition: ParsedEdition,
  lines: LineIndex,
  text: string,
): void {
  for (const heading of headings) {
    if (heading.decision === null) continue;
    const removal = removals.find((r) => r.start < heading.end && heading.start < r.end);
    if (!removal) continue;
    const where = lines.point(removal.start);
    const removed = `${removal.kind} removal “${abbreviate(text.slice(removal.start, removal.end), 50)}” (witness line ${where.line})`;
    throw edition.problemAt(
      ['headings', heading.decision, 'quote'],
      'heading-in-removal',
      `Unexpected heading “${abbreviate(text.slice(heading.start, heading.end))}” inside removed text, the ${removed}, expected a heading in the kept text`,
      removal.kind === 'outside-document'
        ? 'the heading lies outside every document: remove the heading, or move the `begins`/`ends` quote of its document so that it includes it'
        : removal.origin === 'heuristic' && !removal.confirmed
          ? 'remove the heading, or keep the text by adding the heuristic removal’s first words to `retained` with a reason'
          : 'remove the heading, or narrow the removal’s quote so that it no longer covers the heading',
    );
  }
}

/** An editor's gap must fall inside a passage; one placed in removed text or a heading would vanish. */
export function assertGapsPlaced(
  gaps: readonly ResolvedGap[],
  drafts: readonly PassageDraft[],
  edition: ParsedEdition | null,
  text: string,
): void {
  const placed = new Set(drafts.flatMap((draft) => draft.gaps.map(({ gap }) => gap.at)));
  for (const gap of gaps) {
    if (gap.status === 'rejected' || placed.has(gap.at) || !edition || gap.decision === null) continue;
    throw edition.problemAt(
      ['gaps', gap.decision, 'after'],
      'gap-outside-text',
      `Unexpected gap after “${abbreviate(text.slice(Math.max(0, gap.at - 40), gap.at))}”: that place is not in any passage (it lies in removed text or a heading), expected a place inside the text`,
      'quote words of a kept passage in `after`, or remove the gap',
    );
  }
}
