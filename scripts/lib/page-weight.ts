/**
 * What a page costs a reader, measured from a built dist/: the bytes needed before it can be read
 * against the words it gives them. The benchmark prints these figures and the site checks hold them
 * to budgets; both call this module so that the two can never measure different things.
 *
 *   critical     the HTML, the stylesheets that may block rendering (any linked stylesheet but a
 *                print-only one) and the scripts that block parsing (classic scripts without
 *                defer or async). This is what a phone on a slow network must fetch before the text shows.
 *   blocking JS  the scripts among those: JavaScript needed to read. Our budget is none.
 *   enhancements the deferred module scripts and everything they import statically: what loads after
 *                the page is readable. Files they import on demand (dynamic import, stylesheets they
 *                add) are counted apart, as on-demand, because a reader who never opens search or the
 *                paragraph tools never fetches them.
 *   text         the page's own visible text: the essay, its notes, the timeline rail and the
 *                navigation, without scripts, styles, templates and anything `hidden`.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { attribute, elementsOf } from './hast-elements.ts';

export interface Bytes {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  /** The page's path in dist/, e.g. `index.html`. */
  page: string;
  html: Bytes;
  /** Render-blocking stylesheets, each fetched file counted once. */
  css: Bytes;
  /** Parser-blocking scripts, inline or fetched. */
  blockingJs: Bytes;
  /** HTML + blocking CSS + blocking JS. Gzip is summed file by file, as each is sent on its own. */
  critical: Bytes;
  /** Deferred module scripts and their static imports. */
  enhancementJs: Bytes;
  /** Scripts and stylesheets the enhancements fetch only when a reader uses them. */
  onDemand: Bytes;
  /** By each dynamic import of the enhancements: what it fetches when it runs (static imports, stylesheets). */
  onDemandByStart: { start: string; bytes: Bytes }[];
  /** The visible text, whitespace collapsed. */
  text: Bytes;
  /** critical.gzip / text.gzip: our budget is 1.5. */
  ratio: number;
}

