import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';
import { z } from 'zod';
import { HANDOUT_NUMBERS_FILE, ID_LOCK_FILE } from '../../src/lib/content-paths.ts';
import { escapeRegExp } from '../../src/lib/escape-regexp.ts';

/*
 * Reads a built site (the folder `astro build` wrote) the way a browser would follow a published
 * link: the page, its refresh, its ids and its paragraph tools' retired-id data. Support for the
 * link-permanence tests (unit, site and browser); the pure check against the id lock is
 * src/lib/passages/release-links.ts.
 */

/**
 * How a built site answers a URL: its page (for a retired id's present page, the page its refresh
 * leads to), an id on the page, or the page's retired-id script.
 */
export type DistResolution =
  | { ok: true; file: string; via: 'page' | 'anchor' | 'script' }
  | { ok: false; message: string };

/**
 * Whether a built site (the folder `astro build` wrote) answers a base-relative fixture URL:
 * `/p/id/` needs dist/p/id/index.html, `/path/?handout=n` what `/path/#id` needs for the id the frozen
 * numbers give ¶ n (`options.handout`), and when that is a retired id's page (src/pages/p/[retired].astro),
 * the page its refresh leads to; `/path/#id` needs dist/path/index.html with an element of that id (a
 * passage, or the anchor a retired id keeps beside its successor), or else an entry for the id in the
 * page's retired-id data whose page does carry the anchor. `file` is the page the reader lands on.
 * `base` is Astro's base, which the refresh and the data's links include but the folder does not.
 */
export function resolveInDist(
  distDir: string,
  url: string,
  options: {
    base?: string;
    /** The paragraph a one-paragraph handout by ¶ number opens on a page (the frozen numbers). */
    handout?: (path: string, n: number) => string | undefined;
  } = {},
): DistResolution {
  // ?handout=<n> lands on the paragraph the frozen numbers give it, as its anchor does.
  const handout = /^([^?#]*)\?handout=(\d+)$/u.exec(url);
  if (handout) {
    const [, path = '', n = ''] = handout;
    const id = options.handout?.(path, Number(n));
    if (id === undefined) {
      return {
        ok: false,
        message: `${url}: Unexpected ¶ ${n} that the frozen numbers do not give on ${path}, expected the numbering handout links were made with; restore ${HANDOUT_NUMBERS_FILE}`,
      };
    }
    return resolveInDist(distDir, `${path}#${id}`, options);
  }
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
