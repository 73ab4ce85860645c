import { classifyBlocks } from './classify/classify-blocks.ts';
import { findFlattenedHeadings } from './classify/find-flattened-headings.ts';
import { findLacunae } from './classify/find-lacunae.ts';
import { abbreviate } from './content-error.ts';
import { type ParsedEdition, parseEditionFile } from './edition/parse-edition-file.ts';
import {
  QuoteResolver,
  type ResolvedHeading,
  type ResolvedRemoval,
  removalsOutsideDocuments,
  resolveDocuments,
  resolveGaps,
  resolveHeadings,
  resolveRemovals,
} from './edition/resolve-decisions.ts';
import { passageMarkdown } from './emit/passage-markdown.ts';
import { formatReport, type OverruledLine } from './emit/report.ts';
import { assignStableIds } from './passages/assign-stable-ids.ts';
import { buildPassages, normaliseSpace } from './passages/build-passages.ts';
import { keptPieces } from './passages/kept-pieces.ts';
import type { IdLock, Ledger } from './schema/ledger.ts';
import type { PassageFrontmatter } from './schema/passage.ts';
import { decodeWitness } from './witness/decode-witness.ts';
import { LineIndex } from './witness/line-index.ts';
import { splitBlocks, trimSpan } from './witness/split-blocks.ts';
import { splitSentences } from './witness/split-sentences.ts';

export interface IngestInput {
  /** The witness file's bytes. */
  witness: Uint8Array;
  /** How to name the witness in messages and in the ledger (a path relative to the project). */
  witnessFile: string;
  /** The edition file's text, or null to run on heuristics alone. */
  edition: string | null;
  editionFile: string | null;
  /** The id lock of the previous ingest, or null on first ingest. */
  lock: IdLock | null;
}

export interface IngestedPassage {
  frontmatter: PassageFrontmatter;
  text: string;
}

export interface IngestResult {
  /** Every generated file, by path relative to the output folder. */
  files: Map<string, string>;
  passages: IngestedPassage[];
  ledger: Ledger;
  lock: IdLock;
  report: string;
}

export const LEDGER_PATH = 'apparatus/ledger.json';
export const LOCK_PATH = 'apparatus/ids.lock.json';
export const PASSAGES_DIR = 'passages';

/**
 * The whole ingest as one pure function: witness (and edition file, and the previous id lock) in,
 * generated files out. Stages: decode → blocks → classify → apply the edition file → documents →
 * sentences → headings → gaps → passages → stable ids → emit.
 */
