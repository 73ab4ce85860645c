import { z } from 'zod';
import { EDITION_FILE, HANDOUT_NUMBERS_FILE, ID_LOCK_FILE } from '../content-paths.ts';
import type { IdLock } from '../schema/ledger.ts';

/*
 * Link permanence. Every URL a release published for a passage is frozen into a fixture
 * (the release-links file, by scripts/freeze-release-links.ts when a release is cut); a
 * later edition must still answer each of them, directly or through the retired ids of the id lock.
 * The fixture only grows: a link published once is checked for good, even after its id is retired.
 */

export const releaseLinkSchema = z.object({
  /** The passage id, as the release published it. */
  id: z.string().min(1),
  /** The document it belonged to then. */
  document: z.string().min(1),
  /** The release that first published these links. */
  since: z.string().min(1),
  /**
   * Base-relative URLs: the reader page's anchor (`/obituary/#id`), the present page (`/p/id/`) and, for
   * a passage of release 0.1.0, its handout by ¶ number (`/obituary/?handout=2`).
   */
  urls: z.array(z.string().startsWith('/')).min(1),
});

export const releaseLinksSchema = z.object({
  /** The last release frozen into the file. */
  release: z.string().min(1),
  links: z.array(releaseLinkSchema),
});

/**
 * The ¶ numbering of the last release whose handout links named paragraphs by number (the frozen
 * numbers file): for each document, its passage ids in that release's order, the first being ¶ 1.
 */
export const handoutNumbersSchema = z.object({
  /** The release whose numbers these are. */
  release: z.string().min(1),
  /** Document id → passage ids, ¶ 1 first. */
  documents: z.record(z.string(), z.array(z.string().min(1))),
});

export type HandoutNumbers = z.infer<typeof handoutNumbersSchema>;

export type ReleaseLink = z.infer<typeof releaseLinkSchema>;
export type ReleaseLinks = z.infer<typeof releaseLinksSchema>;

/** Where a document is published, as the edition file says (`path: /obituary/`). */
export interface DocumentPath {
  id: string;
  path: string;
}

/**
 * Every URL the site publishes for a passage: its anchor on the document's page (the link that
 * "Copy link", the citations, the QR code and /passages.json give), its present page, and, when the
 * frozen numbers give it a ¶ number (handout links named paragraphs by number until release 0.1.0), its
 * one-paragraph handout by that number. Sentence links (`#id:~:text=…`) are the anchor plus words, and
 * handout links by id name the same ids as the anchors.
 */
export function passageUrls(id: string, document: DocumentPath, numbers?: HandoutNumbers): string[] {
  const n = (numbers?.documents[document.id] ?? []).indexOf(id) + 1;
  return [`${document.path}#${id}`, `/p/${id}/`, ...(n > 0 ? [`${document.path}?handout=${n}`] : [])];
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
  /** The frozen ¶ numbers, whose handout links are published URLs too. */
  numbers?: HandoutNumbers,
): ReleaseLinks {
  const byId = new Map(documents.map((document) => [document.id, document]));
  const current = new Map(
    lock.passages.map((passage) => {
      const document = byId.get(passage.document);
      if (document === undefined) {
        throw new Error(
          `${ID_LOCK_FILE}: Unexpected document "${passage.document}" of passage "${passage.id}", expected one of the documents in ${EDITION_FILE}; run npm run ingest`,
        );
      }
      return [passage.id, { document: passage.document, urls: passageUrls(passage.id, document, numbers) }];
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

/**
 * What a fixture URL asks for: the present page of an id, an anchor on a document's page, or a
 * one-paragraph handout by ¶ number on it.
 */
type ParsedUrl =
  | { form: 'present'; id: string }
  | { form: 'anchor'; path: string; id: string }
  | { form: 'handout'; path: string; n: number };

function parseUrl(url: string): ParsedUrl | null {
  const present = /^\/p\/([^/#?]+)\/$/u.exec(url);
  if (present?.[1]) return { form: 'present', id: decodeURIComponent(present[1]) };
  const handout = /^(\/(?:[^#?]*\/)?)\?handout=([1-9]\d*)$/u.exec(url);
  if (handout?.[1] && handout[2]) return { form: 'handout', path: handout[1], n: Number(handout[2]) };
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
 * A handout link by ¶ number holds when the frozen numbers still name its passage there, and the
 * passage's anchor holds.
 * This is the lock's promise; whether a built site keeps it for each URL form is resolveInDist's question.
 */
export function checkReleaseLinks(
  links: ReleaseLinks,
  lock: IdLock,
  documents: readonly DocumentPath[],
  /** The release-links file the links were read from, as the fixes name it. */
  linksFile: string,
  /** The frozen ¶ numbers that handout links by number are read with. */
  numbers?: HandoutNumbers,
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
      const asked = parseUrl(url);
      if (asked?.form === 'handout') {
        const named = numbers?.documents[link.document]?.[asked.n - 1];
        if (named !== link.id) {
          problem(
            url,
            `Unexpected ${named === undefined ? 'no passage' : `"${named}"`} as ¶ ${asked.n} of document "${link.document}" in ${HANDOUT_NUMBERS_FILE}, expected "${link.id}" (the paragraph this link opened in release ${link.since})`,
            `restore ${HANDOUT_NUMBERS_FILE} from release ${link.since}: its numbers are frozen, never regenerated`,
          );
          continue;
        }
      }
      // A handout by number lands where the anchor of the paragraph it names does.
      const parsed =
        asked?.form === 'handout' ? { form: 'anchor' as const, path: asked.path, id: link.id } : asked;
      if (!parsed || parsed.id !== link.id) {
        problem(
          url,
          `Unexpected URL "${url}" for id "${link.id}", expected "/path/#${link.id}" or "/p/${link.id}/"`,
          `regenerate ${linksFile} with node scripts/freeze-release-links.ts rather than editing it`,
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
export function formatLinkProblem(problem: LinkProblem, linksFile: string): string {
  return `${linksFile}: ${problem.url} (id "${problem.id}"): ${problem.message}\n  fix: ${problem.fix}`;
}
