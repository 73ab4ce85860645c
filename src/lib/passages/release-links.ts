import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';
import { z } from 'zod';
import { EDITION_FILE, ID_LOCK_FILE } from '../content-paths.ts';
import { escapeRegExp } from '../escape-regexp.ts';
import type { IdLock } from '../schema/ledger.ts';

/*
 * Link permanence. Every URL a release published for a passage is frozen into a fixture
 * (tests/fixtures/release-links.json, by scripts/freeze-release-links.ts when a release is cut); a
 * later edition must still answer each of them, directly or through the retired ids of the id lock.
 * The fixture only grows: a link published once is checked for good, even after its id is retired.
 */

export const RELEASE_LINKS_FILE = 'tests/fixtures/release-links.json';

export const releaseLinkSchema = z.object({
  /** The passage id, as the release published it. */
  id: z.string().min(1),
  /** The document it belonged to then. */
  document: z.string().min(1),
  /** The release that first published these links. */
  since: z.string().min(1),
  /** Base-relative URLs: the reader page's anchor (`/obituary/#id`) and the present page (`/p/id/`). */
  urls: z.array(z.string().startsWith('/')).min(1),
});

export const releaseLinksSchema = z.object({
  /** The last release frozen into the file. */
  release: z.string().min(1),
  links: z.array(releaseLinkSchema),
});

export type ReleaseLink = z.infer<typeof releaseLinkSchema>;
export type ReleaseLinks = z.infer<typeof releaseLinksSchema>;

/** Where a document is published, as the edition file says (`path: /obituary/`). */
export interface DocumentPath {
  id: string;
  path: string;
}

/**
 * Every URL the site publishes for a passage: its anchor on the document's page (the link that
 * "Copy link", the citations, the QR code and /passages.json give) and its present page. Sentence
 * links (`#id:~:text=…`) are this anchor plus words, and handout links use ¶ numbers, which may change.
 */
export function passageUrls(id: string, documentPath: string): string[] {
  return [`${documentPath}#${id}`, `/p/${id}/`];
}

/**
 * The fixture after a release: every link already frozen, in its order, then each live passage not yet
 * in it, in the lock's (reading) order. A live passage's entry also gains any URL form added since.
 */
export function freezeReleaseLinks(
  previous: ReleaseLinks | null,
  release: string,
  lock: IdLock,
  documents: readonly DocumentPath[],
): ReleaseLinks {
  const pathOf = new Map(documents.map((document) => [document.id, document.path]));
  const current = new Map(
    lock.passages.map((passage) => {
      const path = pathOf.get(passage.document);
      if (path === undefined) {
        throw new Error(
          `${ID_LOCK_FILE}: Unexpected document "${passage.document}" of passage "${passage.id}", expected one of the documents in ${EDITION_FILE}; run npm run ingest`,
        );
      }
      return [passage.id, { document: passage.document, urls: passageUrls(passage.id, path) }];
    }),
  );
  const kept = (previous?.links ?? []).map((link) => {
    const live = current.get(link.id);
    if (!live) return link;
    return { ...link, urls: [...link.urls, ...live.urls.filter((url) => !link.urls.includes(url))] };
  });
  const frozen = new Set(kept.map((link) => link.id));
  const added = [...current]
    .filter(([id]) => !frozen.has(id))
    .map(([id, live]) => ({ id, document: live.document, since: release, urls: live.urls }));
  return { release, links: [...kept, ...added] };
}

/** The fixture file's text: two-space JSON with a trailing newline, as the id lock is written. */
export function formatReleaseLinks(links: ReleaseLinks): string {
  return `${JSON.stringify(links, null, 2)}\n`;
}

/** A published URL that the edition no longer answers. */
export interface LinkProblem {
  id: string;
  url: string;
  /** "Unexpected X, expected Y." */
  message: string;
  fix: string;
}

/** How a published URL is answered. */
export interface LinkResolution {
  id: string;
  url: string;
  /** `live`: the id is a passage still; `retired`: the retired ids lead from it to `lands`. */
  via: 'live' | 'retired';
  /** The live passage the URL lands on. */
  lands: string;
}

export interface ReleaseLinksCheck {
  resolved: LinkResolution[];
  problems: LinkProblem[];
}

/** What a fixture URL asks for: the present page of an id, or an anchor on a document's page. */
type ParsedUrl = { form: 'present'; id: string } | { form: 'anchor'; path: string; id: string };

