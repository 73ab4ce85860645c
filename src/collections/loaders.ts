import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { ReadingPassage } from '../lib/edition-model/assemble-edition.ts';
import type { PassageSource } from '../lib/edition-model/read-content.ts';

/**
 * The passages' loader, fed from the edition model (which read their files): each passage rendered
 * through Astro's Markdown processor. Each entry's digest covers its text and what its notes are made of
 * (`markupVersion`), so a passage is rendered again when either changes and kept otherwise.
 */
export function passageEntries(
  passages: readonly Pick<ReadingPassage<PassageSource>, 'entry'>[],
  markupVersion: string,
): Loader {
  return {
    name: 'kirov-passages',
    load: async ({ config, store, parseData, generateDigest, renderMarkdown }) => {
      const root = fileURLToPath(config.root);
      const kept = new Map<string, Parameters<typeof store.set>[0]>();
      for (const { entry } of passages) {
        const { id, filePath, data, body } = entry;
        const digest = generateDigest(`${markupVersion}\n${JSON.stringify(data)}\n${body}`);
        const stored = store.get(id);
        if (stored?.digest === digest && stored.filePath === filePath) {
          kept.set(id, stored);
          continue;
        }
        const path = join(root, filePath);
        // The rehype plugin finds the passage by the `id` of its frontmatter (rehype-anchor-notes.ts);
        // the frontmatter is given as JSON, which is YAML, from the data the model read.
        const rendered = await renderMarkdown(`---\n${JSON.stringify(data)}\n---\n${body}\n`, {
          fileURL: pathToFileURL(path),
        });
        const parsed = await parseData({ id, data, filePath: path });
        kept.set(id, { id, data: parsed, body, filePath, digest, rendered });
      }
      store.clear();
      for (const entry of kept.values()) store.set(entry);
    },
  };
}
