import { diffArrays } from 'diff';

const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * How alike two passages are: words they share in order (a word diff), as a share of both.
 * 1 for the same words, 0 for nothing in common. Edits past half the words are not worth
 * diffing further (the pair is no match), which bounds the cost on long, unrelated texts.
 */
export function textSimilarity(a: string, b: string): number {
  return sharedWords(a, b).share;
}

/** The share of `part`'s words that stand, in order, in `whole`: 1 when `whole` contains all of `part`. */
export function containment(part: string, whole: string): number {
  const { shared, aLength } = sharedWords(part, whole, false);
  return aLength === 0 ? 0 : shared / aLength;
}

function sharedWords(
  a: string,
  b: string,
  bounded = true,
): { share: number; shared: number; aLength: number } {
  const left = tokens(a);
  const right = tokens(b);
  const total = left.length + right.length;
  if (total === 0) return { share: 1, shared: 0, aLength: 0 };
  const changes = bounded
    ? diffArrays(left, right, { maxEditLength: Math.ceil(total / 2) })
    : diffArrays(left, right);
  if (!changes) return { share: 0, shared: 0, aLength: left.length };
  let shared = 0;
  for (const change of changes) if (!change.added && !change.removed) shared += change.count;
  return { share: (2 * shared) / total, shared, aLength: left.length };
}
