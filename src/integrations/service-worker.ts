import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { listFiles } from '../lib/list-files.ts';

/*
 * Writes the offline worker, dist/sw.js: src/service-worker/worker.js with this build's plan in front
 * of it. What the reader's device keeps at install is bounded by a byte budget, so that the offline
 * copy does not grow with the corpus: the shell always (styles, scripts, the offline and not-found
 * pages, the list of the site's pages), then in order of need the reading pages, the search engine and
 * index, the search results' fragments and the present pages, each as long as it fits. What does not
 * fit, and the other data exports, are kept when first read. Runs after the search index is written, so
 * that the index is there to be planned.
 */

/** Bytes (uncompressed) of files kept at install, shell included: the whole edition fits at 1×. */
export const PRECACHE_BUDGET = 2 * 1024 * 1024;
/** The list of every page of the site, so that offline the worker tells a page not kept from no page. */
export const SITE_PAGES_FILE = 'site-pages.json';
export const WORKER_FILE = 'sw.js';

const workerSource = new URL('../service-worker/worker.js', import.meta.url);

export interface PrecacheEntry {
  /** The URL the file is kept under, with the base ("/about/" for about/index.html). */
  url: string;
  /** A hash of the file's bytes: a changed file is fetched anew, an unchanged one reused. */
  revision: string;
  /** The file in the build, relative to it. */
  file: string;
  bytes: number;
}

export interface PrecachePlan {
  release: string;
  base: string;
  shell: PrecacheEntry[];
  /** Kept at install when they can be; a failure is reported, not fatal. */
  precache: PrecacheEntry[];
  /** Files left to be kept when read, because the budget was spent. */
  deferred: number;
  deferredBytes: number;
  offline: string;
  notFound: string;
  pages: string;
}

/** What is never kept at install: the worker itself, Pagefind's UI bundles (the site has its own). */
const NEVER = /^(sw\.js|pagefind\/pagefind-.*ui\..*|pagefind\/pagefind-highlight\.js)$/;
/** Only these are kept at install at all; the data exports (*.json at the top) are fetched on use. */
const SHELL =
  /^(_astro\/.*|manifest\.webmanifest|icon\.svg|404\.html|offline\/index\.html|site-pages\.json)$/;
/**
 * The tiers, in order of need; a tier is kept whole (the search engine works only complete) or file by
 * file.
 */
const TIERS: { pattern: RegExp; whole: boolean }[] = [
  // The reading pages: documents, timeline, index, about (present pages are one per paragraph).
  { pattern: /^(?!p\/)(.+\/)?index\.html$/, whole: false },
  // The passages as data, which "My notes" reads to find the reader's notes again, offline too.
  { pattern: /^passages\.json$/, whole: false },
  // The search engine: its script, worker, WebAssembly and metadata work only together.
  { pattern: /^pagefind\/[^/]+$/, whole: true },
  // Its index and filter chunks, then the results' fragments: each is fetched for some searches only.
  { pattern: /^pagefind\/(index|filter)\/.+$/, whole: false },
  { pattern: /^pagefind\/fragment\/.+$/, whole: false },
  { pattern: /^p\/.+\/index\.html$/, whole: false },
];

/** The site path of a built file, under the base: "about/index.html" → "/about/". */
export const urlOf = (file: string, base: string): string =>
  `${base}${file.replace(/(^|\/)index\.html$/, '$1')}`;

/**
 * Plans what the device keeps at install from the built files (path → bytes and revision): the shell,
 * then the tiers in order, each unit while the budget allows. Pure, so that the budget is tested
 * without a build.
 */
