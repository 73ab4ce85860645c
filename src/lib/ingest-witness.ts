import { classifyBlocks } from './classify/classify-blocks.ts';
import { findFlattenedHeadings } from './classify/find-flattened-headings.ts';
import { findLacunae } from './classify/find-lacunae.ts';
import {
  assertGapsPlaced,
  assertHeadingsKept,
  assertNoDuplicateDecisions,
  assertUniqueDocumentIds,
} from './edition/check-decisions.ts';
import { parseEditionFile } from './edition/parse-edition-file.ts';
import { QuoteResolver } from './edition/quote-resolver.ts';
import { removalsOutsideDocuments, resolveDocuments } from './edition/resolve-documents.ts';
import { resolveGaps } from './edition/resolve-gaps.ts';
import { resolveHeadings } from './edition/resolve-headings.ts';
import { resolveRemovals } from './edition/resolve-removals.ts';
import { assembleLedger } from './emit/ledger.ts';
import { passageMarkdown } from './emit/passage-markdown.ts';
import { formatReport, type OverruledLine } from './emit/report.ts';
import { assignStableIds } from './passages/assign-stable-ids.ts';
import { buildPassages } from './passages/build-passages.ts';
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
  if (edition) {
    assertUniqueDocumentIds(edition);
    assertNoDuplicateDecisions(edition);
  }

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

  const ledger = assembleLedger({
    witnessFile: input.witnessFile,
    witness,
    lines,
    documents,
    removals,
    headings,
    gaps,
    drafts,
    frontmatter: passages.map((passage) => passage.frontmatter),
    lock,
  });

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
