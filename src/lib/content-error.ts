/**
 * A problem in an input file that the user can fix: it names the file, the position, what was found,
 * what was expected, and how to fix it. Every stage throws this instead of a bare Error, so that the
 * CLI and the build print one clear message and exit non-zero.
 */
export interface ContentProblem {
  /** Path of the offending file, relative to the project root when possible. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Short stable id of the rule, e.g. `quote-not-found`. */
  rule: string;
  /** "Unexpected X, expected Y." */
  message: string;
  /** What to do about it. */
  fix: string;
}

export class ContentError extends Error {
  readonly problem: ContentProblem;

  constructor(problem: ContentProblem) {
    super(formatProblem(problem));
    this.name = 'ContentError';
    this.problem = problem;
  }
}

/**
 * A problem that spans files (a passage naming a document the edition file lacks, a retired id used
 * again, a timeline event naming a passage that is gone, an index entry no passage mentions): the
 * message names the file to fix, since no one position in one file is the cause. A problem at a
 * position in one file is a ContentError.
 */
export class EditionContentError extends Error {
  override name = 'EditionContentError';
}

/** `file:line:column: message [rule]` and the fix on the next line, as compilers and linters print it. */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.rule}]\n  fix: ${problem.fix}`;
}

/** Shortens a quote for an error message or a report line, keeping its start and end. */
export function abbreviate(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const half = Math.floor((max - 1) / 2);
  return `${flat.slice(0, half).trimEnd()}…${flat.slice(flat.length - half).trimStart()}`;
}
