import { slug } from 'github-slugger';
import type { IdLock, RetiredId } from '../schema/ledger.ts';
import { containment, textSimilarity } from './text-similarity.ts';

/** What the id matcher needs to know of a passage. */
export interface IdCandidate {
  document: string;
  text: string;
}

export interface StableIds {
  /** The id of each candidate, in the same order. */
  ids: string[];
  /** The lock to persist: live passages and every retired id with its successor. */
  lock: IdLock;
}

/** Below this, an edited passage is taken for a different one. */
const MATCH_THRESHOLD = 0.5;
/** A retired passage whose words stand at least this much in a neighbour was merged into it. */
const MERGE_THRESHOLD = 0.6;
/** How many unmatched old passages a new one is compared with, so re-ingest stays linear. */
const WINDOW = 40;

const normalise = (text: string) => text.replace(/\s+/gu, ' ').trim().toLowerCase();

/**
 * Gives each passage a permanent id. Ids already in the lock are re-matched by text: first exact
 * matches, then, between those anchors and in order, the most similar passage. Ids are unique across
 * the whole edition, so a passage keeps its id even if the editor moves it to another document.
 * New passages get a slug of their opening words. Old ids that match nothing are retired, never
 * reused, and point to a successor: the neighbour their text was merged into, else the next passage.
 */
export function assignStableIds(candidates: readonly IdCandidate[], previous: IdLock | null): StableIds {
  const old = previous?.passages ?? [];
  const oldFor: (number | undefined)[] = new Array(candidates.length);
  const taken = new Set<number>();

  // Pass 1: unchanged passages keep their ids.
  const byText = new Map<string, number[]>();
  old.forEach((entry, i) => {
    const key = normalise(entry.text);
    byText.set(key, [...(byText.get(key) ?? []), i]);
  });
  candidates.forEach((candidate, i) => {
    const queue = byText.get(normalise(candidate.text));
    const match = queue?.shift();
    if (match !== undefined) {
      oldFor[i] = match;
      taken.add(match);
    }
  });

  // Pass 2: edited passages, matched between the anchors of pass 1 so that order is respected.
  const nextAnchor: number[] = new Array(candidates.length);
  let upcoming = old.length;
  for (let i = candidates.length - 1; i >= 0; i--) {
    nextAnchor[i] = upcoming;
    upcoming = oldFor[i] ?? upcoming;
  }
  let lastAnchor = -1;
  candidates.forEach((candidate, i) => {
    const fixed = oldFor[i];
    if (fixed !== undefined) {
      lastAnchor = fixed;
      return;
    }
    let best = -1;
    let bestScore = MATCH_THRESHOLD;
    let compared = 0;
    for (let j = lastAnchor + 1; j < (nextAnchor[i] ?? old.length) && compared < WINDOW; j++) {
      const entry = old[j];
      if (!entry || taken.has(j)) continue;
      compared++;
      const score = textSimilarity(entry.text, candidate.text);
      if (score > bestScore) {
        best = j;
        bestScore = score;
      }
    }
    if (best !== -1) {
      oldFor[i] = best;
      taken.add(best);
      lastAnchor = best;
    }
  });

  // New passages: a slug of their opening words, never one used before (live or retired).
  const used = new Set<string>([
    ...old.map((entry) => entry.id),
    ...(previous?.retired ?? []).map((r) => r.id),
  ]);
  const nextSuffix = new Map<string, number>();
  const ids = candidates.map((candidate, i) => {
    const match = oldFor[i];
    if (match !== undefined) return old[match]?.id ?? '';
    const base = openingSlug(candidate.text);
    let id = base;
    // Many paragraphs may open alike (“It is …”): remember the last suffix per base instead of counting up anew.
    for (let n = nextSuffix.get(base) ?? 2; used.has(id); n++) {
      id = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    used.add(id);
    return id;
  });

  const retired = retireUnmatched(old, taken, candidates, ids, oldFor);
  const chained = chainRetired(previous?.retired ?? [], retired);
  return {
    ids,
    lock: {
      version: 1,
      passages: candidates.map((candidate, i) => ({
        id: ids[i] ?? '',
        document: candidate.document,
        text: candidate.text,
      })),
      retired: chained,
    },
  };
}

function retireUnmatched(
  old: IdLock['passages'],
  taken: ReadonlySet<number>,
  candidates: readonly IdCandidate[],
  ids: readonly string[],
  oldFor: readonly (number | undefined)[],
): RetiredId[] {
  const survivorOf = new Map<number, number>();
  oldFor.forEach((j, i) => {
    if (j !== undefined) survivorOf.set(j, i);
  });
  const retired: RetiredId[] = [];
  old.forEach((entry, j) => {
    if (taken.has(j)) return;
    // The surviving neighbours in the old order: the passages a merge would have joined it to.
    let before: number | undefined;
    for (let k = j - 1; k >= 0 && before === undefined; k--) before = survivorOf.get(k);
    let after: number | undefined;
    for (let k = j + 1; k < old.length && after === undefined; k++) after = survivorOf.get(k);
    const neighbours = [before, after].filter((i): i is number => i !== undefined);
    let merged: number | undefined;
    let bestShare = MERGE_THRESHOLD;
    for (const i of neighbours) {
      const share = containment(entry.text, candidates[i]?.text ?? '');
      if (share >= bestShare) {
        merged = i;
        bestShare = share;
      }
    }
    const successor = merged ?? after ?? before ?? (candidates.length > 0 ? 0 : undefined);
    if (successor === undefined) return; // nothing survives at all: there is nowhere to send the link
    retired.push({
      id: entry.id,
      successor: ids[successor] ?? '',
      reason: merged === undefined ? 'removed' : 'merged',
    });
  });
  return retired;
}

/** Keeps every earlier retirement, re-pointed when its successor has itself been retired now. */
function chainRetired(earlier: readonly RetiredId[], now: readonly RetiredId[]): RetiredId[] {
  const nowById = new Map(now.map((r) => [r.id, r]));
  const resolve = (id: string) => {
    let current = id;
    for (let hops = 0; nowById.has(current) && hops < now.length; hops++)
      current = nowById.get(current)?.successor ?? current;
    return current;
  };
  return [...earlier.map((r) => ({ ...r, successor: resolve(r.successor) })), ...now];
}

/** A readable anchor from the first words: `zinoviev-and-kamenev-are-no-fools`. */
function openingSlug(text: string): string {
  // Editorial brackets are not the author's words, and anchors stay ASCII so they survive any medium.
  const plain = text
    .replace(/\[[^\]]*\]/gu, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const words = slug(plain)
    .split('-')
    .filter((word) => /^[a-z0-9]+$/u.test(word));
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > 40 && id) break;
    id = next;
    if (id.split('-').length >= 6) break;
  }
  return id || 'passage';
}
