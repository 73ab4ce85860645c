import type { LockedRetiredId } from '../schema/ledger.ts';
import { type IdCandidate, MATCH_THRESHOLD, normalise } from './match-locked-ids.ts';
import { openingSlug } from './opening-slug.ts';
import { textSimilarity } from './text-similarity.ts';

/**
 * Which unmatched passages are retired paragraphs come back, by index: the same text, or (when it was
 * also corrected) text as similar as pass 2 asks and the same opening words, which gave the id. Only
 * retired ids whose lock entry kept the text can come back.
 */
export function reviveRetired(
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
