import { relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { MarginalNotes } from '../lib/annotations/load-marginal-notes.ts';
import { ANNOTATIONS_DIR, ID_LOCK_FILE, PASSAGES_DIR, TIMELINE_DIR } from '../lib/content-paths.ts';
import { siteIntegration } from './site-config.ts';

/** What the notes' markup in a passage is made from, relative to the project root. */
const NOTES_READ_FROM = [ANNOTATIONS_DIR, TIMELINE_DIR, PASSAGES_DIR];

/**
 * In the dev server, a change to a note, a timeline event, a passage or the id lock reads the notes
 * again (they are read when astro.config.ts loads, before any page renders) and renders the passages
 * again, so that the page shows the edit without a restart. A note that no longer fits is reported
 * with its file and line, and the page keeps the notes as they were until it is fixed.
 */
export function devContentRefresh(notes: MarginalNotes): AstroIntegration {
  return siteIntegration('kirov-dev-content', (site) => ({
    'astro:server:setup': ({ server, logger, refreshContent }) => {
      server.watcher.on('all', (_event, file) => {
        const where = relative(site.root, file);
        if (where !== ID_LOCK_FILE && !NOTES_READ_FROM.some((dir) => where.startsWith(`${dir}${sep}`)))
          return;
        try {
          notes.reload();
        } catch (error) {
          logger.error(error instanceof Error ? error.message : String(error));
          return;
        }
        // Every collection: the notes are part of Astro's config digest, and a new digest empties the store.
        refreshContent?.({}).catch((error: unknown) =>
          logger.error(error instanceof Error ? error.message : String(error)),
        );
      });
    },
  }));
}
