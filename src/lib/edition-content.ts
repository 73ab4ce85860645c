import { type CollectionEntry, getCollection, getEntry } from 'astro:content';
import GithubSlugger from 'github-slugger';
import { EDITION_FILE, ID_LOCK_FILE, LEDGER_FILE, PASSAGES_DIR } from './content-paths.ts';
import type { EditionDocument } from './schema/edition.ts';
import type { RetiredId } from './schema/ledger.ts';

/*
 * What the pages and /passages.json read: the content collections of src/content.config.ts,
 * put in reading order and checked against each other. Zod checks each file on its own; the
 * checks here are the ones that span files (a passage naming a document that does not exist,
 * two passages with the same ¶ number), and they stop the build naming the file to fix.
 */

export type PassageEntry = CollectionEntry<'passages'>;

/** A run of consecutive passages under one section heading (or under none, before the first). */
export interface ReaderSection {
  heading: string | null;
  /** The heading's anchor; null when there is no heading. Never equal to a passage id. */
  id: string | null;
  passages: PassageEntry[];
}

export interface ReaderDocument extends EditionDocument {
  /** The link to the document's page, base path included. */
  href: string;
  /** Its passages in ¶ order. */
  passages: PassageEntry[];
  sections: ReaderSection[];
  /** Retired ids that now land on a passage of this document, keyed by that passage's id. */
  retiredBySuccessor: ReadonlyMap<string, readonly string[]>;
}

export interface ReaderEdition {
  title: string;
  editors: string;
  licence: string;
  witness: { file: string; sha256: string };
  /** In witness order, as the edition file lists them. */
  documents: ReaderDocument[];
  removals: CollectionEntry<'ledger'>['data']['removals'];
  /** Every id ever retired (from the id lock, which never shrinks), with where it lands now. */
  retired: (RetiredId & { href: string })[];
}

export class EditionContentError extends Error {
  override name = 'EditionContentError';
}

/** The site-absolute link to a path of the site, such as "/obituary/", under the configured base. */
export function sitePath(path: string): string {
  const base = import.meta.env.BASE_URL.endsWith('/')
    ? import.meta.env.BASE_URL
    : `${import.meta.env.BASE_URL}/`;
  return `${base}${path.replace(/^\//, '')}`;
}

/** The link to a passage on its document's page: the page's href (base path included) and the passage id. */
export function passageHref(document: Pick<ReaderDocument, 'href'>, passageId: string): string {
  return `${document.href}#${passageId}`;
}

/** The documents in the order the navigation lists them: the essay (at "/") first, the others in witness order. */
export function navigationOrder(documents: readonly ReaderDocument[]): ReaderDocument[] {
  return documents.toSorted((a, b) => Number(b.path === '/') - Number(a.path === '/'));
}

let cached: Promise<ReaderEdition> | undefined;

/** Loads and cross-checks the edition once per build. */
export function loadEdition(): Promise<ReaderEdition> {
  cached ??= assembleEdition();
  return cached;
}

async function assembleEdition(): Promise<ReaderEdition> {
  const [edition, unorderedDocuments, passageEntries, ledger, idLock] = await Promise.all([
    getEntry('edition', 'edition'),
    getCollection('documents'),
    getCollection('passages'),
    getEntry('ledger', 'ledger'),
    getEntry('idLock', 'lock'),
  ]);
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
  const byDocument = new Map<string, PassageEntry[]>(documentIds.map((id) => [id, []]));
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
  const retired = idLock.data.retired.map((entry) => {
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
  const documents = documentEntries.map((entry): ReaderDocument => {
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
    ...edition.data,
    witness: { file: ledger.data.witness.file, sha256: ledger.data.witness.sha256 },
    documents,
    removals: ledger.data.removals,
    retired: retired.map((entry) => ({ ...entry, href: hrefOf(entry.successor) })),
  };
}

function inReadingOrder(documentId: string, passages: PassageEntry[]): PassageEntry[] {
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
function groupSections(passages: PassageEntry[], reservedIds: readonly string[]): ReaderSection[] {
  const slugger = new GithubSlugger();
  for (const id of reservedIds) slugger.slug(id);
  const sections: ReaderSection[] = [];
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

function fileOf(passage: PassageEntry | undefined): string {
  return passage?.filePath ?? `${PASSAGES_DIR}/${passage?.data.document ?? '?'}/${passage?.id ?? '?'}.md`;
}
