import { getEntry } from 'astro:content';
import { basename } from 'node:path';
import { sitePath } from './edition.ts';

/*
 * The witness as the site publishes it: a page with one permanent anchor per line (/witness/#L21),
 * and the file itself, byte for byte, beside it. Every witness position the apparatus prints links
 * to its line through witnessLineHref.
 */

/** The witness page. */
export const WITNESS_PAGE = '/witness/';

/** A line of the witness, 1-based as the ledger counts it, as a link to its anchor on the witness page. */
export function witnessLineHref(line: number): string {
  return `${sitePath(WITNESS_PAGE)}#L${line}`;
}

/** The raw file's address on the site: the witness page's folder and the file's own name. */
export function witnessFileHref(file: string): string {
  return sitePath(`${WITNESS_PAGE}${basename(file)}`);
}

/** The witness's text, verbatim, and its lines (split at LF, as the ledger numbers them). */
export async function loadWitness(): Promise<{ file: string; text: string; lines: string[] }> {
  const entry = await getEntry('witness', 'witness');
  if (!entry) throw new Error('content/source: Unexpected missing witness, expected the scraped file');
  const { file, text } = entry.data;
  return { file, text, lines: text.split('\n') };
}
