import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';

/**
 * Writes a Workbox service worker that precaches every page, stylesheet, script, data export and the
 * Pagefind index, so that after one visit the whole edition (search included) works offline. It runs
 * after the Pagefind integration in astro:build:done, so the index is there to be precached. Each file's
 * revision is a hash of its content, so a changed file is fetched anew, and outdated caches are removed:
 * nobody is stuck on an old edition.
 */
export function serviceWorker(): AstroIntegration {
  let base = '/';
  return {
    name: 'kirov-service-worker',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { count, size, warnings } = await generateSW({
          swDest: fileURLToPath(new URL('sw.js', dir)),
          globDirectory: fileURLToPath(dir),
          globPatterns: ['**/*.{html,css,js,json,svg,webmanifest}', 'pagefind/**/*'],
          // Pagefind's own UI bundles are not used: the edition has its own search interface.
          globIgnores: ['sw.js', 'pagefind/pagefind-*ui.*', 'pagefind/pagefind-highlight.js'],
          modifyURLPrefix: { '': base },
          directoryIndex: 'index.html',
          // ts: Pagefind's cache tag; hl: the searched words a result link carries; handout: the chosen ¶s.
          ignoreURLParametersMatching: [/^ts$/, /^hl$/, /^handout$/],
          // The runtime goes inside sw.js: no script is fetched from anywhere but the site itself.
          inlineWorkboxRuntime: true,
          mode: 'production',
          sourcemap: false,
          cacheId: 'kirov-reader',
          cleanupOutdatedCaches: true,
          clientsClaim: true,
          skipWaiting: true,
          maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(`service worker precaches ${count} files (${(size / 1024).toFixed(0)} KB)`);
      },
    },
  };
}
