import type { IdLock } from '../schema/ledger.ts';
import { textSimilarity } from './text-similarity.ts';

/** What the id matcher needs to know of a passage. */
export interface IdCandidate {
  document: string;
  text: string;
}

/** Below this, an edited passage is taken for a different one. */
export const MATCH_THRESHOLD = 0.5;
/** How many unmatched old passages a new one is compared with, so re-ingest stays linear. */
const WINDOW = 40;

export const normalise = (text: string) => text.replace(/\s+/gu, ' ').trim().toLowerCase();

/**
 * The index of each candidate's passage in the lock, or undefined for a passage the lock does not
 * hold: first exact matches, then, between those anchors and in order, the most similar passage.
 */
export function matchLockedIds(
  candidates: readonly IdCandidate[],
  old: IdLock['passages'],
): (number | undefined)[] {
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
  return oldFor;
}
