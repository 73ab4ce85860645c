/**
 * The ledger: every decision of the ingest (documents, removals, headings, gaps, retired ids) with the
 * witness line it was taken at, assembled from the stages' results for apparatus/ledger.json.
 */
import type { ResolvedDocument } from '../edition/resolve-documents.ts';
import type { ResolvedGap } from '../edition/resolve-gaps.ts';
import type { ResolvedHeading } from '../edition/resolve-headings.ts';
import type { ResolvedRemoval } from '../edition/resolve-removals.ts';
import { gapMarker, normaliseSpace, type PassageDraft } from '../passages/build-passages.ts';
import type { IdLock, Ledger, LedgerGap } from '../schema/ledger.ts';
import type { PassageFrontmatter } from '../schema/passage.ts';
import type { Witness } from '../witness/decode-witness.ts';
import type { LineIndex } from '../witness/line-index.ts';

export interface LedgerInput {
  witnessFile: string;
  witness: Witness;
  lines: LineIndex;
  documents: readonly ResolvedDocument[];
  removals: readonly ResolvedRemoval[];
  headings: readonly ResolvedHeading[];
  gaps: readonly ResolvedGap[];
  /** The passages as built, and (in the same order) their frontmatter with its stable id. */
  drafts: readonly PassageDraft[];
  frontmatter: readonly PassageFrontmatter[];
  lock: IdLock;
}

export function assembleLedger(input: LedgerInput): Ledger {
  const { witness, lines, documents, drafts } = input;
  const { text } = witness;
  return {
    witness: {
      file: input.witnessFile,
      sha256: witness.sha256,
      lines: lines.lineCount,
      characters: text.length,
      byteOrderMark: witness.byteOrderMark,
      lineEnds: witness.lineEnds,
    },
    documents: documents.map((document) => ({
      id: document.id,
      title: document.title,
      passages: drafts.filter((draft) => draft.document === document.id).length,
      witness: lines.range(document),
    })),
    removals: input.removals.map((removal) => ({
      text: text.slice(removal.start, removal.end),
      kind: removal.kind,
      reason: removal.reason,
      origin: removal.origin,
      confirmed: removal.confirmed,
      witness: lines.range(removal),
    })),
    headings: input.headings.map((heading) => ({
      text: normaliseSpace(text.slice(heading.start, heading.end)),
      document: documents.find((d) => d.start <= heading.start && heading.start < d.end)?.id ?? '',
      reason: heading.reason,
      origin: heading.origin,
      confirmed: heading.confirmed,
      witness: lines.range(heading),
    })),
    gaps: ledgerGaps(input),
    retired: input.lock.retired.map(({ id, successor, reason }) => ({ id, successor, reason })),
  };
}

/** Each gap with the passage it was placed in; a rejected gap is in none and gets an id of its own. */
function ledgerGaps({ witness, lines, gaps, drafts, frontmatter }: LedgerInput): LedgerGap[] {
  const passageOfGap = new Map<number, { id: string; document: string; gapId: string }>();
  frontmatter.forEach((passage, i) => {
    passage.gaps.forEach((gap, k) => {
      const draftGap = drafts[i]?.gaps[k]?.gap;
      if (draftGap)
        passageOfGap.set(draftGap.at, { id: passage.id, document: passage.document, gapId: gap.id });
    });
  });
  return gaps.map((gap, k) => {
    const placed = passageOfGap.get(gap.at);
    return {
      id: placed?.gapId ?? `rejected-gap-${k + 1}`,
      passage: placed?.id ?? null,
      document: placed?.document ?? null,
      kind: gap.kind,
      missing: gap.missing,
      marker: gap.status === 'rejected' ? null : gapMarker(gap),
      status: gap.status,
      value: gap.value,
      source: gap.source,
      reason: gap.reason,
      origin: gap.origin,
      confirmed: gap.confirmed,
      evidence: witness.text.slice(gap.evidence.start, gap.evidence.end),
      witness: lines.point(gap.at),
    };
  });
}
