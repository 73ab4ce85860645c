import type { IdLock } from '../schema/ledger.ts';
import { type IdCandidate, matchLockedIds } from './match-locked-ids.ts';
import { openingSlug } from './opening-slug.ts';
import { chainRetired, retireUnmatched } from './retire-ids.ts';
import { reviveRetired } from './revive-retired.ts';

export interface StableIds {
  /** The id of each candidate, in the same order. */
  ids: string[];
  /** The lock to persist: live passages and every retired id with its successor. */
  lock: IdLock;
}

/**
 * Gives each passage a permanent id. Ids already in the lock are re-matched by text: first exact
 * matches, then, between those anchors and in order, the most similar passage. Ids are unique across
 * the whole edition, so a passage keeps its id even if the editor moves it to another document.
 * New passages get a slug of their opening words. Old ids that match nothing are retired, never
 * reused, and point to a successor: the neighbour their text was merged into, else the next passage.
 */
export function assignStableIds(candidates: readonly IdCandidate[], previous: IdLock | null): StableIds {
  const old = previous?.passages ?? [];
  // Passes 1 and 2: unchanged passages, then edited ones, keep their ids.
  const oldFor = matchLockedIds(candidates, old);
  const taken = new Set(oldFor.filter((j): j is number => j !== undefined));

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
