import GithubSlugger from 'github-slugger';
import { EditionContentError } from '../content-error.ts';
import { EDITION_FILE, ID_LOCK_FILE, LEDGER_FILE, PASSAGES_DIR } from '../content-paths.ts';
import { passageText } from '../passage-text.ts';
import type { EditionDocument, EditionFile } from '../schema/edition.ts';
import type { IdLock, Ledger, RetiredId } from '../schema/ledger.ts';
import type { PassageFrontmatter } from '../schema/passage.ts';

/*
 * The edition as the pages read it: the content collections put in reading order and checked against
 * each other, with the facts derived from them (each document's link, its sections and their anchors,
 * where every retired id lands) worked out here once. Zod checks each file on its own; the checks here
 * are the ones that span files (a passage naming a document that does not exist, two passages with
 * the same ¶ number, a retired id used again), and they stop the build naming the file to fix.
 * Pure: src/collections/edition.ts feeds it the collections.
 */

/** A passage as the collection gives it: its id, file, Markdown body and frontmatter. */
export interface PassageLike {
  id: string;
  filePath?: string | undefined;
  body?: string | undefined;
  data: PassageFrontmatter;
}

/** A run of consecutive passages under one section heading (or under none, before the first). */
export interface ReaderSection<P extends PassageLike = PassageLike> {
  heading: string | null;
  /** The heading's anchor; null when there is no heading. Never equal to a passage id. */
  id: string | null;
  passages: P[];
}

export interface ReaderDocument<P extends PassageLike = PassageLike> extends EditionDocument {
  /** The link to the document's page, base path included. */
  href: string;
  /** Its passages in ¶ order. */
  passages: P[];
  sections: ReaderSection<P>[];
  /** Retired ids that now land on a passage of this document, keyed by that passage's id. */
  retiredBySuccessor: ReadonlyMap<string, readonly string[]>;
}

/** A passage in the edition's reading order, with what the pages and exports derive from it. */
export interface ReadingPassage<P extends PassageLike = PassageLike> {
  entry: P;
  document: ReaderDocument<P>;
  /** The link to it on its document's page (passageHref). */
  href: string;
  /** Its Markdown text. */
  markdown: string;
  /** Its plain text as a browser displays it (passageText): what /passages.json and the index carry. */
  text: string;
}

export interface ReaderEdition<P extends PassageLike = PassageLike> {
  title: string;
  editors: string;
  licence: string;
  witness: { file: string; sha256: string };
  /** In witness order, as the edition file lists them. */
  documents: ReaderDocument<P>[];
  /** The whole ledger: what the ingest did to the witness (removals, headings, gaps) and the witness's facts. */
  ledger: Ledger;
  /** Every id ever retired (from the id lock, which never shrinks), with where it lands now. */
  retired: (RetiredId & { href: string })[];
  /** Every passage, documents in witness order, each in ¶ order. */
  passages: ReadingPassage<P>[];
}

/** What the edition is assembled from: the collections' entries, each possibly missing. */
export interface EditionSources<P extends PassageLike> {
  edition: EditionFile['edition'] | undefined;
  /** The documents with their position in the edition file's list. */
  documents: readonly { id: string; data: EditionDocument & { order: number } }[];
  passages: readonly P[];
  ledger: Ledger | undefined;
  idLock: IdLock | undefined;
  /** The site-absolute link to a path of the site, under the configured base. */
  sitePath: (path: string) => string;
}

/** The link to a passage on its document's page: the page's href (base path included) and the passage id. */
export function passageHref(document: Pick<ReaderDocument, 'href'>, passageId: string): string {
  return `${document.href}#${passageId}`;
}

/** The documents in the order the navigation lists them: the essay (at "/") first, the others in witness order. */
export function navigationOrder<D extends Pick<ReaderDocument, 'path'>>(documents: readonly D[]): D[] {
  return documents.toSorted((a, b) => Number(b.path === '/') - Number(a.path === '/'));
}

