import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileFor } from '../../scripts/lib/page-weight.ts';
import {
  attribute,
  base,
  distDir,
  distFiles,
  elementsOf,
  htmlPages,
  idsOf,
  pageTree,
  pathOfPage,
  siteUrl,
} from './support/built.ts';

/*
 * Every link and every resource a page names is checked without a browser: an internal link must
 * land on a file of the build and, when it has one, on an id of that page; a resource (script,
 * stylesheet, icon, image, manifest) must come from the site's own origin, because no request may
 * leave it. Links to a note's sources are the only other-origin URLs, and a reader follows them on
 * purpose. The browser tests watch the requests a page really makes.
 */

/** Where the build is served in these checks; only its origin matters, so it can never be real. */
const HERE = 'https://site.invalid';
const site = new URL(siteUrl);
const files = new Set(distFiles);

interface Reference {
  page: string;
  /** e.g. `<a href>`, `<script src>` */
  where: string;
  url: string;
  /** Whether the browser fetches it on its own (a resource) or only when a reader follows it. */
  fetched: boolean;
}

const RESOURCE_LINKS = new Set([
  'stylesheet',
  'icon',
  'manifest',
  'preload',
  'modulepreload',
  'apple-touch-icon',
]);
const FETCHING: Record<string, string[]> = {
  script: ['src'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  embed: ['src'],
  object: ['data'],
  track: ['src'],
};

function referencesOf(page: string): Reference[] {
  const references: Reference[] = [];
  for (const element of elementsOf(pageTree(page))) {
    const { tagName } = element;
    const href = attribute(element, 'href');
    if ((tagName === 'a' || tagName === 'area') && href !== undefined) {
      references.push({ page, where: `<${tagName} href>`, url: href, fetched: false });
    }
    if (tagName === 'link' && href !== undefined) {
      const rel = attribute(element, 'rel') ?? '';
      const fetched = rel.split(/[\s,]+/).some((word) => RESOURCE_LINKS.has(word));
      references.push({ page, where: `<link rel="${rel}">`, url: href, fetched });
    }
    if (tagName === 'form') {
      references.push({
        page,
        where: '<form action>',
        url: attribute(element, 'action') ?? '',
        fetched: false,
      });
    }
    for (const name of FETCHING[tagName] ?? []) {
      const value = attribute(element, name);
      if (value === undefined) continue;
      const urls =
        name === 'srcSet'
          ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
          : [value];
      for (const url of urls) references.push({ page, where: `<${tagName} ${name}>`, url, fetched: true });
    }
  }
  return references;
}

/** The URL as the browser resolves it from the page, with the site's own origin replaced by HERE. */
function resolveFrom(page: string, url: string): URL {
  const resolved = new URL(url, `${HERE}${pathOfPage(page)}`);
  return resolved.origin === site.origin
    ? new URL(`${resolved.pathname}${resolved.search}${resolved.hash}`, HERE)
    : resolved;
}

/** The build's file a site path is served from, or undefined (e.g. `/obituary/` → `obituary/index.html`). */
function fileOf(pathname: string): string | undefined {
  const file = fileFor(distDir, base, '', pathname);
  const inBuild = file && relative(distDir, file).split(sep).join('/');
  return inBuild && files.has(inBuild) ? inBuild : undefined;
}

/** What is wrong with one reference, or null. */
function problemOf(reference: Reference): string | null {
  const { url } = reference;
  if (/^(data|mailto|tel):/i.test(url)) return null;
  const resolved = resolveFrom(reference.page, url);
  if (resolved.origin !== HERE) {
    if (reference.fetched) return `loads ${url} from another origin; serve it from the site itself`;
    if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:')
      return `has an unexpected scheme in ${url}`;
    return null;
  }
  const file = fileOf(resolved.pathname);
  if (!file) return `${url} names ${resolved.pathname}, which the build does not contain`;
  // A text fragment (#:~:text=…) is the browser's; an empty fragment is the top of the page.
  const fragment = decodeURIComponent(resolved.hash.slice(1).split(':~:')[0] ?? '');
  if (fragment !== '' && file.endsWith('.html') && !idsOf(file).has(fragment)) {
    return `${url} points to #${fragment}, which ${file} does not define`;
  }
  return null;
}

const references = htmlPages.flatMap(referencesOf);

describe('links and anchors', () => {
  test('the checks see the links a reader follows', () => {
    const reader = references.filter((reference) => reference.page === 'index.html');
    // Each of the essay's 60 paragraphs links to itself (¶ n), and each note links back to its place.
    expect(reader.filter((reference) => reference.url.startsWith('#')).length).toBeGreaterThanOrEqual(120);
    expect(reader.some((reference) => reference.url.startsWith(`${base}timeline/#`))).toBe(true);
  });

  test.each(htmlPages)('every link and resource of %s resolves', (page) => {
    const problems = references
      .filter((reference) => reference.page === page)
      .map((reference) => {
        const problem = problemOf(reference);
        return problem && `${page}: ${reference.where} ${problem}`;
      })
      .filter((problem) => problem !== null);
    expect(problems).toEqual([]);
  });
});

describe('no request leaves the site', () => {
  test('every page loads its scripts, styles and icons from the site itself', () => {
    const foreign = references.filter(
      (reference) =>
        reference.fetched &&
        !/^data:/i.test(reference.url) &&
        resolveFrom(reference.page, reference.url).origin !== HERE,
    );
    expect(foreign.map((reference) => `${reference.page}: ${reference.where} ${reference.url}`)).toEqual([]);
  });

  test('stylesheets import nothing and load no font or image from another origin', () => {
    const foreign = distFiles
      .filter((file) => file.endsWith('.css'))
      .flatMap((file) => {
        const css = readFileSync(join(distDir, file), 'utf8');
        const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/g)].map(
          (match) => match[1] ?? match[2] ?? '',
        );
        return urls.filter((url) => /^(https?:)?\/\//i.test(url)).map((url) => `${file}: ${url}`);
      });
    expect(foreign).toEqual([]);
  });

  test('the web app manifest keeps its start, scope and icons on the site', () => {
    const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.webmanifest'), 'utf8')) as {
      start_url: string;
      scope: string;
      icons: { src: string }[];
    };
    expect(manifest.start_url).toBe(base);
    expect(manifest.scope).toBe(base);
    for (const icon of manifest.icons) {
      expect(icon.src.startsWith(base), `icon ${icon.src} is under ${base}`).toBe(true);
      expect(fileOf(icon.src), `icon ${icon.src} is in the build`).toBeDefined();
    }
  });
});
