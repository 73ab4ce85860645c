/*
 * Where each marginal note stands, computed for all the notes at once from measured numbers only
 * (no DOM here, so the rule is unit-tested and notes.ts measures once and writes once).
 *
 * In each column, notes keep their order and never overlap; among the placements that allow, the
 * one chosen puts the notes nearest their words (least total squared distance: a cluster of notes
 * centres on its words, some standing above their line, rather than all being pushed down, and
 * shares the displacement out rather than leaving one note to take it all). A
 * cluster that still stands too far from its words goes brief: number and title only, which is what
 * a crowded paragraph's notes can show beside it. On a wide screen a second column, on the other
 * side of the text, takes a note when that brings it nearer its words. An open note keeps its
 * place; its neighbours make room for it and return when it closes.
 */

/** A note as the layout needs it, in reading order. */
export interface MarginItem {
  /** Where it would stand: the top of its words' first line. */
  want: number;
  /** Its height in the short form: number, title and first words. */
  height: number;
  /** Its height brief: number and title. */
  briefHeight: number;
  /** Its height open; set for an open note only. */
  openHeight?: number | undefined;
}

export interface MarginOptions {
  /** Space between two notes. */
  gap: number;
  /** The highest a note may stand (the top of the text). */
  top: number;
  /** 1, or 2 on a screen wide enough for a column on each side of the text. */
  columns: 1 | 2;
  /** The distance from its words beyond which a note's cluster goes brief. */
  tolerance: number;
  /** The note just opened, which keeps its top while its neighbours move. */
  pinned?: { index: number; top: number } | undefined;
}

/** Where one note goes. */
export interface MarginSlot {
  top: number;
  /** 0: the main column (right of the text); 1: the second column (left of it). */
  column: 0 | 1;
  brief: boolean;
}

/** Lays out every note; the result is in the order of `items`. */
export function layoutMargin(items: readonly MarginItem[], options: MarginOptions): MarginSlot[] {
  const columns = assignColumns(items, options);
  const slots: MarginSlot[] = items.map(() => ({ top: 0, column: 0, brief: false }));
  for (const column of [0, 1] as const) {
    const members = columns.flatMap((assigned, index) => (assigned === column ? [index] : []));
    if (members.length === 0) continue;
    const wants = members.map((index) => items[index]?.want ?? 0);
    const pinnedAt = members.indexOf(options.pinned?.index ?? -1);
    const pin = pinnedAt >= 0 && options.pinned ? { at: pinnedAt, top: options.pinned.top } : undefined;
    const solve = (brief: ReadonlySet<number>) => {
      const heights = members.map((index, at) => heightOf(items[index] as MarginItem, brief.has(at)));
      const tops = placeColumn(wants, heights, options.gap, options.top, pin);
      const far = tops.map((top, at) => (at === pin?.at ? 0 : Math.abs(top - (wants[at] ?? 0))));
      return { heights, tops, far };
    };
    // Crowded clusters go brief as a whole; each round can only add notes, so this ends.
    const brief = new Set<number>();
    for (let round = 0; round <= members.length; round++) {
      const { heights, tops, far } = solve(brief);
      const before = brief.size;
      for (const cluster of clusters(tops, heights, options.gap)) {
        if (!cluster.some((at) => (far[at] ?? 0) > options.tolerance)) continue;
        for (const at of cluster) if (items[members[at] as number]?.openHeight === undefined) brief.add(at);
      }
      if (brief.size === before) break;
    }
    // Then each brief note takes its short form back if no note goes too far for it, or farther
    // than it already was.
    let best = solve(brief);
    for (const at of [...brief].sort((a, b) => a - b)) {
      brief.delete(at);
      const trial = solve(brief);
      // A hundredth of a pixel of slack: the same sums in another order may differ by rounding.
      if (trial.far.every((distance, i) => distance <= Math.max(best.far[i] ?? 0, options.tolerance) + 0.01))
        best = trial;
      else brief.add(at);
    }
    members.forEach((index, at) => {
      slots[index] = { top: best.tops[at] ?? 0, column, brief: brief.has(at) };
    });
  }
  return slots;
}

function heightOf(item: MarginItem, brief: boolean): number {
  return item.openHeight ?? (brief ? item.briefHeight : item.height);
}

/**
 * With two columns, each note in turn goes to the column where it can stand nearer its words
 * (the main one when both are as near), judged in the short form, so that opening or closing a
 * note never moves another across the text.
 */
