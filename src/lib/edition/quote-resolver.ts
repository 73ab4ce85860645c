import { abbreviate } from '../content-error.ts';
import type { LineIndex, Span } from '../witness/line-index.ts';
import { locateQuote } from './locate-quote.ts';
import type { ParsedEdition } from './parse-edition-file.ts';

/** Resolves quotes of the edition file against the witness; each must occur as often as it says. */
export class QuoteResolver {
  readonly #text: string;
  readonly #edition: ParsedEdition;
  readonly #witnessFile: string;
  readonly #lines: LineIndex;

  /** The witness text the quotes are resolved in. */
  get text(): string {
    return this.#text;
  }

  constructor(text: string, edition: ParsedEdition, witnessFile: string, lines: LineIndex) {
    this.#text = text;
    this.#edition = edition;
    this.#witnessFile = witnessFile;
    this.#lines = lines;
  }

  /** All occurrences when `occurrences` is 'all', else exactly one. */
  resolve(quote: string, path: readonly (string | number)[], occurrences: 'all' | 1 = 1): Span[] {
    const found = locateQuote(this.#text, quote);
    const fail = (rule: string, message: string, fix: string): never => {
      throw this.#edition.problemAt(path, rule, message, fix);
    };
    if (found.length === 0) {
      const form = normalisationOf(this.#text, quote);
      if (form) {
        fail(
          'quote-normalisation',
          `Unexpected quote “${abbreviate(quote)}” at \`${path.join('.')}\`: it is in the witness ${this.#witnessFile} only with its accented letters composed differently (the quote is written in Unicode ${form.quote}, the witness in ${form.witness}: the two look the same but are different characters), expected the witness’s own characters`,
          `copy the quote from the witness again, or convert the edition file to ${form.witness} (\`uconv -x any-${form.witness.toLowerCase()} in.yaml > out.yaml\`, or your editor’s Unicode normalisation); the witness is never changed`,
        );
      }
      fail(
        'quote-not-found',
        `Unexpected quote “${abbreviate(quote)}” at \`${path.join('.')}\`: it is not in the witness ${this.#witnessFile}, expected an exact quote of the witness`,
        'copy the words from the witness exactly (quotation marks, dashes and apostrophes must match); line breaks may be written as spaces',
      );
    }
    if (occurrences === 1 && found.length > 1) {
      const lines = found.map((span) => this.#lines.point(span.start).line).join(', ');
      fail(
        'quote-ambiguous',
        `Unexpected quote “${abbreviate(quote)}” at \`${path.join('.')}\`: it occurs ${found.length} times in the witness (lines ${lines}), expected exactly once`,
        'quote more words so that it occurs once, or (for removals) set `occurrences: all`',
      );
    }
    return found;
  }
}

/**
 * When a quote not found in the witness is found once normalised to NFC or NFD (é as one character,
 * or as e and a combining accent), the form of each; null when normalising does not help either.
 */
function normalisationOf(text: string, quote: string): { quote: string; witness: string } | null {
  for (const witness of ['NFC', 'NFD'] as const) {
    const normalised = quote.normalize(witness);
    if (normalised !== quote && locateQuote(text, normalised).length > 0)
      return { quote: witness === 'NFC' ? 'NFD' : 'NFC', witness };
  }
  return null;
}
