import type { WitnessPoint, WitnessRange } from '../schema/passage.ts';

/** Maps offsets in the witness text to 1-based line and column, by binary search over line starts. */
export class LineIndex {
  readonly #starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.#starts = starts;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  point(offset: number): WitnessPoint {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.#starts[low] ?? 0) + 1, offset };
  }

  range(span: Span): WitnessRange {
    return { start: this.point(span.start), end: this.point(span.end) };
  }
}

/** A stretch of the witness text: `start` inclusive, `end` exclusive, both UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}
