import { type CollectionEntry, getCollection, getEntry } from 'astro:content';
import { slashed } from '../lib/base-path.ts';
import { EditionContentError } from '../lib/content-error.ts';
import {
  type ReaderDocument as ModelDocument,
  type ReaderEdition as ModelEdition,
  type ReaderSection as ModelSection,
  passageHref,
} from '../lib/edition-model/assemble-edition.ts';

/*
 * The edition as the pages read it, from the content collections of src/content.config.ts: the
 * documents, each with its passages and sections in the order the edition model put them in and
 * checked once (src/lib/edition-model/), joined here by id. A passage's rendered HTML is its
 * collection entry's (render()).
 */

export type PassageEntry = CollectionEntry<'passages'>;
export type ReaderSection = ModelSection<PassageEntry>;
export type ReaderDocument = ModelDocument<PassageEntry>;
export type ReaderEdition = ModelEdition<PassageEntry>;
export { EditionContentError } from '../lib/content-error.ts';
export { navigationOrder, passageHref } from '../lib/edition-model/assemble-edition.ts';

/** The site-absolute link to a path of the site, such as "/obituary/", under the configured base. */
export function sitePath(path: string): string {
  return `${slashed(import.meta.env.BASE_URL)}${path.replace(/^\//, '')}`;
}

let cached: Promise<ReaderEdition> | undefined;

/** The edition, in reading order, from its collections (once per build). */
export function loadEdition(): Promise<ReaderEdition> {
  cached ??= Promise.all([
    getEntry('edition', 'edition'),
    getCollection('documents'),
    getCollection('passages'),
    getEntry('ledger', 'ledger'),
  ]).then(([edition, documentEntries, passageEntries, ledger]) => {
    if (!edition || !ledger) {
      throw new EditionContentError(
        'content/: Unexpected edition without its edition file or ledger, expected the model to hold both',
      );
    }
    const byId = new Map(passageEntries.map((entry) => [entry.id, entry]));
    const passage = (id: string): PassageEntry => {
      const entry = byId.get(id);
      if (!entry) throw new EditionContentError(`content/passages: Unexpected missing passage "${id}"`);
      return entry;
    };
    const documents = documentEntries
      .toSorted((a, b) => a.data.order - b.data.order)
      .map(({ data }): ReaderDocument => {
        const { order: _order, passages, sections, retiredBySuccessor, ...document } = data;
        return {
          ...document,
          passages: passages.map(passage),
          sections: sections.map((section) => ({ ...section, passages: section.passages.map(passage) })),
          retiredBySuccessor: new Map(Object.entries(retiredBySuccessor)),
        };
      });
    const { id: _id, version: _version, ...about } = edition.data;
    return {
      ...about,
      witness: { file: ledger.data.witness.file, sha256: ledger.data.witness.sha256 },
      documents,
      ledger: ledger.data,
      passages: documents.flatMap((document) =>
        document.passages.map((entry) => ({
          entry,
          document,
          href: passageHref(document, entry.id),
          markdown: entry.body ?? '',
          text: entry.data.text,
        })),
      ),
    };
  });
  return cached;
}

/** The edition's version, a digest of every content file: changes when any of them does. */
export async function editionVersion(): Promise<string> {
  const edition = await getEntry('edition', 'edition');
  if (!edition) throw new EditionContentError('content/: Unexpected edition without its edition file');
  return edition.data.version;
}