function parseUrl(url: string): ParsedUrl | null {
  const present = /^\/p\/([^/#?]+)\/$/u.exec(url);
  if (present?.[1]) return { form: 'present', id: decodeURIComponent(present[1]) };
  const anchor = /^(\/(?:[^#?]*\/)?)#(.+)$/u.exec(url);
  if (anchor?.[1] && anchor[2]) return { form: 'anchor', path: anchor[1], id: decodeURIComponent(anchor[2]) };
  return null;
}

/**
 * Checks every frozen link against an edition's id lock (after a re-ingest) and its documents' paths.
 * A link holds when its id is a live passage still in the same document, at the same path, or a
 * retired id whose chain of successors ends at a live passage, with the page it names still published
 * (the page's script, the retired anchor beside the successor, or the retired id's own present page
 * takes the reader on from there).
 * This is the lock's promise; whether a built site keeps it for each URL form is resolveInDist's question.
 */
export function checkReleaseLinks(
  links: ReleaseLinks,
  lock: IdLock,
  documents: readonly DocumentPath[],
): ReleaseLinksCheck {
  const live = new Map(lock.passages.map((passage) => [passage.id, passage]));
  const retired = new Map(lock.retired.map((entry) => [entry.id, entry]));
  const pathOf = new Map(documents.map((document) => [document.id, document.path]));
  const published = new Set(documents.map((document) => document.path));
  const resolved: LinkResolution[] = [];
  const problems: LinkProblem[] = [];

  for (const link of links.links) {
    const problem = (url: string, message: string, fix: string) =>
      problems.push({ id: link.id, url, message, fix });
    for (const url of link.urls) {
      const parsed = parseUrl(url);
      if (!parsed || parsed.id !== link.id) {
        problem(
          url,
          `Unexpected URL "${url}" for id "${link.id}", expected "/path/#${link.id}" or "/p/${link.id}/"`,
          `regenerate ${RELEASE_LINKS_FILE} with node scripts/freeze-release-links.ts rather than editing it`,
        );
        continue;
      }
      const passage = live.get(link.id);
      if (passage) {
        const path = pathOf.get(passage.document);
        if (passage.document !== link.document) {
          problem(
            url,
            `Unexpected document "${passage.document}" for passage "${link.id}", expected "${link.document}" (where release ${link.since} published it)`,
            `keep the passage in document "${link.document}" in ${EDITION_FILE}: the site has no way to forward an anchor of one page to another for a live passage`,
          );
        } else if (parsed.form === 'anchor' && path !== parsed.path) {
          problem(
            url,
            `Unexpected path "${path ?? '(none)'}" for document "${link.document}", expected "${parsed.path}" (where release ${link.since} published it)`,
            `restore \`path: ${parsed.path}\` of document "${link.document}" in ${EDITION_FILE}`,
          );
        } else {
          resolved.push({ id: link.id, url, via: 'live', lands: link.id });
        }
        continue;
      }
      if (!retired.has(link.id)) {
        problem(
          url,
          `Unexpected id "${link.id}" that is neither a passage nor a retired id in ${ID_LOCK_FILE}, expected every id release ${link.since} published to keep resolving`,
          `restore its entry in ${ID_LOCK_FILE} from release ${link.since} and run npm run ingest: an id whose paragraph is gone is retired with a successor, never forgotten`,
        );
        continue;
      }
      const lands = followRetired(link.id, retired, live);
      if (typeof lands !== 'string') {
        problem(
          url,
          `Unexpected successor chain ${lands.chain.map((id) => `"${id}"`).join(' → ')} for retired id "${link.id}", expected it to end at a live passage`,
          `restore ${ID_LOCK_FILE} from release ${link.since} and run npm run ingest, which re-points the successor of every id it retires at a live passage`,
        );
      } else if (parsed.form === 'anchor' && !published.has(parsed.path)) {
        problem(
          url,
          `Unexpected page "${parsed.path}" that no document is published at, expected it to carry the retired id "${link.id}" on to "${lands}"`,
          `restore the document published at \`path: ${parsed.path}\` in ${EDITION_FILE}`,
        );
      } else {
        resolved.push({ id: link.id, url, via: 'retired', lands });
      }
    }
  }
  return { resolved, problems };
}

function followRetired(
  id: string,
  retired: ReadonlyMap<string, { successor: string }>,
  live: ReadonlyMap<string, unknown>,
): string | { chain: string[] } {
  const chain = [id];
  let current = id;
  while (!live.has(current)) {
    const next = retired.get(current)?.successor;
    if (next === undefined || chain.includes(next))
      return { chain: next === undefined ? chain : [...chain, next] };
    chain.push(next);
    current = next;
  }
  return current;
}

/** One problem as the test and the freeze script print it: the fixture, the URL, the id, the fix. */
export function formatLinkProblem(problem: LinkProblem): string {
  return `${RELEASE_LINKS_FILE}: ${problem.url} (id "${problem.id}"): ${problem.message}\n  fix: ${problem.fix}`;
}

/**
 * How a built site answers a URL: its page (for a retired id's present page, the page its refresh
 * leads to), an id on the page, or the page's retired-id script.
 */
export type DistResolution =
  | { ok: true; file: string; via: 'page' | 'anchor' | 'script' }
  | { ok: false; message: string };

/**
 * Whether a built site (the folder `astro build` wrote) answers a base-relative fixture URL:
 * `/p/id/` needs dist/p/id/index.html, and when that is a retired id's page (src/pages/p/[retired].astro),
 * the page its refresh leads to; `/path/#id` needs dist/path/index.html with an element of that id (a
 * passage, or the anchor a retired id keeps beside its successor), or else an entry for the id in the
 * page's retired-id data whose page does carry the anchor. `file` is the page the reader lands on.
 * `base` is Astro's base, which the refresh and the data's links include but the folder does not.
 */
export function resolveInDist(distDir: string, url: string, options: { base?: string } = {}): DistResolution {
  const hashAt = url.indexOf('#');
  const path = hashAt === -1 ? url : url.slice(0, hashAt);
  const id = hashAt === -1 ? null : decodeURIComponent(url.slice(hashAt + 1));
  const page = pageFile(distDir, path);
  if (page === null) {
    return {
      ok: false,
      message: `${url}: Unexpected path "${path}", expected a page path such as "/obituary/"`,
    };
  }
  const shown = shownPath(page);
  if (!existsSync(page)) {
    return {
      ok: false,
      message: `${url}: Unexpected missing ${shown}, expected the page a release published to be built; a passage's id must stay in ${ID_LOCK_FILE} (live, or retired with a successor), and a retired id's page must be built to lead on to its successor`,
    };
  }
  const html = readFileSync(page, 'utf8');
  const base = options.base ?? '/';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const inSite = (href: string): string | null => {
    const target = href.split('#')[0] ?? '';
    return target.startsWith(prefix) ? pageFile(distDir, `/${target.slice(prefix.length)}`) : null;
  };
  if (id === null) return followRefresh(url, page, html, inSite, base);
  if (hasId(html, id)) return { ok: true, file: page, via: 'anchor' };

  const href = retiredHref(html, id);
  if (href === null) {
    return {
      ok: false,
      message: `${url}: Unexpected page ${shown} without id="${id}" and without "${id}" in its retired ids, expected the passage or a retired anchor; restore its entry in ${ID_LOCK_FILE} and run npm run ingest`,
    };
  }
  const targetPage = inSite(href);
  if (targetPage === null || !existsSync(targetPage) || !hasId(readFileSync(targetPage, 'utf8'), id)) {
    return {
      ok: false,
      message: `${url}: Unexpected retired id "${id}" whose successor's page (${href}) has no id="${id}", expected the retired anchor there so the script's forward lands; check the base (${base}) and rebuild`,
    };
  }
  return { ok: true, file: targetPage, via: 'script' };
}

/**
 * The page a built page leads to: itself, or, for a retired id's present page, where its refresh goes
 * (followed again should that be a forward too, until a page that is not, or a loop).
 */
function followRefresh(
  url: string,
  page: string,
  html: string,
  inSite: (href: string) => string | null,
  base: string,
): DistResolution {
  const seen = [page];
  let current = page;
  let target = refreshHref(html);
  while (target !== null) {
    const next = inSite(target);
    if (next === null || !existsSync(next)) {
      return {
        ok: false,
        message: `${url}: Unexpected refresh to "${target}" in ${shownPath(current)}, expected the built present page of the retired id's successor; check the base (${base}) and rebuild`,
      };
    }
    if (seen.includes(next)) {
      return {
        ok: false,
        message: `${url}: Unexpected refresh loop ${[...seen, next].map(shownPath).join(' → ')}, expected the refreshes to end at a live passage's present page; rebuild after npm run ingest`,
      };
    }
    seen.push(next);
    current = next;
    target = refreshHref(readFileSync(next, 'utf8'));
  }
  return { ok: true, file: current, via: 'page' };
}

/** The URL of a page's `<meta http-equiv="refresh" content="0; url=…">`, or null when it has none. */
function refreshHref(html: string): string | null {
  const meta = /<meta\s[^>]*http-equiv="refresh"[^>]*>/iu.exec(html)?.[0];
  const content = meta && /\scontent="([^"]*)"/iu.exec(meta)?.[1];
  const target = content && /^\s*\d+\s*[;,]\s*url\s*=\s*['"]?([^'"]+)/iu.exec(content)?.[1];
  return target ? target.trim().replaceAll('&amp;', '&') : null;
}

/** dist/p/x/index.html when the build is inside the project, the whole path when it is elsewhere. */
function shownPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside && !inside.startsWith('..') ? inside : file;
}

/** dist/<path>/index.html, or null for a path that is not a folder of the site. */
function pageFile(distDir: string, path: string): string | null {
  if (!path.startsWith('/') || !path.endsWith('/')) return null;
  const file = normalize(join(distDir, decodeURIComponent(path), 'index.html'));
  const root = normalize(distDir.endsWith(sep) ? distDir : `${distDir}${sep}`);
  return file.startsWith(root) ? file : null;
}

function hasId(html: string, id: string): boolean {
  return new RegExp(`<[^>]*\\sid="${escapeRegExp(id)}"`, 'u').test(html);
}

/** The href the page's paragraph-tools data gives a retired id (src/components/PassageTools.astro). */
function retiredHref(html: string, id: string): string | null {
  const island = /<script type="application\/json" id="passage-tools-data">([^<]*)<\/script>/u.exec(
    html,
  )?.[1];
  if (!island) return null;
  let json: unknown;
  try {
    json = JSON.parse(island);
  } catch {
    return null;
  }
  const data = z
    .object({ retired: z.record(z.string(), z.object({ href: z.string() })).optional() })
    .safeParse(json);
  return data.success ? (data.data.retired?.[id]?.href ?? null) : null;
}