/** Puts the collections in reading order and checks them against each other. */
export function assembleEdition<P extends PassageLike>(sources: EditionSources<P>): ReaderEdition<P> {
  const {
    edition,
    documents: unorderedDocuments,
    passages: passageEntries,
    ledger,
    idLock,
    sitePath,
  } = sources;
  if (!edition || unorderedDocuments.length === 0) {
    throw new EditionContentError(
      `${EDITION_FILE}: Unexpected missing edition, expected an \`edition:\` block and a \`documents:\` list`,
    );
  }
  if (!ledger) {
    throw new EditionContentError(
      `${LEDGER_FILE}: Unexpected missing ledger, expected the file the ingest writes (npm run ingest)`,
    );
  }
  if (!idLock) {
    throw new EditionContentError(
      `${ID_LOCK_FILE}: Unexpected missing id lock, expected the file the ingest writes (npm run ingest)`,
    );
  }
  if (passageEntries.length === 0) {
    throw new EditionContentError(
      `${PASSAGES_DIR}/: Unexpected empty folder, expected passage files (npm run ingest)`,
    );
  }

  const documentEntries = unorderedDocuments.toSorted((a, b) => a.data.order - b.data.order);
  const documentIds = documentEntries.map((entry) => entry.id);
  const byDocument = new Map<string, P[]>(documentIds.map((id) => [id, []]));
  for (const passage of passageEntries) {
    const list = byDocument.get(passage.data.document);
    if (!list) {
      throw new EditionContentError(
        `${fileOf(passage)}: Unexpected document "${passage.data.document}", expected one of ${documentIds.map((id) => `"${id}"`).join(', ')} (the ids in ${EDITION_FILE})`,
      );
    }
    list.push(passage);
  }

  const liveIds = new Map(passageEntries.map((passage) => [passage.id, passage]));
  const retiredBySuccessor = new Map<string, string[]>();
  const retired = idLock.retired.map((entry) => {
    const successor = liveIds.get(entry.successor);
    if (!successor) {
      throw new EditionContentError(
        `${ID_LOCK_FILE}: Unexpected successor "${entry.successor}" for retired id "${entry.id}", expected the id of a live passage`,
      );
    }
    if (liveIds.has(entry.id)) {
      throw new EditionContentError(
        `${ID_LOCK_FILE}: Unexpected retired id "${entry.id}" that is also the id of ${fileOf(liveIds.get(entry.id))}, expected retired ids never to be reused`,
      );
    }
    retiredBySuccessor.set(entry.successor, [...(retiredBySuccessor.get(entry.successor) ?? []), entry.id]);
    // The lock keeps a retired paragraph's text to revive its id; the site needs only where it leads.
    return { id: entry.id, successor: entry.successor, reason: entry.reason };
  });

  const paths = new Set<string>();
  const documents = documentEntries.map((entry): ReaderDocument<P> => {
    if (paths.has(entry.data.path)) {
      throw new EditionContentError(
        `${EDITION_FILE}: Unexpected second document with path "${entry.data.path}" (document "${entry.id}"), expected one page per document`,
      );
    }
    paths.add(entry.data.path);
    const passages = inReadingOrder(entry.id, byDocument.get(entry.id) ?? []);
    const { order: _order, ...document } = entry.data;
    return {
      ...document,
      href: sitePath(entry.data.path),
      passages,
      sections: groupSections(passages, [...liveIds.keys(), ...retired.map((r) => r.id)]),
      retiredBySuccessor: new Map(
        passages.flatMap((p) =>
          retiredBySuccessor.has(p.id) ? [[p.id, retiredBySuccessor.get(p.id) ?? []]] : [],
        ),
      ),
    };
  });

  const hrefOf = (passageId: string): string => {
    const passage = liveIds.get(passageId);
    const document = documents.find((d) => d.id === passage?.data.document);
    return passageHref(document ?? { href: sitePath('/') }, passageId);
  };

  return {
    ...edition,
    witness: { file: ledger.witness.file, sha256: ledger.witness.sha256 },
    documents,
    ledger,
    retired: retired.map((entry) => ({ ...entry, href: hrefOf(entry.successor) })),
    passages: documents.flatMap((document) =>
      document.passages.map((entry) => {
        if (entry.body === undefined)
          throw new EditionContentError(`${fileOf(entry)}: Unexpected passage without a body`);
        const href = passageHref(document, entry.id);
        return { entry, document, href, markdown: entry.body, text: passageText(entry.body) };
      }),
    ),
  };
}

function inReadingOrder<P extends PassageLike>(documentId: string, passages: P[]): P[] {
  if (passages.length === 0) {
    throw new EditionContentError(
      `${PASSAGES_DIR}/${documentId}/: Unexpected document "${documentId}" without passages, expected at least one (npm run ingest)`,
    );
  }
  const sorted = passages.toSorted((a, b) => a.data.n - b.data.n);
  sorted.forEach((passage, index) => {
    const previous = sorted[index - 1];
    if (previous && previous.data.n === passage.data.n) {
      throw new EditionContentError(
        `${fileOf(passage)}: Unexpected ¶ number ${passage.data.n}, already used by ${fileOf(previous)}; expected each passage of "${documentId}" to have its own`,
      );
    }
  });
  return sorted;
}

// Headings get readable anchors (#why-the-bureaucracy-needs-terror); every passage id, live or
// retired, is reserved first so that a heading can never take over a paragraph's link.
function groupSections<P extends PassageLike>(
  passages: P[],
  reservedIds: readonly string[],
): ReaderSection<P>[] {
  const slugger = new GithubSlugger();
  for (const id of reservedIds) slugger.slug(id);
  const sections: ReaderSection<P>[] = [];
  for (const passage of passages) {
    const current = sections.at(-1);
    if (current && current.heading === passage.data.section) {
      current.passages.push(passage);
    } else {
      const heading = passage.data.section;
      // A heading of punctuation alone slugs to nothing; it still needs an anchor.
      const id = heading === null ? null : slugger.slug(heading) || slugger.slug('section');
      sections.push({ heading, id, passages: [passage] });
    }
  }
  return sections;
}

function fileOf(passage: PassageLike | undefined): string {
  return passage?.filePath ?? `${PASSAGES_DIR}/${passage?.data.document ?? '?'}/${passage?.id ?? '?'}.md`;
}
