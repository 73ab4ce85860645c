/*
 * The offline worker (dist/sw.js). The build (src/integrations/service-worker.ts) puts its plan in
 * front of this file as `self.kirovOffline`: the release, the base path, and the files to keep on the
 * device, the shell first. Plain JavaScript on purpose: it runs as written, with no bundler.
 *
 * - Install keeps the shell (styles, scripts, the offline and not-found pages, the list of the site's
 *   pages) and then every other planned file it can get. The shell must all arrive or the release does
 *   not install; any other file that fails (a 404 after a partial upload) is reported in the console and
 *   left to be fetched when read, so one missing file never keeps a release from the readers. A file is
 *   kept only when its type fits its name: a page served in place of a script is never kept as one.
 * - Each release has its own caches, and the new worker takes over at once; a page that a new worker
 *   takes over tells its reader (src/scripts/register-service-worker.ts). An earlier release's caches
 *   stay for as long as a page opened under that release is open: such a page still loads the scripts
 *   it was built with (their hashed names are gone from the server), from whichever release kept them.
 * - A file kept at install is answered from the device. Anything else is fetched, and a page or file
 *   that arrives is kept for next time ("cached as read", at most READ_LIMIT files, the least recently
 *   fetched dropped first); when the network is slower than NETWORK_TIMEOUT_MS, a copy kept that way
 *   answers instead. Offline, a navigation that was never kept gets the offline page when the site has
 *   that page, and the not-found page (status 404) when it has not. A page's address missing its final
 *   slash goes to the page, online or not.
 * - Files are kept under their address without its query: no parameter changes a file of this site
 *   (Pagefind's cache tag, search words, a handout's paragraphs, a link's tracking tags).
 */

const plan = self.kirovOffline;
const PREFIX = 'kirov-reader-';
const PRECACHE = `${PREFIX}precache-${plan.release}`;
const READ = `${PREFIX}read-${plan.release}`;
/** Which release each open page was opened under, so that its release's caches are kept while it is open. */
const PAGES = `${PREFIX}pages`;
const PAGES_KEY = `${plan.base}__pages.json`;
/** What this release keeps at install, by URL: anything else is not looked for in its cache. */
const PLANNED = new Set(
  [...plan.shell, ...plan.precache].map((entry) => new URL(entry.url, self.location.origin).href),
);
/** Where each precache keeps its own list of what it holds and at which revision. */
const CONTENTS = `${plan.base}__kept.json`;
/** Built scripts and styles carry a hash of their content in their name: any release's copy is the file. */
const IMMUTABLE = `${plan.base}_astro/`;
/** Files kept as read, at most; the least recently fetched goes first. */
const READ_LIMIT = 400;
/** How long a request waits for the network before a copy kept as read answers instead. */
const NETWORK_TIMEOUT_MS = 4000;
/** The content type a file's name calls for; any other file must at least not be a page. */
const TYPES = [
  [/\.m?js$/, /javascript/],
  [/\.css$/, /^text\/css/],
  [/\.(json|webmanifest)$/, /json/],
  [/\.wasm$/, /^application\/wasm/],
  [/\.svg$/, /^image\/svg\+xml/],
  [/(\/|\.html)$/, /^text\/html/],
];

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
      // On a first install the open pages came from the network just now: this release's.
      const first = !(await caches.keys()).some(
        (name) => name.startsWith(`${PREFIX}precache-`) && name !== PRECACHE,
      );
      await self.clients.claim();
      if (first) await recordPages(await openWindows());
      await removeUnusedReleases();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(plan.base)) return;
  if (request.mode === 'navigate' && event.resultingClientId) {
    event.waitUntil(
      recordPages([event.resultingClientId])
        .then(removeUnusedReleases)
        .catch(() => undefined),
    );
  }
  event.respondWith(respond(event, request, url));
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
    if (!fits(new URL(entry.url, self.location.origin), response)) {
      throw new Error(`${entry.url} answered ${response.headers.get('content-type')}, not the file's type`);
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

/** Whether a response's type fits the file asked for (a server's fallback page is not a script). */
function fits(url, response) {
  const type = response.headers.get('content-type') ?? '';
  for (const [name, wanted] of TYPES) if (name.test(url.pathname)) return wanted.test(type);
  return !/^text\/html/.test(type);
}

/** The URL a file is kept under: without the fragment and the query, which no file here depends on. */
function keyOf(url) {
  const key = new URL(url.href);
  key.hash = '';
  key.search = '';
  if (key.pathname.endsWith('/index.html')) key.pathname = key.pathname.slice(0, -'index.html'.length);
  return key.href;
}

async function respond(event, request, url) {
  const key = keyOf(url);
  // A search on a large edition fetches many files that are not kept: each skips the cache lookup.
  const kept = PLANNED.has(key) ? await caches.match(key, { cacheName: PRECACHE }) : undefined;
  if (kept) return kept;
  // A page opened under an earlier release asks for the scripts it was built with.
  if (key.startsWith(`${self.location.origin}${IMMUTABLE}`)) {
    const earlier = await caches.match(key);
    if (earlier) return earlier;
  }
  // A page's address without its final slash goes to the page, whatever the server would answer.
  if (request.mode === 'navigate' && !url.pathname.endsWith('/')) {
    const slashed = await toSlashed(url);
    if (slashed) return slashed;
  }
  const network = fetch(request).then((response) => {
    if (response.ok && response.type === 'basic' && !response.redirected && fits(url, response)) {
      event.waitUntil(keepAsRead(key, response.clone()).catch(() => undefined));
    }
    return response;
  });
  try {
    const first = await Promise.race([network, delay(NETWORK_TIMEOUT_MS)]);
    if (first) return first;
    // The network is slow: a kept copy answers now, and the network's answer is kept for next time.
    const read = await caches.match(key, { cacheName: READ });
    if (read) {
      event.waitUntil(network.catch(() => undefined));
      return read;
    }
    return await network;
  } catch (error) {
    const read = await caches.match(key, { cacheName: READ });
    if (read) return read;
    if (request.mode !== 'navigate') throw error;
    return offlineNavigation(url);
  }
}

const delay = (ms) => new Promise((resolve) => setTimeout(() => resolve(null), ms));

/** Keeps a file as read, and drops the least recently fetched beyond READ_LIMIT. */
async function keepAsRead(key, response) {
  const cache = await caches.open(READ);
  // Put again at the end of the cache's order: the order of its keys is the order of their fetching.
  await cache.delete(key);
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - READ_LIMIT))) await cache.delete(old);
}

