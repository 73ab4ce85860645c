import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { attribute, elementsOf } from '../../../scripts/lib/hast-elements.ts';
import { listFiles } from '../../../scripts/lib/list-files.ts';
import { INCOMPLETE_FILE } from '../../../src/integrations/build-step.ts';
import { base, distDir } from '../../support/build-under-test.ts';

/*
 * What the site checks share: the built site on disk, read without a browser or a server (see
 * tests/support/build-under-test.ts for which build and base path).
 */

export { attribute, base, distDir, elementsOf };

// A build whose astro:build:done steps failed part-way is not the site, whatever else it holds.
const incomplete = join(distDir, INCOMPLETE_FILE);
if (existsSync(incomplete)) {
  throw new Error(
    `${relative(process.cwd(), incomplete)}: the build is incomplete, and must not be deployed:\n${readFileSync(incomplete, 'utf8')}`,
  );
}

/** The site's own origin and base as its pages name it (KIROV_SITE), e.g. http://localhost:4321/. */
export const siteUrl = new URL(base, process.env.KIROV_SITE ?? 'http://localhost:4321').href;

if (!existsSync(join(distDir, 'index.html'))) {
  throw new Error(
    `${relative(process.cwd(), distDir) || distDir}/index.html not found: the site checks read a built site; run \`npm run build\` first (or set KIROV_DIST to a build folder)`,
  );
}

/** Every file of the build, as paths relative to it with forward slashes, sorted. */
export const distFiles: string[] = listFiles(distDir);

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
