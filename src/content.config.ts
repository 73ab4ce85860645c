import { defineCollection } from 'astro:content';
import model, { passageMarkupVersion } from 'virtual:kirov-reader/edition';
import { passageEntries } from './collections/loaders.ts';
import { passageSchema } from './lib/schema/passage.ts';

/*
 * The edition is read and checked once, by the site's integration (src/integrations/kirov-reader.ts),
 * and reaches the pages as a model (src/collections/). The one collection is the passages, for what
 * only Astro's content layer does: render each through Astro's Markdown processor, with the notes
 * anchored, and keep the result between builds until the passage or its notes change.
 */

/** The passages, rendered; the entry id is the passage's stable id, not its file name. */
const passages = defineCollection({
  loader: passageEntries(model.edition.passages, passageMarkupVersion),
  schema: passageSchema,
});

export const collections = { passages };
