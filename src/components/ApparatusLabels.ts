import type { RemovalKind } from '../lib/schema/edition.ts';
import type { GapKind } from '../lib/schema/passage.ts';

/** How the apparatus names each kind of foreign matter. */
export const removalKindLabels: Record<RemovalKind, string> = {
  'keyword-spam': 'Search-keyword line',
  'web-title': 'Title of another web page',
  navigation: 'Navigation bullets',
  'snippet-stitch': 'Stitched search snippets',
  licence: 'Archive licence notice',
  'outside-document': 'Outside any document',
  'interface-text': 'Interface text of the web page',
};

/** How the apparatus names the trace that revealed a gap. */
export const gapKindLabels: Record<GapKind, string> = {
  'doubled-word': 'a doubled word',
  'glued-preposition': 'a preposition glued to the next word',
  'preposition-before-punctuation': 'a preposition before punctuation',
  'as-early-as': '“as early as” without a date',
  'orphan-magnitude': 'a magnitude without its number',
  'colon-non-sequitur': 'a colon followed by an unrelated sentence',
  editorial: 'the editor’s reading',
};

type Origin = 'heuristic' | 'edition';

/** Who decided: the ingest's heuristics (confirmed or not by the editor), or the editor alone. */
export function originLabel(origin: Origin, confirmed: boolean): string {
  if (origin === 'edition') return 'the editor’s decision';
  return confirmed
    ? 'found by the ingest, confirmed by the editor'
    : 'found by the ingest, not yet confirmed';
}

/**
 * Who made a table's decisions, said once for the table ("all found by the ingest, confirmed by the
 * editor, except one: the editor's decision"), so that each row needs to say it only when it differs.
 */
export function originSummary(decisions: readonly { origin: Origin; confirmed: boolean }[]): {
  usual: string;
  isUsual: (decision: { origin: Origin; confirmed: boolean }) => boolean;
  /** The table's caption after `lead`: "…: 13 in all, each found by the ingest, confirmed by the editor." */
  caption: (lead: string) => string;
} {
  const counts = new Map<string, number>();
  for (const d of decisions)
    counts.set(originLabel(d.origin, d.confirmed), (counts.get(originLabel(d.origin, d.confirmed)) ?? 0) + 1);
  const usual = [...counts.entries()].toSorted((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const others = decisions.length - (counts.get(usual) ?? 0);
  return {
    usual,
    isUsual: (d) => originLabel(d.origin, d.confirmed) === usual,
    caption: (lead) =>
      `${lead}: ${decisions.length} in all, ${others === 0 ? 'each' : `all but ${others}`} ${usual}.`,
  };
}

/** Dates are shown no more precisely than the data: "1 December 1934", "December 1934". */
export { formatPartialDate } from '../lib/timeline/partial-date.ts';
