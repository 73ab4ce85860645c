/*
 * The offline worker (dist/sw.js). The build (src/integrations/service-worker.ts) puts its plan in
 * front of this file as `self.kirovOffline`: the release, the base path, and the files to keep on the
 * device, the shell first. Plain JavaScript on purpose: it runs as written, with no bundler.
 *
 * - Install keeps the shell (styles, scripts, the offline and not-found pages, the list of the site's
 *   pages) and then every other planned file it can get. The shell must all arrive or the release does
 *   not install; any other file that fails (a 404 after a partial upload) is reported in the console and
 *   left to be fetched when read, so one missing file never keeps a release from the readers.
 * - Each release has its own caches; the new worker takes over at once and removes the old caches. A page
 *   that a new worker takes over tells its reader (src/scripts/register-service-worker.ts).
 * - A file kept at install is answered from the device. Anything else is fetched, and a page or file
 *   that arrives is kept for next time ("cached as read"). Offline, a navigation that was never kept gets
 *   the offline page when the site has that page, and the not-found page (status 404) when it has not.
 *   A page's address missing its final slash goes to the page, online or not.
 */

const plan = self.kirovOffline;
const PREFIX = 'kirov-reader-';
const PRECACHE = `${PREFIX}precache-${plan.release}`;
const READ = `${PREFIX}read-${plan.release}`;
/** What this release keeps at install, by URL: anything else is not looked for in its cache. */
const PLANNED = new Set(
  [...plan.shell, ...plan.precache].map((entry) => new URL(entry.url, self.location.origin).href),
);
/** Where each precache keeps its own list of what it holds and at which revision. */
const CONTENTS = `${plan.base}__kept.json`;
/** Query parameters that do not change the file: Pagefind's cache tag, search words, a handout. */
const IGNORED_PARAMETERS = ['ts', 'hl', 'handout'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    install().catch((error) => {
      console.error(`Kirov Reader offline copy: this release did not install: ${error.message ?? error}`);
      throw error;
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PRECACHE && name !== READ) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(plan.base)) return;
  event.respondWith(respond(request, url));
});

async function install() {
  const cache = await caches.open(PRECACHE);
  const previous = await previousReleases();
  const kept = {};
  const keep = async (entry) => {
    const earlier = previous.get(`${entry.url} ${entry.revision}`);
    const response = earlier ?? (await fetch(entry.url, { cache: 'no-cache' }));
    if (!response.ok || response.redirected) {
      throw new Error(
        `${entry.url} answered ${response.status}${response.redirected ? ' (redirected)' : ''}`,
      );
    }
    await cache.put(entry.url, response);
    kept[entry.url] = entry.revision;
  };
  // The shell: without it no page works offline, so a failure stops this release from installing.
  await Promise.all(plan.shell.map(keep));
  const failed = [];
  await inTurn(plan.precache, 6, async (entry) => {
    try {
      await keep(entry);
    } catch (error) {
      failed.push(error instanceof Error ? error.message : `${entry.url}: ${error}`);
    }
  });
  if (failed.length > 0) {
    console.warn(
      `Kirov Reader offline copy: ${failed.length} of ${plan.precache.length} files could not be kept and will be fetched when read:\n  ${failed.join('\n  ')}`,
    );
  }
  await cache.put(CONTENTS, new Response(JSON.stringify({ kept, failed })));
  await self.skipWaiting();
}

/** The responses of earlier releases, by "url revision", so an unchanged file is not fetched again. */
async function previousReleases() {
  const found = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}precache-`) || name === PRECACHE) continue;
    const cache = await caches.open(name);
    const contents = await cache.match(CONTENTS);
    if (!contents) continue;
    const { kept } = await contents.json();
    for (const [url, revision] of Object.entries(kept)) {
      const response = await cache.match(url);
      if (response) found.set(`${url} ${revision}`, response);
    }
  }
  return found;
}

/** Runs task over the entries, at most `width` at a time. */
async function inTurn(entries, width, task) {
  let next = 0;
  const lane = async () => {
    while (next < entries.length) await task(entries[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, entries.length) }, lane));
}

/** The URL a file is kept under: without the fragment and the parameters that do not change it. */
function keyOf(url) {
  const key = new URL(url.href);
  key.hash = '';
  for (const name of IGNORED_PARAMETERS) key.searchParams.delete(name);
  if (key.pathname.endsWith('/index.html')) key.pathname = key.pathname.slice(0, -'index.html'.length);
  return key.href;
}

async function respond(request, url) {
  const key = keyOf(url);
  // A search on a large edition fetches many files that are not kept: each skips the cache lookup.
  const kept = PLANNED.has(key) ? await caches.match(key, { cacheName: PRECACHE }) : undefined;
  if (kept) return kept;
  // A page's address without its final slash goes to the page, whatever the server would answer.
  if (request.mode === 'navigate' && !url.pathname.endsWith('/')) {
    const slashed = await toSlashed(url);
    if (slashed) return slashed;
  }
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && !response.redirected) {
      const copy = response.clone();
      caches.open(READ).then((cache) => cache.put(key, copy));
    }
    return response;
  } catch (error) {
    const read = await caches.match(key, { cacheName: READ });
    if (read) return read;
    if (request.mode !== 'navigate') throw error;
    return offlineNavigation(url);
  }
}

async function toSlashed(url) {
  const pages = await sitePages();
  if (!pages.has(`${url.pathname}/`)) return null;
  return Response.redirect(`${url.origin}${url.pathname}/${url.search}`, 301);
}

async function offlineNavigation(url) {
  const pages = await sitePages();
  if (pages.has(url.pathname)) return copyWithStatus(plan.offline, 200);
  return copyWithStatus(plan.notFound, 404);
}

async function copyWithStatus(url, status) {
  const page = await caches.match(url, { cacheName: PRECACHE });
  if (!page) return Response.error();
  return new Response(page.body, { status, headers: page.headers });
}

let pagesOfSite = null;
/** Every page path the site has (its list is part of the shell; read once it is there). */
async function sitePages() {
  if (pagesOfSite) return pagesOfSite;
  const response = await caches.match(plan.pages, { cacheName: PRECACHE });
  if (!response) return new Set();
  pagesOfSite = new Set(await response.json());
  return pagesOfSite;
}
