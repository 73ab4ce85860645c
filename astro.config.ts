import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { cspPerPage } from './src/integrations/csp.ts';
import { devContentRefresh } from './src/integrations/dev-content.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { DEFAULT_SITE, siteAddressWarning } from './src/integrations/site-address.ts';
import { marginalNotes } from './src/lib/annotations/load-marginal-notes.ts';
import { rehypeAnchorNotes } from './src/lib/annotations/rehype-anchor-notes.ts';
import { slashed } from './src/lib/base-path.ts';
import { markdownOptions, remarkRehypeOptions } from './src/lib/markdown/pipeline.ts';

// KIROV_BASE lets the same build serve from a sub-path (e.g. a project page at /kirov-reader/).
const base = process.env.KIROV_BASE ?? '/';
const root = new URL('./', import.meta.url);
// The marginal notes are read and checked here, before any page renders, so that a quote that no
// longer matches stops the build at its file and line (see src/lib/annotations/load-marginal-notes.ts).
const notes = marginalNotes(root, `${slashed(base)}timeline/`);

export default defineConfig({
  output: 'static',
  base,
  // What is written into the files (canonical links); the pages find their own address at run time.
  site: process.env.KIROV_SITE ?? DEFAULT_SITE,
  // Document paths end in a slash ("/obituary/"); directory output writes them as folder/index.html.
  trailingSlash: 'always',
  // KIROV_CACHE_DIR keeps two builds running at once (e.g. a benchmark beside a test run) from sharing a cache.
  ...(process.env.KIROV_CACHE_DIR ? { cacheDir: process.env.KIROV_CACHE_DIR } : {}),
  build: { format: 'directory' },
  // Every page carries a Content Security Policy (a <meta> element, since a static host may not let
  // us set headers): nothing but the site's own origin, and no inline script or style that Astro has
  // not hashed. Pagefind compiles its WebAssembly search engine, which needs 'wasm-unsafe-eval'.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  vite: {
    build: {
      // Scripts are enhancements, never needed to read: keep them out of the HTML, in files the
      // browser caches, so that the reading page carries its text and its styles only.
      assetsInlineLimit: (file: string) => (file.endsWith('.js') ? false : undefined),
    },
  },
  // Order matters: the service worker precaches the pages as narrowed by cspPerPage and the search
  // index that Pagefind has just written.
  integrations: [
    siteAddressWarning(),
    devContentRefresh(notes),
    cspPerPage(),
    pagefindIndex(),
    serviceWorker(),
  ],
  // Two passage files with one id would leave one paragraph without its anchor, and two
  // documents with one path one without its page: both stop the build instead of warning.
  prerenderConflictBehavior: 'error',
  markdown: {
    // Sätteri (Astro 7's default) runs no remark/rehype plugins, and the edition's own plugins will.
    // The options are the edition's Markdown (src/lib/markdown/pipeline.ts), which the notes, the
    // exports and the search index parse with too.
    processor: unified({
      ...markdownOptions,
      remarkRehype: remarkRehypeOptions,
      rehypePlugins: [[rehypeAnchorNotes, notes.options]],
    }),
    // The passages contain no code; skipping Shiki keeps the build fast.
    syntaxHighlight: false,
  },
});
