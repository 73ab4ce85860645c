import { defineCollection } from 'astro:content';
import model, { passageMarkupVersion, timelineHref } from 'virtual:kirov-reader/edition';
import { collectionEntries, modelEntries, passageEntries } from './collections/loaders.ts';
import { collectionSchemas as schemas } from './collections/schemas.ts';
import { anchorNotesOptions } from './lib/edition-model/edition-model.ts';

/*
 * Every content file is read and checked once, by the site's integration (src/integrations/kirov-reader.ts),
 * into the edition model (src/lib/edition-model/), which reaches this file through the virtual module
 * `virtual:kirov-reader/edition`. Each collection's loader takes its entries from the model
 * (src/collections/loaders.ts) and reads no file; each entry is checked by its collection's schema
 * (src/collections/schemas.ts): its file's, extended by what the model worked out from it once. The
 * pages read the edition through these collections (src/collections/).
 */

const entries = collectionEntries(model);

export const collections = {
  edition: defineCollection({ loader: modelEntries('edition', entries.edition), schema: schemas.edition }),
  documents: defineCollection({
    loader: modelEntries('documents', entries.documents),
    schema: schemas.documents,
  }),
  // Rendered through Astro's Markdown processor, each with its notes anchored.
  passages: defineCollection({
    loader: passageEntries(
      entries.passages,
      anchorNotesOptions(model, timelineHref),
      passageMarkupVersion,
      model.version,
    ),
    schema: schemas.passages,
  }),
  ledger: defineCollection({ loader: modelEntries('ledger', entries.ledger), schema: schemas.ledger }),
  idLock: defineCollection({ loader: modelEntries('id-lock', entries.idLock), schema: schemas.idLock }),
  index: defineCollection({ loader: modelEntries('index', entries.index), schema: schemas.index }),
  timeline: defineCollection({
    loader: modelEntries('timeline', entries.timeline),
    schema: schemas.timeline,
  }),
  annotations: defineCollection({
    loader: modelEntries('annotations', entries.annotations),
    schema: schemas.annotations,
  }),
  witness: defineCollection({ loader: modelEntries('witness', entries.witness), schema: schemas.witness }),
};
