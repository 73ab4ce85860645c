import type { IdLock, LockedRetiredId } from '../schema/ledger.ts';
import type { IdCandidate } from './match-locked-ids.ts';
import { containment } from './text-similarity.ts';

/** A retired passage whose words stand at least this much in a neighbour was merged into it. */
const MERGE_THRESHOLD = 0.6;

/**
 * Retires every old id that matched nothing, pointing it to a successor: the surviving neighbour its
 * text was merged into, else the next surviving passage (else the one before, else the first).
 */
export function retireUnmatched(
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
export function chainRetired(
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
