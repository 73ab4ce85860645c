import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, test } from 'vitest';
import { readPassageFiles } from '../support/edition-files.ts';
import { distDir, htmlPages } from './support/built.ts';

/*
 * Every page carries a Content-Security-Policy that lets it run only the site's own files and its
 * own inline code: no 'unsafe-inline', no 'unsafe-eval', nothing from another origin. The browser
 * tests prove the pages still work under it (search, copy link, timeline, service worker). The
 * expected policy is worked out here from the parsed page itself, not with the build's own helpers.
 */

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

interface Page {
  policy: Map<string, string[]>;
  metas: number;
  /** Hashes of the inline scripts the browser runs and of the inline styles, in order, each once. */
  scripts: string[];
  styles: string[];
  search: boolean;
}

/** The text an element holds directly: a script's or a style's body. */
const textOf = (element: Element) =>
  element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');

function eachElement(node: Root | RootContent, visit: (element: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const child of node.children) eachElement(child, visit);
}

const parsed = new Map<string, Page>();

/** A built page, parsed once for all the checks below. */
function read(page: string): Page {
  let found = parsed.get(page);
  if (!found) {
    found = parse(page);
    parsed.set(page, found);
  }
  return found;
}

function parse(page: string): Page {
  const tree: Root = fromHtml(readFileSync(join(distDir, page), 'utf8'));
  const metas: string[] = [];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  let search = false;
  eachElement(tree, (element) => {
    const props = element.properties;
    if (element.tagName === 'meta' && String(props.httpEquiv).toLowerCase() === 'content-security-policy')
      metas.push(String(props.content));
    // Inline code only: a script with src is a file of the site's own, and JSON is data, not a script.
    const type = String(props.type ?? '').toLowerCase();
    if (element.tagName === 'script' && props.src === undefined && ['', 'module'].includes(type))
      scripts.add(sha256(textOf(element)));
    if (element.tagName === 'style') styles.add(sha256(textOf(element)));
    if (props.dataSiteSearch !== undefined) search = true;
  });
  const policy = new Map(
    (metas[0] ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources] as const),
  );
  return { policy, metas: metas.length, scripts: [...scripts], styles: [...styles], search };
}

describe('Content-Security-Policy', () => {
  test("allows WebAssembly only on the pages with the search: the documents and the edition's own pages", () => {
    const allowing = htmlPages.filter((page) =>
      read(page).policy.get('script-src')?.includes("'wasm-unsafe-eval'"),
    );
    expect(allowing).toEqual(htmlPages.filter((page) => !page.startsWith('p/')));
    expect(allowing).toContain('index.html');
    expect(allowing).toContain('about/index.html');
    // A present page for every passage (and one for each retired id), all without it.
    expect(htmlPages.filter((page) => page.startsWith('p/')).length).toBeGreaterThanOrEqual(
      readPassageFiles().length,
    );
    // Every page is parsed here, once, for the checks that follow.
  }, 60_000);

  test.each(htmlPages)('%s allows only its own origin and its own inline code', (file) => {
    const page = read(file);
    expect(page.metas, 'Content-Security-Policy <meta> elements').toBe(1);
    const { policy } = page;
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    // Pagefind compiles its WebAssembly, which needs 'wasm-unsafe-eval', on the pages with the search
    // only; JavaScript eval stays off everywhere.
    const wasm = page.search ? ["'wasm-unsafe-eval'"] : [];
    expect(policy.get('script-src')).toEqual(["'self'", ...wasm, ...page.scripts]);
    expect(policy.get('style-src')).toEqual(["'self'", ...page.styles]);
    const everySource = [...policy.values()].flat();
    expect(
      everySource.filter((source) => /^'(unsafe-inline|unsafe-eval|unsafe-hashes)'$|\*|https?:/.test(source)),
    ).toEqual([]);
  });
});
