import model from 'virtual:kirov-reader/edition';
import { slashed } from '../lib/base-path.ts';
import type {
  ReaderDocument as ModelDocument,
  ReaderEdition as ModelEdition,
  ReaderSection as ModelSection,
} from '../lib/edition-model/assemble-edition.ts';
import type { PassageSource } from '../lib/edition-model/read-content.ts';

/*
 * The edition as the pages read it: the model that src/integrations/kirov-reader.ts read and assembled
 * once (src/lib/edition-model/), handed over in the virtual module `virtual:kirov-reader/edition`.
 * A passage's rendered HTML comes from the passages collection (src/content.config.ts), by its id.
 */

export type PassageEntry = PassageSource;
export type ReaderSection = ModelSection<PassageEntry>;
export type ReaderDocument = ModelDocument<PassageEntry>;
export type ReaderEdition = ModelEdition<PassageEntry>;
export { EditionContentError } from '../lib/content-error.ts';
export { navigationOrder, passageHref } from '../lib/edition-model/assemble-edition.ts';

/** The site-absolute link to a path of the site, such as "/obituary/", under the configured base. */
export function sitePath(path: string): string {
  return `${slashed(import.meta.env.BASE_URL)}${path.replace(/^\//, '')}`;
}

/** The edition, in reading order and checked across files. */
export async function loadEdition(): Promise<ReaderEdition> {
  return model.edition;
}
