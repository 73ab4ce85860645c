import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inlineHashes, policyOf } from '../../src/integrations/csp.ts';
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
  test.each(htmlPages)('%s allows only its own origin and its own inline code', (page) => {
    const policy = policyFor(page);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    const own = inlineHashes(readFileSync(join(distDir, page), 'utf8'));
    // Pagefind compiles its WebAssembly, which needs 'wasm-unsafe-eval'; JavaScript eval stays off.
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", ...own.script]);
    expect(policy.get('style-src')).toEqual(["'self'", ...own.style]);
    const everySource = [...policy.values()].flat();
    expect(
      everySource.filter((source) => /^'(unsafe-inline|unsafe-eval|unsafe-hashes)'$|\*|https?:/.test(source)),
    ).toEqual([]);
  });
});
