import type { Span } from '../witness/line-index.ts';
import { type Origin, type Overruled, overlaps } from './decision.ts';
import type { ParsedEdition } from './parse-edition-file.ts';
import type { QuoteResolver } from './quote-resolver.ts';

export interface ResolvedHeading extends Span {
  reason: string;
  origin: Origin;
  confirmed: boolean;
  /** Index of the decision in the edition file's `headings`, or null for an unconfirmed heuristic heading. */
  decision: number | null;
}

/** Merges heuristic headings with the editor's list (which may add, confirm or reject headings). */
export function resolveHeadings(
  candidates: readonly (Span & { reason: string })[],
  edition: ParsedEdition | null,
  quotes: QuoteResolver | null,
): { headings: ResolvedHeading[]; overruled: Overruled[] } {
  if (!edition || !quotes) {
    return {
      headings: candidates.map((c) => ({ ...c, origin: 'heuristic', confirmed: false, decision: null })),
      overruled: [],
    };
  }
  const headings: ResolvedHeading[] = [];
  const overruled: Overruled[] = [];
  const decided: Span[] = [];
  edition.data.headings.forEach((decision, index) => {
    const [span] = quotes.resolve(decision.quote, ['headings', index, 'quote']);
    if (!span) return;
    decided.push(span);
    const seen = candidates.some((candidate) => overlaps(candidate, span));
    if (decision.status === 'rejected') overruled.push({ ...span, what: 'heading', reason: decision.reason });
    else
      headings.push({
        ...span,
        reason: decision.reason,
        origin: seen ? 'heuristic' : 'edition',
        confirmed: true,
        decision: index,
      });
  });
  for (const candidate of candidates) {
    if (!decided.some((span) => overlaps(span, candidate))) {
      headings.push({ ...candidate, origin: 'heuristic', confirmed: false, decision: null });
    }
  }
  return { headings: headings.sort((a, b) => a.start - b.start), overruled };
}