async function openWindows() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.map((client) => client.id);
}

async function readPages() {
  const response = await caches.match(PAGES_KEY, { cacheName: PAGES });
  return response ? await response.json() : {};
}

let pagesWork = Promise.resolve();
/** Runs the changes to the list of open pages one after another, as each reads and rewrites it. */
function inOrder(task) {
  const done = pagesWork.then(task);
  pagesWork = done.catch(() => undefined);
  return done;
}

/** Notes that these pages (client ids) were opened under this release. */
function recordPages(ids) {
  return inOrder(async () => {
    const pages = await readPages();
    for (const id of ids) pages[id] = { release: plan.release, at: Date.now() };
    const cache = await caches.open(PAGES);
    await cache.put(PAGES_KEY, new Response(JSON.stringify(pages)));
  });
}

/**
 * Deletes the caches of earlier releases that no open page was opened under. A page the worker cannot
 * place (opened before any worker saw it) may be of any release: while one is open, nothing is deleted.
 */
function removeUnusedReleases() {
  return inOrder(async () => {
    const open = new Set(await openWindows());
    const pages = await readPages();
    const inUse = new Set([plan.release]);
    const still = {};
    for (const [id, page] of Object.entries(pages)) {
      // A page being opened is not yet among the windows: its record stays for a while.
      if (open.has(id) || Date.now() - page.at < 10_000) {
        inUse.add(page.release);
        still[id] = page;
      }
    }
    const cache = await caches.open(PAGES);
    await cache.put(PAGES_KEY, new Response(JSON.stringify(still)));
    if ([...open].some((id) => !still[id])) return;
    for (const name of await caches.keys()) {
      const release = /^kirov-reader-(?:precache|read)-(.+)$/.exec(name)?.[1];
      if (release && !inUse.has(release)) await caches.delete(name);
    }
  });
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
