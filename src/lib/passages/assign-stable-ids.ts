import { slug } from 'github-slugger';
import type { IdLock, LockedRetiredId } from '../schema/ledger.ts';
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

  // Pass 3: a paragraph an earlier edit removed and this one restores takes its retired id back.
  const revivedFor = reviveRetired(candidates, oldFor, previous?.retired ?? []);
  const revived = new Set(revivedFor.values());

  // New passages: a slug of their opening words, never one used before (live or retired).
  const used = new Set<string>([
    ...old.map((entry) => entry.id),
    ...(previous?.retired ?? []).map((r) => r.id),
  ]);
  const nextSuffix = new Map<string, number>();
  const ids = candidates.map((candidate, i) => {
    const match = oldFor[i];
    if (match !== undefined) return old[match]?.id ?? '';
    const back = revivedFor.get(i);
    if (back !== undefined) return back;
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
  const chained = chainRetired(
    (previous?.retired ?? []).filter((entry) => !revived.has(entry.id)),
    retired,
  );
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
): LockedRetiredId[] {
  const survivorOf = new Map<number, number>();
  oldFor.forEach((j, i) => {
    if (j !== undefined) survivorOf.set(j, i);
  });
  const retired: LockedRetiredId[] = [];
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
      document: entry.document,
      text: entry.text,
    });
  });
  return retired;
}

/** Keeps every earlier retirement, re-pointed when its successor has itself been retired now. */
function chainRetired(
  earlier: readonly LockedRetiredId[],
  now: readonly LockedRetiredId[],
): LockedRetiredId[] {
  const nowById = new Map(now.map((r) => [r.id, r]));
  const resolve = (id: string) => {
    let current = id;
    for (let hops = 0; nowById.has(current) && hops < now.length; hops++)
      current = nowById.get(current)?.successor ?? current;
    return current;
  };
  return [...earlier.map((r) => ({ ...r, successor: resolve(r.successor) })), ...now];
}

/**
 * Which unmatched passages are retired paragraphs come back, by index: the same text, or (when it was
 * also corrected) text as similar as pass 2 asks and the same opening words, which gave the id. Only
 * retired ids whose lock entry kept the text can come back.
 */
function reviveRetired(
  candidates: readonly IdCandidate[],
  oldFor: readonly (number | undefined)[],
  retired: readonly LockedRetiredId[],
): Map<number, string> {
  const revivedFor = new Map<number, string>();
  const withText = retired.filter(
    (entry): entry is LockedRetiredId & { text: string } => entry.text !== undefined,
  );
  if (withText.length === 0) return revivedFor;
  const taken = new Set<string>();
  const byText = new Map<string, (typeof withText)[number][]>();
  for (const entry of withText) {
    const key = normalise(entry.text);
    byText.set(key, [...(byText.get(key) ?? []), entry]);
  }
  candidates.forEach((candidate, i) => {
    if (oldFor[i] !== undefined) return;
    const entry = byText.get(normalise(candidate.text))?.find((e) => !taken.has(e.id));
    if (!entry) return;
    revivedFor.set(i, entry.id);
    taken.add(entry.id);
  });
  const byOpening = new Map<string, (typeof withText)[number][]>();
  for (const entry of withText) {
    const key = openingSlug(entry.text);
    byOpening.set(key, [...(byOpening.get(key) ?? []), entry]);
  }
  candidates.forEach((candidate, i) => {
    if (oldFor[i] !== undefined || revivedFor.has(i)) return;
    let best: string | undefined;
    let bestScore = MATCH_THRESHOLD;
    for (const entry of byOpening.get(openingSlug(candidate.text)) ?? []) {
      if (taken.has(entry.id)) continue;
      const score = textSimilarity(entry.text, candidate.text);
      if (score > bestScore) {
        best = entry.id;
        bestScore = score;
      }
    }
    if (best === undefined) return;
    revivedFor.set(i, best);
    taken.add(best);
  });
  return revivedFor;
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