export function planPrecache(
  files: readonly { file: string; bytes: number; revision: string }[],
  base: string,
  budget: number = PRECACHE_BUDGET,
): PrecachePlan {
  const entry = (f: { file: string; bytes: number; revision: string }): PrecacheEntry => ({
    ...f,
    url: urlOf(f.file, base),
  });
  const eligible = files.filter((f) => !NEVER.test(f.file));
  const shell = eligible.filter((f) => SHELL.test(f.file)).map(entry);
  let spent = shell.reduce((sum, e) => sum + e.bytes, 0);
  const precache: PrecacheEntry[] = [];
  let deferred = 0;
  let deferredBytes = 0;
  for (const tier of TIERS) {
    const members = eligible.filter((f) => !SHELL.test(f.file) && tier.pattern.test(f.file)).map(entry);
    for (const unit of tier.whole ? [members] : members.map((m) => [m])) {
      const bytes = unit.reduce((sum, e) => sum + e.bytes, 0);
      if (spent + bytes <= budget) {
        precache.push(...unit);
        spent += bytes;
      } else {
        deferred += unit.length;
        deferredBytes += bytes;
      }
    }
  }
  const release = createHash('sha256')
    .update([...shell, ...precache].map((e) => `${e.url} ${e.revision}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return {
    release,
    base,
    shell,
    precache,
    deferred,
    deferredBytes,
    offline: urlOf('offline/index.html', base),
    notFound: urlOf('404.html', base),
    pages: urlOf(SITE_PAGES_FILE, base),
  };
}

/** Bytes kept at install (shell and precache). */
export const precacheBytes = (plan: PrecachePlan): number =>
  [...plan.shell, ...plan.precache].reduce((sum, e) => sum + e.bytes, 0);

/** The worker's plan as sw.js carries it in front of the worker (`self.kirovOffline = {…};`). */
const PLAN_LINE = /^self\.kirovOffline = (.*);$/m;

/** Reads back the plan a built sw.js carries (for the site checks), or null when it has none. */
export function planOf(workerJs: string): PrecachePlan | null {
  const line = PLAN_LINE.exec(workerJs)?.[1];
  if (!line) return null;
  const { release, base, shell, precache, offline, notFound, pages } = JSON.parse(line) as PrecachePlan;
  return { release, base, shell, precache, offline, notFound, pages, deferred: 0, deferredBytes: 0 };
}

/**
 * Writes site-pages.json and sw.js into a built site; returns the plan. Throws, naming the file, when a
 * file the plan keeps is missing from the build or the shell lacks a page the worker needs: a worker
 * that would fail to install must never be published.
 */
export function writeServiceWorker(
  dir: string,
  base: string,
  budget: number = PRECACHE_BUDGET,
): PrecachePlan {
  // A build folder worked on before (a test's copy, a rerun) already holds the list: it is written anew.
  const files = listFiles(dir).filter((file) => file !== SITE_PAGES_FILE);
  const pages = files
    .filter((file) => file.endsWith('.html') && file !== '404.html' && file !== 'offline/index.html')
    .map((file) => urlOf(file, base));
  writeFileSync(join(dir, SITE_PAGES_FILE), `${JSON.stringify(pages)}\n`);
  const described = [...files, SITE_PAGES_FILE].map((file) => {
    const bytes = readFileSync(join(dir, file));
    return {
      file,
      bytes: bytes.length,
      revision: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    };
  });
  const plan = planPrecache(described, base, budget);
  for (const needed of ['404.html', 'offline/index.html', SITE_PAGES_FILE]) {
    if (!plan.shell.some((e) => e.file === needed)) {
      throw new Error(
        `kirov-service-worker: Unexpected build without ${needed}, expected it in the offline shell; check src/pages/ for the page that writes it`,
      );
    }
  }
  verifyPlan(plan, dir);
  const { deferred: _deferred, deferredBytes: _deferredBytes, ...carried } = plan;
  const shown = {
    ...carried,
    shell: plan.shell.map(({ url, revision }) => ({ url, revision })),
    precache: plan.precache.map(({ url, revision }) => ({ url, revision })),
  };
  writeFileSync(
    join(dir, WORKER_FILE),
    `self.kirovOffline = ${JSON.stringify(shown)};\n${readFileSync(workerSource, 'utf8')}`,
  );
  return plan;
}

/** Fails loudly, naming the URL and the file, when a planned file is not in the build. */
export function verifyPlan(plan: Pick<PrecachePlan, 'shell' | 'precache' | 'base'>, dir: string): void {
  const missing = [...plan.shell, ...plan.precache].filter((e) => {
    const path = join(dir, e.file ?? fileOf(e.url, plan.base));
    return !existsSync(path) || !statSync(path).isFile();
  });
  if (missing.length > 0) {
    throw new Error(
      `kirov-service-worker: ${missing.length} file(s) the offline worker keeps are missing from ${relative(process.cwd(), dir) || dir}: ${missing
        .map((e) => `${e.url} (${e.file ?? fileOf(e.url, plan.base)})`)
        .join(', ')}; rebuild, and publish the whole build folder`,
    );
  }
}

/** The built file behind a kept URL: "/about/" → "about/index.html". */
export const fileOf = (url: string, base: string): string => {
  const path = url.slice(base.length);
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
};

/** Writes the offline worker into the build folder `dir` for the site under `base`, and says what it keeps. */
export function writeOfflineWorker(dir: string, base: string, logger: AstroIntegrationLogger): void {
  const plan = writeServiceWorker(dir, base);
  const kept = plan.shell.length + plan.precache.length;
  logger.info(
    `service worker precaches ${kept} files (${(precacheBytes(plan) / 1024).toFixed(0)} KB of a ${(PRECACHE_BUDGET / 1024).toFixed(0)} KB budget); ${plan.deferred} files (${(plan.deferredBytes / 1024).toFixed(0)} KB) are cached when read`,
  );
}
