/**
 * What every editorial decision shares: where it came from (a heuristic of the ingest, or the edition
 * file alone) and, when the editor overruled a heuristic, the record the report lists.
 */
import type { Span } from '../witness/line-index.ts';

/** `heuristic` when the ingest found it (the edition file may confirm it), `edition` when only the edition file names it. */
export type Origin = 'heuristic' | 'edition';

/** A heuristic decision the editor overruled, kept for the report. */
export interface Overruled extends Span {
  what: 'removal' | 'heading';
  reason: string;
}

/** True when the two spans share at least one character. */
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
