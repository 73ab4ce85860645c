import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/*
 * What the site checks share: the built site on disk, read without a browser or a server. The
 * checks run against dist/ by default, or against another build (KIROV_DIST) made with another base
 * path (KIROV_BASE), as CI does for the sub-path build.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The build under test (KIROV_DIST, default dist/). */
export const distDir = resolve(root, process.env.KIROV_DIST ?? 'dist');
/** The base path the site was built with (KIROV_BASE), as "/" or "/sub/path/". */
export const base = `/${(process.env.KIROV_BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
/** The site's own origin and base as its pages name it (KIROV_SITE), e.g. http://localhost:4321/. */
export const siteUrl = new URL(base, process.env.KIROV_SITE ?? 'http://localhost:4321').href;

if (!existsSync(join(distDir, 'index.html'))) {
  throw new Error(
    `${relative(root, distDir) || distDir}/index.html not found: the site checks read a built site; run \`npm run build\` first (or set KIROV_DIST to a build folder)`,
  );
}

/** Every file of the build, as paths relative to it with forward slashes, sorted. */
export const distFiles: string[] = readdirSync(distDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(distDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
  .sort();

/** Every HTML page of the build, e.g. `index.html`, `p/some-id/index.html`. */
export const htmlPages: string[] = distFiles.filter((file) => file.endsWith('.html'));

const trees = new Map<string, Root>();
/** A page parsed into hast, parsed once per test file. */
export function pageTree(page: string): Root {
  let tree = trees.get(page);
  if (!tree) {
    tree = fromHtml(readFileSync(join(distDir, page), 'utf8'));
    trees.set(page, tree);
  }
  return tree;
}

/** The elements of a tree in document order. */
export function elementsOf(node: Root | Element, into: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type === 'element') {
      into.push(child);
      elementsOf(child, into);
    }
  }
  // A <template>'s content is a separate fragment in hast.
  if (node.type === 'element' && node.content) elementsOf(node.content, into);
  return into;
}

/** An attribute's value as written, or undefined when the element does not carry it. */
export function attribute(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.join(name === 'className' ? ' ' : ',') : String(value);
}

/** The ids a page defines (its #anchors). */
export function idsOf(page: string): Set<string> {
  const ids = new Set<string>();
  for (const element of elementsOf(pageTree(page))) {
    const id = attribute(element, 'id');
    if (id) ids.add(id);
  }
  return ids;
}

/** The page's site path ("/", "/obituary/") from its file (`obituary/index.html`), under the base. */
export const pathOfPage = (page: string): string => `${base}${page.replace(/(^|\/)index\.html$/, '$1')}`;
