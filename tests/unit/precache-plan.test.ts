import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PRECACHE_BUDGET,
  planPrecache,
  precacheBytes,
  writeServiceWorker,
} from '../../src/integrations/service-worker.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * What the offline worker keeps at install, planned from the build's files: the shell always, then the
 * reading pages, the search engine (whole), the result fragments and the present pages, as long as the
 * budget allows. The sizes below are those of the edition's build at 100× the corpus (bench build-scale):
 * a 9.6 MB essay page, 6,300 present pages of 16 KB, 15,000 search fragments.
 */

const file = (name: string, bytes: number) => ({ file: name, bytes, revision: name.length.toString(16) });
const KB = 1024;

/** The build's files: name, bytes at 1×, and whether they grow with the corpus. */
const FILES: [name: string, bytes: number, grows: boolean][] = [
  ['_astro/reader.css', 3 * KB, false],
  ['_astro/search.js', 4 * KB, false],
  ['404.html', 20 * KB, false],
  ['offline/index.html', 20 * KB, false],
  ['site-pages.json', 40, true],
  ['manifest.webmanifest', 1 * KB, false],
  ['sw.js', 40 * KB, false],
  ['index.html', 95 * KB, true],
  ['obituary/index.html', 22 * KB, true],
  ['timeline/index.html', 62 * KB, false],
  ['names/index.html', 46 * KB, false],
  ['about/index.html', 36 * KB, false],
  ['passages.json', 49 * KB, true],
  ['notes.json', 30 * KB, false],
  ['pagefind/pagefind.js', 47 * KB, false],
  ['pagefind/pagefind-worker.js', 43 * KB, false],
  ['pagefind/pagefind-ui.js', 126 * KB, false],
  ['pagefind/wasm.en.pagefind', 60 * KB, false],
  ['pagefind/pagefind.en_1.pf_meta', 1 * KB, true],
];

function edition(scale: number) {
  return [
    ...FILES.map(([name, bytes, grows]) => file(name, grows ? bytes * scale : bytes)),
    ...Array.from({ length: 2 * scale }, (_, i) => file(`pagefind/index/en_${i}.pf_index`, 19 * KB)),
    ...Array.from({ length: 150 * scale }, (_, i) => file(`pagefind/fragment/en_${i}.pf_fragment`, 500)),
    ...Array.from({ length: 63 * scale }, (_, i) => file(`p/passage-${i}/index.html`, 16 * KB)),
  ];
}

describe('planPrecache', () => {
  it('keeps the whole reading edition at 1×, with the passages My notes reads, but not the worker, Pagefind’s UI or the other data exports', () => {
    const plan = planPrecache(edition(1), '/');
    const urls = [...plan.shell, ...plan.precache].map((entry) => entry.url);
    expect(plan.shell.map((entry) => entry.url)).toEqual([
      '/_astro/reader.css',
      '/_astro/search.js',
      '/404.html',
      '/offline/',
      '/site-pages.json',
      '/manifest.webmanifest',
    ]);
    // Every file of the build, each once, under its address, but these three.
    const left = ['sw.js', 'pagefind/pagefind-ui.js', 'notes.json'];
    const everyOther = edition(1)
      .filter((f) => !left.includes(f.file))
      .map((f) => `/${f.file.replace(/(^|\/)index\.html$/, '$1')}`);
    expect(urls.toSorted()).toEqual(everyOther.toSorted());
    expect(urls).toHaveLength(231);
    expect(urls).toContain('/passages.json');
    expect(plan.deferred).toBe(0);
  });

  it(`stays within ${PRECACHE_BUDGET / KB / KB} MB at 100×: the apparatus pages and search kept, the rest cached when read`, () => {
    const plan = planPrecache(edition(100), '/');
    expect(precacheBytes(plan)).toBeLessThanOrEqual(PRECACHE_BUDGET);
    const urls = new Set(plan.precache.map((entry) => entry.url));
    // The document pages (9.5 and 2.2 MB) are over the budget: they are cached when read.
    expect(urls.has('/')).toBe(false);
    expect(urls.has('/obituary/')).toBe(false);
    expect(['/timeline/', '/names/', '/about/'].every((url) => urls.has(url))).toBe(true);
    // The search engine is kept whole, then as many index chunks as fit; no present page.
    expect(
      ['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind'].every((name) =>
        urls.has(`/pagefind/${name}`),
      ),
    ).toBe(true);
    expect(plan.precache.filter((entry) => entry.url.includes('/pagefind/index/')).length).toBeGreaterThan(
      80,
    );
    expect(plan.precache.filter((entry) => entry.url.startsWith('/p/'))).toEqual([]);
    expect(plan.deferred).toBeGreaterThan(6000);
    expect(plan.shell.length + plan.precache.length + plan.deferred).toBe(
      edition(100).filter((f) => !/sw\.js|pagefind-ui|passages\.json/.test(f.file)).length,
    );
  });

  it('puts the base in front of every URL', () => {
    const plan = planPrecache(edition(1), '/kirov-reader/');
    expect(plan.precache[0]?.url).toBe('/kirov-reader/');
    expect(plan.notFound).toBe('/kirov-reader/404.html');
    expect(plan.offline).toBe('/kirov-reader/offline/');
  });
});

describe('writeServiceWorker', () => {
  it('refuses a build without its not-found page, naming the file and where it comes from', () => {
    const dir = scratchDir('kirov-sw-');
    for (const name of ['index.html', 'offline/index.html', '_astro/a.js']) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), 'x');
    }
    expect(() => writeServiceWorker(dir, '/')).toThrow(
      'kirov-service-worker: Unexpected build without 404.html, expected it in the offline shell; check src/pages/ for the page that writes it',
    );
  });
});
