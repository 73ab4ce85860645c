import { abbreviate } from '../content-error.ts';
import type { RemovalKind } from '../schema/edition.ts';
import type { Span } from '../witness/line-index.ts';
import { type Origin, type Overruled, overlaps } from './decision.ts';
import type { ParsedEdition } from './parse-edition-file.ts';
import type { QuoteResolver } from './quote-resolver.ts';

export interface ResolvedRemoval extends Span {
  kind: RemovalKind;
  reason: string;
  origin: Origin;
  confirmed: boolean;
}

const wordChar = /[\p{L}\p{N}]/u;
/** True when the span starts or ends between two letters or digits of the same word. */
function cutsWord(text: string, span: Span): boolean {
  const joined = (at: number) => wordChar.test(text[at - 1] ?? '') && wordChar.test(text[at] ?? '');
  return joined(span.start) || joined(span.end);
}

/**
 * Merges heuristic removals with the editor's. An editor's removal that overlaps a heuristic one confirms it
 * and covers both; a `retained` quote overrules a heuristic removal; unconfirmed heuristics still apply.
 */
export function resolveRemovals(
  candidates: readonly (Span & { kind: RemovalKind; reason: string })[],
  edition: ParsedEdition | null,
  quotes: QuoteResolver | null,
): { removals: ResolvedRemoval[]; overruled: Overruled[] } {
  if (!edition || !quotes) {
    return {
      removals: candidates.map((c) => ({ ...c, origin: 'heuristic', confirmed: false })),
      overruled: [],
    };
  }
  const removals: ResolvedRemoval[] = [];
  edition.data.removals.forEach((decision, index) => {
    const spans = quotes.resolve(decision.quote, ['removals', index, 'quote'], decision.occurrences);
    const cut = spans.find((span) => cutsWord(quotes.text, span));
    if (cut) {
      throw edition.problemAt(
        ['removals', index, 'quote'],
        'quote-cuts-word',
        `Unexpected removal quote “${abbreviate(decision.quote)}” that begins or ends inside a word of the witness (“${abbreviate(quotes.text.slice(Math.max(0, cut.start - 20), cut.end + 20))}”), expected whole words`,
        'quote whole words (a removal takes words out of the text, never parts of a word)',
      );
    }
    for (const span of spans) {
      // Quoting the start of what a heuristic found confirms all of it: no need to copy a long block.
      const seen = candidates.filter((candidate) => overlaps(candidate, span));
      const start = Math.min(span.start, ...seen.map((c) => c.start));
      const end = Math.max(span.end, ...seen.map((c) => c.end));
      const origin = seen.length > 0 ? 'heuristic' : 'edition';
      removals.push({ start, end, kind: decision.kind, reason: decision.reason, origin, confirmed: true });
    }
  });
  const retained = edition.data.retained.flatMap((decision, index) =>
    quotes
      .resolve(decision.quote, ['retained', index, 'quote'])
      .map((span) => ({ ...span, reason: decision.reason })),
  );
  const overruled: Overruled[] = [];
  for (const candidate of candidates) {
    if (removals.some((removal) => overlaps(removal, candidate))) continue;
    const keep = retained.find((span) => overlaps(span, candidate));
    if (keep) overruled.push({ ...candidate, what: 'removal', reason: keep.reason });
    else removals.push({ ...candidate, origin: 'heuristic', confirmed: false });
  }
  return { removals: mergeOverlapping(removals), overruled };
}

/** Overlapping removals (a quote with `occurrences: all` that also falls inside another) become one. */
function mergeOverlapping(removals: ResolvedRemoval[]): ResolvedRemoval[] {
  const merged: ResolvedRemoval[] = [];
  for (const removal of [...removals].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && removal.start < last.end) {
      const keepLast = last.end - last.start >= removal.end - removal.start;
      merged[merged.length - 1] = {
        ...(keepLast ? last : removal),
        start: last.start,
        end: Math.max(last.end, removal.end),
      };
    } else {
      merged.push(removal);
    }
  }
  return merged;
}
