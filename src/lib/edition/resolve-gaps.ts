import type { GapFinding } from '../classify/find-lacunae.ts';
import type { GapKind } from '../schema/passage.ts';
import type { Span } from '../witness/line-index.ts';
import type { Origin } from './decision.ts';
import type { ParsedEdition } from './parse-edition-file.ts';
import type { QuoteResolver } from './quote-resolver.ts';

export interface ResolvedGap {
  at: number;
  kind: GapKind;
  missing: string | null;
  status: 'unresolved' | 'restored' | 'rejected';
  value: string | null;
  source: string | null;
  reason: string;
  origin: Origin;
  confirmed: boolean;
  evidence: Span;
  /** Index of the decision in the edition file's `gaps`, or null for an unconfirmed heuristic gap. */
  decision: number | null;
}

/** Merges heuristic gaps with the editor's: matched by position (the end of the `after` quote). */
export function resolveGaps(
  text: string,
  found: readonly GapFinding[],
  edition: ParsedEdition | null,
  quotes: QuoteResolver | null,
): ResolvedGap[] {
  // A gap's place is taken after any whitespace, so that "in —" quoted as `after: "in"` or as "in " agree.
  const settle = (at: number) => {
    let offset = at;
    while (offset < text.length && /\s/u.test(text[offset] ?? '')) offset++;
    return offset;
  };
  const settled = found.map((candidate) => ({ ...candidate, at: settle(candidate.at) }));
  const unique = settled.filter((candidate, i) => settled.findIndex((c) => c.at === candidate.at) === i);
  const fromHeuristic = (candidate: GapFinding): ResolvedGap => ({
    at: candidate.at,
    kind: candidate.kind,
    missing: candidate.missing,
    status: 'unresolved',
    value: null,
    source: null,
    reason: candidate.reason,
    origin: 'heuristic',
    confirmed: false,
    evidence: { start: candidate.evidence.start, end: candidate.evidence.end },
    decision: null,
  });
  if (!edition || !quotes) return unique.map(fromHeuristic);

  const gaps: ResolvedGap[] = [];
  const decidedAt = new Set<number>();
  edition.data.gaps.forEach((decision, index) => {
    const [span] = quotes.resolve(decision.after, ['gaps', index, 'after']);
    if (!span) return;
    const at = settle(span.end);
    decidedAt.add(at);
    const candidate = unique.find((c) => c.at === at);
    gaps.push({
      at,
      kind: candidate?.kind ?? decision.kind,
      missing: decision.missing ?? candidate?.missing ?? null,
      status: decision.status,
      value: decision.value ?? null,
      source: decision.source ?? null,
      reason: decision.reason,
      origin: candidate ? 'heuristic' : 'edition',
      confirmed: true,
      evidence: candidate ? { ...candidate.evidence } : span,
      decision: index,
    });
  });
  for (const candidate of unique) if (!decidedAt.has(candidate.at)) gaps.push(fromHeuristic(candidate));
  return gaps.sort((a, b) => a.at - b.at);
}
