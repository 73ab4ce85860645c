import { type CollectionEntry, getCollection, getEntry } from 'astro:content';
import {
  assembleEdition,
  type ReaderDocument as ModelDocument,
  type ReaderEdition as ModelEdition,
  type ReaderSection as ModelSection,
} from '../lib/edition-model/assemble-edition.ts';

/*
 * The edition as the pages read it, from the content collections of src/content.config.ts. The
 * assembly and its cross-file checks are pure (src/lib/edition-model/assemble-edition.ts); this module
 * needs Astro's runtime, as does everything in src/collections/.
 */

export type PassageEntry = CollectionEntry<'passages'>;
export type ReaderSection = ModelSection<PassageEntry>;
export type ReaderDocument = ModelDocument<PassageEntry>;
export type ReaderEdition = ModelEdition<PassageEntry>;
export { EditionContentError } from '../lib/content-error.ts';

import { slashed } from '../lib/base-path.ts';

export { navigationOrder, passageHref } from '../lib/edition-model/assemble-edition.ts';

/** The site-absolute link to a path of the site, such as "/obituary/", under the configured base. */
export function sitePath(path: string): string {
  return `${slashed(import.meta.env.BASE_URL)}${path.replace(/^\//, '')}`;
}

let cached: Promise<ReaderEdition> | undefined;

/** Loads and cross-checks the edition once per build. */
export function loadEdition(): Promise<ReaderEdition> {
  cached ??= Promise.all([
    getEntry('edition', 'edition'),
    getCollection('documents'),
    getCollection('passages'),
    getEntry('ledger', 'ledger'),
    getEntry('idLock', 'lock'),
  ]).then(([edition, documents, passages, ledger, idLock]) =>
    assembleEdition({
      edition: edition?.data,
      documents,
      passages,
      ledger: ledger?.data,
      idLock: idLock?.data,
      sitePath,
    }),
  );
  return cached;
}
