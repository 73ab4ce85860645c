import { abbreviate } from '../content-error.ts';
import type { Ledger } from '../schema/ledger.ts';

/**
 * The `--report`: every decision with its witness line, kind, who made it and why, in witness order,
 * with the heuristic decisions that the edition file has not confirmed flagged UNCONFIRMED.
 */
export function formatReport(
  ledger: Ledger,
  editionFile: string | null,
  overruled: readonly OverruledLine[],
): string {
  const rows: { offset: number; line: string }[] = [];
  const mark = (origin: string, confirmed: boolean) =>
    origin === 'edition' ? 'edition' : confirmed ? 'heuristic, confirmed' : 'heuristic, UNCONFIRMED';
  const where = (point: { line: number; column: number }) => `L${point.line}:${point.column}`.padEnd(9);

  for (const document of ledger.documents) {
    rows.push({
      offset: document.witness.start.offset,
      line: `${where(document.witness.start)} document  ${document.id}: “${abbreviate(document.title, 50)}”, ${document.passages} passages, to L${document.witness.end.line}`,
    });
  }
  for (const removal of ledger.removals) {
    rows.push({
      offset: removal.witness.start.offset,
      line: `${where(removal.witness.start)} remove    ${removal.kind} [${mark(removal.origin, removal.confirmed)}] “${abbreviate(removal.text)}” — ${removal.reason}`,
    });
  }
  for (const heading of ledger.headings) {
    rows.push({
      offset: heading.witness.start.offset,
      line: `${where(heading.witness.start)} heading   [${mark(heading.origin, heading.confirmed)}] “${heading.text}” — ${heading.reason}`,
    });
  }
  for (const gap of ledger.gaps) {
    const shown =
      gap.status === 'rejected'
        ? 'not a gap'
        : `${gap.marker} ${gap.status}${gap.source ? ` (source: ${gap.source})` : ''}`;
    rows.push({
      offset: gap.witness.offset,
      line: `${where(gap.witness)} gap       ${gap.kind} [${mark(gap.origin, gap.confirmed)}] “${abbreviate(gap.evidence, 40)}” → ${shown} — ${gap.reason}`,
    });
  }
  for (const entry of overruled) {
    rows.push({
      offset: entry.offset,
      line: `${where(entry)} overruled ${entry.what} “${abbreviate(entry.text)}” kept by the edition file — ${entry.reason}`,
    });
  }
  rows.sort((a, b) => a.offset - b.offset);

  const unconfirmed = [...ledger.removals, ...ledger.headings, ...ledger.gaps].filter(
    (decision) => decision.origin === 'heuristic' && !decision.confirmed,
  ).length;
  const header = [
    `witness   ${ledger.witness.file} (${ledger.witness.lines} lines, sha256 ${ledger.witness.sha256.slice(0, 12)}…)`,
    `edition   ${editionFile ?? 'none: every decision is a heuristic one'}`,
    // The site publishes the witness with an anchor per line, named as the report names the lines.
    'lines     L<line>:<column>; the built site shows line <line> at /witness/#L<line>',
    '',
  ];
  const footer = [
    '',
    `${ledger.removals.length} removals, ${ledger.headings.length} headings, ${ledger.gaps.length} gaps, ${ledger.retired.length} retired ids; ${unconfirmed} heuristic decisions unconfirmed${unconfirmed > 0 && editionFile ? ' (confirm or overrule them in the edition file)' : ''}`,
  ];
  return [...header, ...rows.map((row) => row.line), ...footer].join('\n');
}

export interface OverruledLine {
  offset: number;
  line: number;
  column: number;
  what: string;
  text: string;
  reason: string;
}
