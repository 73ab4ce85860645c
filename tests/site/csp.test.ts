import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hasSearch, inlineHashes, policyOf } from '../../src/integrations/csp.ts';
import { readPassageFiles } from '../support/edition-files.ts';
import { distDir, htmlPages } from './support/built.ts';

/*
 * Every page carries a Content-Security-Policy that lets it run only the site's own files and its
 * own inline code: no 'unsafe-inline', no 'unsafe-eval', nothing from another origin. The browser
 * tests prove the pages still work under it (search, copy link, timeline, service worker).
 */

function policyFor(page: string): Map<string, string[]> {
  const html = readFileSync(join(distDir, page), 'utf8');
  const metas = html.match(/<meta http-equiv="content-security-policy"/g)?.length ?? 0;
  const policy = policyOf(html);
  if (metas !== 1 || !policy)
    throw new Error(`${page}: expected one Content-Security-Policy <meta>, found ${metas}`);
  return policy;
}

describe('Content-Security-Policy', () => {
  test("allows WebAssembly only on the pages with the search: the documents and the edition's own pages", () => {
    const allowing = htmlPages.filter((page) =>
      policyFor(page).get('script-src')?.includes("'wasm-unsafe-eval'"),
    );
    expect(allowing).toEqual(htmlPages.filter((page) => !page.startsWith('p/')));
    // A present page for every passage (and one for each retired id), all without it.
    expect(htmlPages.filter((page) => page.startsWith('p/')).length).toBeGreaterThanOrEqual(
      readPassageFiles().length,
    );
  });

  test.each(htmlPages)('%s allows only its own origin and its own inline code', (page) => {
    const policy = policyFor(page);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    const html = readFileSync(join(distDir, page), 'utf8');
    const own = inlineHashes(html);
    // Pagefind compiles its WebAssembly, which needs 'wasm-unsafe-eval', on the pages with the search
    // only; JavaScript eval stays off everywhere.
    const wasm = hasSearch(html) ? ["'wasm-unsafe-eval'"] : [];
    expect(policy.get('script-src')).toEqual(["'self'", ...wasm, ...own.script]);
    expect(policy.get('style-src')).toEqual(["'self'", ...own.style]);
    const everySource = [...policy.values()].flat();
    expect(
      everySource.filter((source) => /^'(unsafe-inline|unsafe-eval|unsafe-hashes)'$|\*|https?:/.test(source)),
    ).toEqual([]);
  });
});
