import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import { uneval } from 'devalue';
import type { Plugin as VitePlugin } from 'vite';
import { COLLECTIONS_VERSION } from '../collections/loaders.ts';
import { rehypeAnchorNotes } from '../lib/annotations/rehype-anchor-notes.ts';
import { slashed } from '../lib/base-path.ts';
import { buildEditionModel, type EditionModel } from '../lib/edition-model/edition-model.ts';
import { type ContentReader, contentReader, readEditionContent } from '../lib/edition-model/read-content.ts';
import { markdownOptions, remarkRehypeOptions } from '../lib/markdown/pipeline.ts';
import { runBuildSteps } from './build-step.ts';
import { narrowPolicies } from './csp.ts';
import { searchIndexInput, serveDevSearchIndex, writeSearchIndex } from './pagefind.ts';
import { writeOfflineWorker } from './service-worker.ts';
import { siteAddressWarning } from './site-address.ts';

/*
 * The site's one integration: it reads the edition's content once (src/lib/edition-model/), hands the
 * model to everything that renders or publishes it, and finishes the build in one ordered list of steps.
 *
 *   astro:config:setup   read every content file once and assemble the edition model; give Astro's
 *                        Markdown processor the plugin that anchors each passage's notes; serve the
 *                        model to the content collections and the JSON exports as the virtual module
 *                        `virtual:kirov-reader/edition`; watch every file read, so that the dev
 *                        server starts again (and reads them again) when one changes
 *   astro:build:done     narrow each page's policy → write the search index from the model → plan and
 *                        write the offline worker (which keeps the narrowed pages and the index)
 *   astro:server:setup   answer the dev server's search from an index built from the model in memory;
 *                        after a restart, have the content layer load the collections again
 */

/** The virtual module the model travels in (src/virtual-modules.d.ts declares it). */
export const EDITION_MODULE = 'virtual:kirov-reader/edition';

export interface KirovReaderOptions {
  /** Reads the content files under the project folder. Default: from the disk (contentReader). */
  reader?: (root: string) => ContentReader;
  /** Hears each build step's label and time (the benchmark's timed build, scripts/bench/astro-timed.config.ts). */
  timed?: (step: string, ms: number) => void;
}

/**
 * The edition model as a module: the model itself (devalue keeps its shared objects and maps), what a
 * passage's markup depends on beyond its text, and the timeline's address, which notes link to.
 */
function editionModule(model: EditionModel, markupVersion: string, timelineHref: string): VitePlugin {
  const resolved = `\0${EDITION_MODULE}`;
  let code: string | undefined;
  return {
    name: 'kirov-reader-edition',
    resolveId: (source) => (source === EDITION_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      code ??= [
        `export const passageMarkupVersion = ${JSON.stringify(markupVersion)};`,
        `export const timelineHref = ${JSON.stringify(timelineHref)};`,
        `export default ${uneval(model)};`,
        '',
      ].join('\n');
      return code;
    },
  };
}

export function kirovReader(options: KirovReaderOptions = {}): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  let model: EditionModel | undefined;
  /** The content files as read (the witness aside), where the policy step looks for a page's code. */
  let contentTexts: { path: string; text: string }[] = [];
  const edition = (): EditionModel => {
    if (!model) throw new Error('kirov-reader: the edition was not read (astro:config:setup did not run)');
    return model;
  };
  const sitePath = (path: string) => `${base}${path.replace(/^\//, '')}`;
  return {
    name: 'kirov-reader',
    hooks: {
      'astro:config:setup': ({ config, command, logger, addWatchFile, updateConfig }) => {
        const warning = siteAddressWarning(command, process.env.KIROV_SITE);
        if (warning) logger.warn(warning);
        root = fileURLToPath(config.root);
        base = slashed(config.base);
        const reader = (options.reader ?? contentReader)(root);
        const content = readEditionContent(reader);
        const again = [...reader.reads].filter(([, count]) => count > 1).map(([file]) => file);
        if (again.length > 0)
          throw new Error(`kirov-reader: Unexpected content read more than once: ${again.join(', ')}`);
        model = buildEditionModel(content, sitePath);
        contentTexts = [...content.texts]
          .filter(([file]) => file !== content.witness.file)
          .map(([path, text]) => ({ path, text }));
        logger.info(`read ${reader.reads.size} content files, each once`);
        // A change to any file read restarts the dev server, which reads the content again; a file that
        // no longer fits is reported at its line, and the server keeps the edition as it was.
        for (const file of content.files) addWatchFile(join(root, file));
        // Files added to or removed from content/ do the same (astro:server:setup).
        addWatchFile(join(root, 'content'));
        updateConfig({
          markdown: {
            // Sätteri (Astro 7's default) runs no remark/rehype plugins, and the edition's own plugins
            // will. The options are the edition's Markdown (src/lib/markdown/pipeline.ts), which the
            // notes, the exports and the search index parse with too.
            processor: unified({
              ...markdownOptions,
              remarkRehype: remarkRehypeOptions,
              // Each passage brings its own notes to anchor, in its frontmatter (src/collections/loaders.ts).
              rehypePlugins: [rehypeAnchorNotes],
            }),
          },
          vite: { plugins: [editionModule(model, content.markupVersion, sitePath('/timeline/'))] },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        await runBuildSteps(
          outDir,
          [
            {
              label: 'kirov-csp',
              name: 'Content-Security-Policy',
              run: () => narrowPolicies(outDir, () => contentTexts, logger.fork('kirov-csp')),
            },
            {
              label: 'kirov-pagefind',
              name: 'search index',
              run: () =>
                writeSearchIndex(
                  searchIndexInput(edition(), sitePath('/about/')),
                  join(outDir, 'pagefind', sep),
                  logger.fork('kirov-pagefind'),
                ),
            },
            {
              label: 'kirov-service-worker',
              name: 'offline worker',
              run: () => writeOfflineWorker(outDir, base, logger.fork('kirov-service-worker')),
            },
          ],
          options.timed,
        );
      },
      'astro:server:setup': ({ server, logger, refreshContent }) => {
        // Astro keeps its content layer from the dev server's first start: started again after a content
        // change, the server has it load the collections again from the edition just read, once Astro has
        // loaded src/content.config.ts again (a refresh before that loads the edition as it was).
        const current = edition().version;
        const synced = () => Reflect.get(globalThis, COLLECTIONS_VERSION) === current;
        void (async () => {
          for (let tries = 0; tries < 50 && !synced(); tries++) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            if (!synced()) await refreshContent?.({});
          }
          if (!synced())
            logger.warn('the collections still hold the edition as it was; restart `npm run dev`');
        })().catch((error: unknown) => logger.error(error instanceof Error ? error.message : String(error)));
        serveDevSearchIndex(
          server,
          `${base}pagefind/`,
          () => searchIndexInput(edition(), sitePath('/about/')),
          logger.fork('kirov-pagefind'),
        );
        // addWatchFile knows the files that were there when the content was read: a file added or removed
        // restarts the server as a change does, through the content folder's own watch entry.
        const contentDir = join(root, 'content');
        const restart = (file: string) => {
          if (!relative(contentDir, file).startsWith('..')) server.watcher.emit('change', contentDir);
        };
        server.watcher.on('add', restart);
        server.watcher.on('unlink', restart);
      },
    },
  };
}