export function ingestWitness(input: IngestInput): IngestResult {
  const witness = decodeWitness(input.witness, input.witnessFile);
  const { text } = witness;
  const lines = new LineIndex(text);
  const edition =
    input.edition === null ? null : parseEditionFile(input.edition, input.editionFile ?? 'edition file');
  const quotes = edition ? new QuoteResolver(text, edition, input.witnessFile, lines) : null;
  if (edition) assertUniqueDocumentIds(edition);

  const blocks = splitBlocks(text);
  const removalResult = resolveRemovals(classifyBlocks(text, blocks), edition, quotes);
  const firstPieces = keptPieces(text, blocks, removalResult.removals);
  const documents = resolveDocuments(text.length, removalResult.removals, firstPieces, edition, quotes);
  const outside = removalsOutsideDocuments(firstPieces, documents)
    .map((removal) => ({ ...removal, ...trimSpan(text, removal) }))
    .filter((removal) => removal.start < removal.end);
  const removals = [...removalResult.removals, ...outside].sort((a, b) => a.start - b.start);

  const sentences = keptPieces(text, blocks, removals).flatMap((piece) => splitSentences(text, piece));
  const headingResult = resolveHeadings(findFlattenedHeadings(text, sentences), edition, quotes);
  const headings = headingResult.headings;
  if (edition) assertHeadingsKept(headings, removals, edition, lines, text);
  const prose = keptPieces(
    text,
    blocks,
    [...removals, ...headings].sort((a, b) => a.start - b.start),
  );
  const gaps = resolveGaps(text, findLacunae(text, prose), edition, quotes);

  const drafts = buildPassages(text, blocks, removals, headings, documents, gaps);
  assertGapsPlaced(gaps, drafts, edition, text);
  const { ids, lock } = assignStableIds(drafts, input.lock);

  const passages: IngestedPassage[] = drafts.map((draft, i) => {
    const id = ids[i] ?? '';
    return {
      text: draft.text,
      frontmatter: {
        id,
        n: draft.n,
        document: draft.document,
        section: draft.section,
        witness: lines.range(draft.span),
        gaps: draft.gaps.map(({ gap, marker, at }, k) => ({
          id: `${id}-gap-${k + 1}`,
          kind: gap.kind,
          missing: gap.missing ?? 'words',
          marker,
          status: gap.status === 'restored' ? 'restored' : 'unresolved',
          ...(gap.value ? { value: gap.value } : {}),
          ...(gap.source ? { source: gap.source } : {}),
          at,
        })),
      },
    };
  });

  const passageOfGap = new Map<number, { id: string; document: string; gapId: string }>();
  passages.forEach((passage, i) => {
    passage.frontmatter.gaps.forEach((gap, k) => {
      const draftGap = drafts[i]?.gaps[k]?.gap;
      if (draftGap)
        passageOfGap.set(draftGap.at, {
          id: passage.frontmatter.id,
          document: passage.frontmatter.document,
          gapId: gap.id,
        });
    });
  });

  const ledger: Ledger = {
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
    removals: removals.map((removal) => ({
      text: text.slice(removal.start, removal.end),
      kind: removal.kind,
      reason: removal.reason,
      origin: removal.origin,
      confirmed: removal.confirmed,
      witness: lines.range(removal),
    })),
    headings: headings.map((heading) => ({
      text: normaliseSpace(text.slice(heading.start, heading.end)),
      document: documents.find((d) => d.start <= heading.start && heading.start < d.end)?.id ?? '',
      reason: heading.reason,
      origin: heading.origin,
      confirmed: heading.confirmed,
      witness: lines.range(heading),
    })),
    gaps: gaps.map((gap, k) => {
      const placed = passageOfGap.get(gap.at);
      return {
        id: placed?.gapId ?? `rejected-gap-${k + 1}`,
        passage: placed?.id ?? null,
        document: placed?.document ?? null,
        kind: gap.kind,
        missing: gap.missing,
        marker:
          gap.status === 'rejected'
            ? null
            : gap.status === 'restored' && gap.value
              ? `[${gap.value}]`
              : '[…]',
        status: gap.status,
        value: gap.value,
        source: gap.source,
        reason: gap.reason,
        origin: gap.origin,
        confirmed: gap.confirmed,
        evidence: text.slice(gap.evidence.start, gap.evidence.end),
        witness: lines.point(gap.at),
      };
    }),
    retired: lock.retired.map(({ id, successor, reason }) => ({ id, successor, reason })),
  };

  const overruled: OverruledLine[] = [...removalResult.overruled, ...headingResult.overruled].map(
    (entry) => ({
      ...lines.point(entry.start),
      what: entry.what,
      text: text.slice(entry.start, entry.end),
      reason: entry.reason,
    }),
  );

  const files = new Map<string, string>();
  for (const passage of passages) {
    files.set(
      `${PASSAGES_DIR}/${passage.frontmatter.document}/${passage.frontmatter.id}.md`,
      passageMarkdown(passage.frontmatter, passage.text),
    );
  }
  files.set(LEDGER_PATH, `${JSON.stringify(ledger, null, 2)}\n`);
  files.set(LOCK_PATH, `${JSON.stringify(lock, null, 2)}\n`);
  return { files, passages, ledger, lock, report: formatReport(ledger, input.editionFile, overruled) };
}

function assertUniqueDocumentIds(edition: NonNullable<ReturnType<typeof parseEditionFile>>): void {
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
 * A heading the editor restores must stand in kept text: one inside a removal would be listed in the
 * ledger both as removed and as a heading (and, outside every document, belong to none).
 */
function assertHeadingsKept(
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
function assertGapsPlaced(
  gaps: ReturnType<typeof resolveGaps>,
  drafts: ReturnType<typeof buildPassages>,
  edition: ReturnType<typeof parseEditionFile> | null,
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
