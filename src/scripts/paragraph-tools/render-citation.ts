import type { CitationRun } from '../../lib/cite/citation.ts';
import { make } from '../make-element.ts';

/** A citation's runs as nodes: plain text, and italics for titles. */
export const renderRuns = (runs: readonly CitationRun[]): (Node | string)[] =>
  runs.map((run) => (typeof run === 'string' ? run : make('i', {}, run.italic)));