function assignColumns(items: readonly MarginItem[], options: MarginOptions): (0 | 1)[] {
  if (options.columns === 1) return items.map(() => 0);
  const free = [options.top, options.top];
  return items.map((item) => {
    const late = free.map((top) => Math.max(0, (top ?? 0) - item.want));
    const column: 0 | 1 = (late[1] ?? 0) < (late[0] ?? 0) ? 1 : 0;
    free[column] = Math.max(free[column] ?? 0, item.want) + item.height + options.gap;
    return column;
  });
}

/**
 * Tops for one column: in order, each at least `gap` below the one before, none above `top`, and
 * the sum of the distances |top − want| least. A pinned note keeps its top; the notes before it
 * end above it and those after it start below it.
 */
export function placeColumn(
  wants: readonly number[],
  heights: readonly number[],
  gap: number,
  top: number,
  pinned?: { at: number; top: number },
): number[] {
  if (!pinned) return placeRun(wants, heights, gap, top, Number.POSITIVE_INFINITY);
  const { at } = pinned;
  const above = heights.slice(0, at).reduce((sum, height) => sum + height + gap, 0);
  const pinTop = Math.max(pinned.top, top + above);
  const before = placeRun(wants.slice(0, at), heights.slice(0, at), gap, top, pinTop - gap);
  const after = placeRun(
    wants.slice(at + 1),
    heights.slice(at + 1),
    gap,
    pinTop + (heights[at] ?? 0) + gap,
    Number.POSITIVE_INFINITY,
  );
  return [...before, pinTop, ...after];
}

/**
 * The run's tops between `top` and `bottom` (where the last note must end). With offsets o_i (the
 * heights and gaps of the notes before), top_i = z_i + o_i, and "no overlap" is z non-decreasing:
 * the placement of least total squared distance is the isotonic regression of want_i − o_i (pool
 * adjacent violators, each pool at the mean of its members), clipped to the bounds.
 */
function placeRun(
  wants: readonly number[],
  heights: readonly number[],
  gap: number,
  top: number,
  bottom: number,
): number[] {
  const n = wants.length;
  const offsets = new Float64Array(n);
  let offset = 0;
  for (let index = 0; index < n; index++) {
    offsets[index] = offset;
    offset += (heights[index] ?? 0) + gap;
  }
  // Each pool keeps the count and sum of its members, so that a merge costs the same however large
  // the pools (a reader may have thousands of notes in one cluster); in flat arrays, since a page
  // lays out hundreds of notes many times over.
  const counts = new Int32Array(n);
  const sums = new Float64Array(n);
  const levels = new Float64Array(n);
  let pools = 0;
  for (let index = 0; index < n; index++) {
    const value = (wants[index] ?? 0) - (offsets[index] ?? 0);
    counts[pools] = 1;
    sums[pools] = value;
    levels[pools] = value;
    pools++;
    while (pools > 1 && (levels[pools - 2] ?? 0) > (levels[pools - 1] ?? 0)) {
      const into = pools - 2;
      const count = (counts[into] ?? 0) + (counts[pools - 1] ?? 0);
      const sum = (sums[into] ?? 0) + (sums[pools - 1] ?? 0);
      counts[into] = count;
      sums[into] = sum;
      // The mean: the level nearest all the pool's members in squared distance.
      levels[into] = sum / count;
      pools--;
    }
  }
  const lastIndex = n - 1;
  const highest = bottom - (heights[lastIndex] ?? 0) - (offsets[lastIndex] ?? 0);
  const tops: number[] = new Array(n);
  let index = 0;
  for (let pool = 0; pool < pools; pool++) {
    const level = Math.max(top, Math.min(levels[pool] ?? 0, highest));
    for (let member = 0; member < (counts[pool] ?? 0); member++, index++)
      tops[index] = level + (offsets[index] ?? 0);
  }
  return tops;
}

/** Runs of notes that touch (each starts where the one before ends, plus the gap): the clusters. */
function clusters(tops: readonly number[], heights: readonly number[], gap: number): number[][] {
  const runs: number[][] = [];
  tops.forEach((top, index) => {
    const previous = index - 1;
    const touching = previous >= 0 && top - ((tops[previous] ?? 0) + (heights[previous] ?? 0) + gap) < 0.5;
    const run = runs.at(-1);
    if (touching && run) run.push(index);
    else runs.push([index]);
  });
  return runs;
}
