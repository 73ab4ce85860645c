import type { EditionDocument } from '../schema/edition.ts';
import type { Span } from '../witness/line-index.ts';
import { overlaps } from './decision.ts';
import type { ParsedEdition } from './parse-edition-file.ts';
import type { QuoteResolver } from './quote-resolver.ts';
import type { ResolvedRemoval } from './resolve-removals.ts';

export interface ResolvedDocument extends Span {
  id: string;
  title: string;
  /** The edition file's entry, or null for a document found by the generic heuristic. */
  meta: EditionDocument | null;
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