const bytesOf = (content: string | Buffer): Bytes => {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  return { raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
};
const sum = (parts: Bytes[]): Bytes => ({
  raw: parts.reduce((total, part) => total + part.raw, 0),
  gzip: parts.reduce((total, part) => total + part.gzip, 0),
});

/** Elements whose content a reader never sees as text. */
const UNSEEN = new Set(['script', 'style', 'template', 'noscript', 'head']);
/** Script types the browser runs; JSON data blocks are read by scripts, not run. */
const RUNNABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** The text a sighted reader sees, whitespace collapsed; `hidden` subtrees are left out. */
export function visibleText(html: string): string {
  const parts: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'text') parts.push(node.value);
    if (node.type === 'element' && (UNSEEN.has(node.tagName) || attribute(node, 'hidden') !== undefined))
      return;
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(fromHtml(html));
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Whether a stylesheet may block the first paint: any but a print-only one (counted on the safe side). */
const blocksRendering = (media: string | undefined): boolean => !/^\s*print\s*$/i.test(media ?? '');

/**
 * The files a built script imports: static imports (`import{…}from"./x.js"`) and, apart, what it
 * loads on demand: dynamic imports with a fixed path, and the `_astro/` scripts and stylesheets it
 * names (Vite's preload list of a lazy chunk, a stylesheet URL imported with `?url`). A dynamic
 * import whose path is computed at run time (Pagefind's, under the page's own base) is not followed.
 */
export function importsOf(source: string): { static: string[]; dynamic: string[] } {
  const found = (pattern: RegExp) => [...source.matchAll(pattern)].map((match) => match[1] ?? '');
  const staticImports = found(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g);
  const dynamic = [
    ...found(/\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g),
    ...found(/["'`]((?:\.{0,2}\/)?(?:[\w.-]+\/)*_astro\/[\w.-]+\.(?:js|css))["'`]/g),
  ];
  return { static: staticImports, dynamic: [...new Set(dynamic)] };
}

/**
 * Resolves a URL from a page or script to a file in dist/. `base` is the site's base path
 * ('/' or '/kirov-reader/'); only same-site URLs resolve, anything else returns undefined.
 */
export function fileFor(distDir: string, base: string, from: string, url: string): string | undefined {
  const resolved = new URL(url, `https://site.invalid/${from}`);
  if (resolved.origin !== 'https://site.invalid') return undefined;
  const path = decodeURIComponent(resolved.pathname);
  if (!path.startsWith(base)) return undefined;
  const inSite = path.slice(base.length);
  return join(distDir, inSite.endsWith('/') || inSite === '' ? `${inSite}index.html` : inSite);
}

/** Resolves a path named in the built script `file`: `./x.js` beside it, `/base/_astro/x.css`, `_astro/x.js` under the base. */
function resolveFromScript(distDir: string, base: string, file: string, url: string): string | undefined {
  if (url.startsWith('.')) return join(file, '..', url);
  if (url.startsWith('/')) return fileFor(distDir, base, '', url);
  return join(distDir, url);
}

/** Every file reachable from `starts` along `next`, the starts included. */
function reachable(starts: string[], next: (file: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...next(file));
  }
  return seen;
}

/** Measures one built page. `page` is its path under dist/ (e.g. `index.html`). */
export function pageWeight(distDir: string, page: string, base = '/'): PageWeight {
  const html = readFileSync(join(distDir, page), 'utf8');
  const fromPage = `${base.replace(/^\//, '')}${page}`;
  const tree = fromHtml(html);
  const all = elementsOf(tree);
  const read = (file: string) => readFileSync(file);

  const css: Bytes[] = [];
  const blockingJs: Bytes[] = [];
  const moduleScripts: string[] = [];
  for (const element of all) {
    const href = attribute(element, 'href');
    if (element.tagName === 'link' && attribute(element, 'rel') === 'stylesheet' && href) {
      const file = fileFor(distDir, base, fromPage, href);
      if (file && blocksRendering(attribute(element, 'media'))) css.push(bytesOf(read(file)));
    }
    if (element.tagName !== 'script') continue;
    const type = (attribute(element, 'type') ?? '').toLowerCase();
    if (!RUNNABLE.has(type)) continue;
    const src = attribute(element, 'src');
    const deferred =
      type === 'module' ||
      attribute(element, 'defer') !== undefined ||
      attribute(element, 'async') !== undefined;
    if (src) {
      const file = fileFor(distDir, base, fromPage, src);
      if (!file) continue;
      if (deferred) moduleScripts.push(file);
      else blockingJs.push(bytesOf(read(file)));
    } else if (!deferred) {
      blockingJs.push(
        bytesOf(element.children.map((child) => ('value' in child ? child.value : '')).join('')),
      );
    }
  }

  // Static imports load with the enhancements; dynamic ones, and all that they import, on demand.
  const importsOfFile = (file: string) => {
    const found = file.endsWith('.js') ? importsOf(read(file).toString('utf8')) : { static: [], dynamic: [] };
    const resolve = (urls: string[]) =>
      urls.map((url) => resolveFromScript(distDir, base, file, url)).filter((target) => target !== undefined);
    return { static: resolve(found.static), dynamic: resolve(found.dynamic) };
  };
  const enhancement = reachable(moduleScripts, (file) => importsOfFile(file).static);
  const lazyStarts = [...enhancement].flatMap((file) => importsOfFile(file).dynamic);
  const lazy = reachable(lazyStarts, (file) => {
    const found = importsOfFile(file);
    return [...found.static, ...found.dynamic];
  });
  for (const file of enhancement) lazy.delete(file);
  // What one dynamic import fetches when it runs: its file and what it imports statically, with
  // the stylesheets they name.
  const reachedFrom = (start: string) =>
    [
      ...reachable([start], (file) =>
        importsOfFile(file).static.concat(importsOfFile(file).dynamic.filter((url) => url.endsWith('.css'))),
      ),
    ].filter((file) => !enhancement.has(file));

  const htmlBytes = bytesOf(html);
  const cssBytes = sum(css);
  const blockingBytes = sum(blockingJs);
  const critical = sum([htmlBytes, cssBytes, blockingBytes]);
  const text = bytesOf(visibleText(html));
  return {
    page,
    html: htmlBytes,
    css: cssBytes,
    blockingJs: blockingBytes,
    critical,
    enhancementJs: sum([...enhancement].map((file) => bytesOf(read(file)))),
    onDemand: sum([...lazy].map((file) => bytesOf(read(file)))),
    onDemandByStart: [...new Set(lazyStarts)].map((start) => ({
      start: relative(distDir, start),
      bytes: sum(reachedFrom(start).map((file) => bytesOf(read(file)))),
    })),
    text,
    ratio: critical.gzip / text.gzip,
  };
}
