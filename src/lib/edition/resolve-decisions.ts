import type { GapFinding } from '../classify/find-lacunae.ts';
import { abbreviate } from '../content-error.ts';
import type { EditionDocument, RemovalKind } from '../schema/edition.ts';
import type { GapKind } from '../schema/passage.ts';
import type { LineIndex, Span } from '../witness/line-index.ts';
import { locateQuote } from './locate-quote.ts';
import type { ParsedEdition } from './parse-edition-file.ts';

export type Origin = 'heuristic' | 'edition';

export interface ResolvedDocument extends Span {
  id: string;
  title: string;
  /** The edition file's entry, or null for a document found by the generic heuristic. */
  meta: EditionDocument | null;
}

export interface ResolvedRemoval extends Span {
  kind: RemovalKind;
  reason: string;
  origin: Origin;
  confirmed: boolean;
}

export interface ResolvedHeading extends Span {
  reason: string;
  origin: Origin;
  confirmed: boolean;
  /** Index of the decision in the edition file's `headings`, or null for an unconfirmed heuristic heading. */
  decision: number | null;
}

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

/** A heuristic decision the editor overruled, kept for the report. */
export interface Overruled extends Span {
  what: 'removal' | 'heading';
  reason: string;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

const wordChar = /[\p{L}\p{N}]/u;
/** True when the span starts or ends between two letters or digits of the same word. */
function cutsWord(text: string, span: Span): boolean {
  const joined = (at: number) => wordChar.test(text[at - 1] ?? '') && wordChar.test(text[at] ?? '');
  return joined(span.start) || joined(span.end);
}

/** Resolves quotes of the edition file against the witness; each must occur as often as it says. */
export class QuoteResolver {
  readonly #text: string;
  readonly #edition: ParsedEdition;
  readonly #witnessFile: string;
  readonly #lines: LineIndex;

  /** The witness text the quotes are resolved in. */
  get text(): string {
    return this.#text;
  }

  constructor(text: string, edition: ParsedEdition, witnessFile: string, lines: LineIndex) {
    this.#text = text;
    this.#edition = edition;
    this.#witnessFile = witnessFile;
    this.#lines = lines;
  }

  /** All occurrences when `occurrences` is 'all', else exactly one. */
  resolve(quote: string, path: readonly (string | number)[], occurrences: 'all' | 1 = 1): Span[] {
    const found = locateQuote(this.#text, quote);
    const fail = (rule: string, message: string, fix: string): never => {
      throw this.#edition.problemAt(path, rule, message, fix);
    };
    if (found.length === 0) {
      fail(
        'quote-not-found',
        `Unexpected quote “${abbreviate(quote)}” at \`${path.join('.')}\`: it is not in the witness ${this.#witnessFile}, expected an exact quote of the witness`,
        'copy the words from the witness exactly (quotation marks, dashes and apostrophes must match); line breaks may be written as spaces',
      );
    }
    if (occurrences === 1 && found.length > 1) {
      const lines = found.map((span) => this.#lines.point(span.start).line).join(', ');
      fail(
        'quote-ambiguous',
        `Unexpected quote “${abbreviate(quote)}” at \`${path.join('.')}\`: it occurs ${found.length} times in the witness (lines ${lines}), expected exactly once`,
        'quote more words so that it occurs once, or (for removals) set `occurrences: all`',
      );
    }
    return found;
  }
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

/**
 * The documents in the witness. With an edition file, each runs from its `begins` quote to the end of its
 * `ends` quote. Without one, licence notices separate documents: an archive's notice stands where a text
 * copied from it begins, so each stretch between notices that holds kept text is a document of its own.
 */
export function resolveDocuments(
  textLength: number,
  removals: readonly ResolvedRemoval[],
  keptPieces: readonly Span[],
  edition: ParsedEdition | null,
  quotes: QuoteResolver | null,
): ResolvedDocument[] {
  if (edition && quotes) {
    const documents = edition.data.documents.map((meta, index) => {
      const [begins] = quotes.resolve(meta.begins, ['documents', index, 'begins']);
      const [ends] = quotes.resolve(meta.ends, ['documents', index, 'ends']);
      if (!begins || !ends) throw new Error('unreachable: resolve() returns one span or throws');
      if (ends.end <= begins.start) {
        throw edition.problemAt(
          ['documents', index, 'ends'],
          'document-order',
          `Unexpected \`ends\` quote of document “${meta.id}” before its \`begins\` quote, expected it after`,
          'check that begins and ends quote the first and the last words of the same document',
        );
      }
      return { id: meta.id, title: meta.title, start: begins.start, end: ends.end, meta };
    });
    documents.sort((a, b) => a.start - b.start);
    documents.forEach((document, i) => {
      const next = documents[i + 1];
      if (next && next.start < document.end) {
        const index = edition.data.documents.findIndex((meta) => meta.id === next.id);
        throw edition.problemAt(
          ['documents', index, 'begins'],
          'document-overlap',
          `Unexpected overlap: document “${next.id}” begins inside document “${document.id}”, expected documents one after another`,
          `move the \`ends\` quote of “${document.id}” or the \`begins\` quote of “${next.id}”`,
        );
      }
    });
    return documents;
  }
  const boundaries = removals.filter((removal) => removal.kind === 'licence').map((removal) => removal.end);
  const starts = [0, ...boundaries];
  return starts
    .map((start, i) => ({ start, end: starts[i + 1] ?? textLength }))
    .filter((stretch) => keptPieces.some((piece) => overlaps(piece, stretch)))
    .map((stretch, i) => ({ ...stretch, id: `document-${i + 1}`, title: `Document ${i + 1}`, meta: null }));
}

/** What lies outside every document becomes a removal, so that nothing is dropped without a record. */
export function removalsOutsideDocuments(
  keptPieces: readonly Span[],
  documents: readonly ResolvedDocument[],
): ResolvedRemoval[] {
  const outside: ResolvedRemoval[] = [];
  for (const piece of keptPieces) {
    let cursor = piece.start;
    for (const document of documents) {
      if (document.end <= cursor || document.start >= piece.end) continue;
      if (document.start > cursor) outside.push(outsideRemoval(cursor, document.start));
      cursor = Math.max(cursor, document.end);
    }
    if (cursor < piece.end) outside.push(outsideRemoval(cursor, piece.end));
  }
  return outside;
}

function outsideRemoval(start: number, end: number): ResolvedRemoval {
  return {
    start,
    end,
    kind: 'outside-document',
    reason: 'outside the documents that the edition file names (documents[].begins … ends)',
    origin: 'edition',
    confirmed: true,
  };
}
