import type { GapKind } from '../schema/passage.ts';
import type { Span } from '../witness/line-index.ts';

/** A place where the scrape seems to have dropped a number or a quotation. */
export interface GapFinding {
  /** Offset in the witness where the missing words belong. */
  at: number;
  kind: GapKind;
  /** What is probably missing. */
  missing: string;
  /** The trace that gives the gap away. */
  evidence: Span;
  reason: string;
}

const PREPOSITIONS = 'in|of|on|at|by|to|from|for|since|until|during|about|over|than|with';

interface LacunaRule {
  kind: GapKind;
  pattern: RegExp;
  /** Offset of the gap inside the match. */
  gapAt: (match: RegExpExecArray) => number;
  missing: string;
  reason: (evidence: string) => string;
}

/**
 * The traces a scraper leaves when it drops a figure or a quotation that was marked up separately
 * (a year in a <span>, a quotation in a <blockquote>). Each rule names the trace it recognises.
 */
const RULES: LacunaRule[] = [
  {
    // “published inin German”: the year between two prepositions vanished and the words closed up.
    kind: 'doubled-word',
    pattern: new RegExp(`\\b(${PREPOSITIONS})\\s*\\1\\b`, 'giu'),
    gapAt: (match) => (match[1] ?? '').length,
    missing: 'a number (a year or a figure)',
    reason: (evidence) => `doubled preposition “${evidence}”: a number that stood between the two was cut`,
  },
  {
    // “the Leningrad Opposition inthere was”: the year after “in” was cut and the next word glued on.
    kind: 'glued-preposition',
    pattern:
      /\b(in|of|on|at|since|until)(there|the|which|this|that|these|those|his|her|their|its|he|she|they|we|it)\b/giu,
    gapAt: (match) => (match[1] ?? '').length,
    missing: 'a number (a year or a figure)',
    reason: (evidence) => `preposition glued to the next word (“${evidence}”): a number after it was cut`,
  },
  {
    // “as it existed in —”: a preposition cannot end a clause; its object (a year) was cut.
    kind: 'preposition-before-punctuation',
    pattern: new RegExp(`\\b(${PREPOSITIONS})(\\s+)[—–.,;:]`, 'giu'),
    gapAt: (match) => (match[1] ?? '').length + (match[2] ?? '').length,
    missing: 'a number (a year or a figure)',
    reason: (evidence) => `preposition followed by punctuation (“${evidence}”): its object was cut`,
  },
  {
    // “Lenin as early as warned”: “as early as” wants a date; a verb follows instead.
    kind: 'as-early-as',
    pattern: /\b(as early as\s+)(?!(?:the|a|an|his|her|its|their|then|that|this)\b)\p{Ll}+/giu,
    gapAt: (match) => (match[1] ?? '').length,
    missing: 'a date (a year)',
    reason: () => '“as early as” followed by a verb instead of a date: the date was cut',
  },
  {
    // “the economy of million people”: a magnitude word without its number.
    kind: 'orphan-magnitude',
    pattern:
      /\b(of|the|some|about|over|nearly|almost|than|to|by)(\s+)(?:million|billion|thousand|hundred)\b/giu,
    gapAt: (match) => (match[1] ?? '').length + (match[2] ?? '').length,
    missing: 'a figure',
    reason: (evidence) => `“${evidence}” without a number: the figure was cut`,
  },
  {
    // “warned … by letter: Lenin liked to call a spade a spade.” A colon that announces a quotation,
    // followed by an unquoted sentence that does not carry it on: the quotation (a blockquote) was cut.
    kind: 'colon-non-sequitur',
    pattern:
      /\b((?:wrote|writes|said|says|declared|stated|following(?:\s+\p{L}+)?|letter|item|possibility|reads|words)\s*:\s+)\p{Lu}\p{L}*/giu,
    gapAt: (match) => (match[1] ?? '').length,
    missing: 'a quotation',
    reason: (evidence) =>
      `a colon that announces a quotation (“${evidence}”) followed by an unquoted sentence: the quotation was probably cut`,
  },
];

/** Finds gap candidates in the kept stretches of the witness, in witness order. */
export function findLacunae(text: string, spans: readonly Span[]): GapFinding[] {
  const found: GapFinding[] = [];
  for (const span of spans) {
    const slice = text.slice(span.start, span.end);
    for (const rule of RULES) {
      rule.pattern.lastIndex = 0;
      for (let match = rule.pattern.exec(slice); match; match = rule.pattern.exec(slice)) {
        const start = span.start + match.index;
        found.push({
          at: start + rule.gapAt(match),
          kind: rule.kind,
          missing: rule.missing,
          evidence: { start, end: start + match[0].length },
          reason: rule.reason(match[0]),
        });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at);
}
