import { defineConfig } from 'astro/config';
import { kirovReader } from './src/integrations/kirov-reader.ts';
import { DEFAULT_SITE } from './src/integrations/site-address.ts';

// KIROV_BASE lets the same build serve from a sub-path (e.g. a project page at /kirov-reader/).
const base = process.env.KIROV_BASE ?? '/';

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
  // The edition's content is read once, when the config is set up, and checked before any page renders,
  // so that a quote that no longer matches stops the build at its file and line. The integration sets
  // Markdown's processor (Astro's unified one, with the notes anchored) and runs the build's last steps
  // in their order (src/integrations/kirov-reader.ts).
  integrations: [kirovReader()],
  // Two passage files with one id would leave one paragraph without its anchor, and two
  // documents with one path one without its page: both stop the build instead of warning.
  prerenderConflictBehavior: 'error',
  markdown: {
    // The passages contain no code; skipping Shiki keeps the build fast.
    syntaxHighlight: false,
  },
});
