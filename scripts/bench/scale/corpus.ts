/**
 * The synthetic corpora of the scale benchmark, made from the edition's own passages as the ingest
 * gives them (the committed witness, edition file and id lock: what `ingest --check` holds content/ to).
 *
 *   witness   the source text of every passage (its witness range: the kept prose, without the page's
 *             boilerplate and the editorial gap markers), N times over: the first copy as printed, every
 *             other copy with each paragraph's sentences shuffled, so that the ingest meets distinct
 *             paragraphs and must still give each a unique id. One-sentence paragraphs repeat verbatim.
 *   copies    N−1 copies of each passage beside it in content/passages/<document>/: id `<id>-c<k>`,
 *             ¶ numbers continuing after the document's last, the same document, section and witness
 *             range, sentences shuffled as above, gap markers moved with their sentences (offsets and
 *             ids recomputed), written by the ingest's own passageMarkdown().
 *
 * Sentences are the ingest's own (splitSentences), the order a seeded shuffle (shuffle.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSAGES_DIR } from '../../../src/lib/content-paths.ts';
import { passageMarkdown } from '../../../src/lib/emit/passage-markdown.ts';
import { ingestWitness } from '../../../src/lib/ingest-witness.ts';
import type { PassageFrontmatter } from '../../../src/lib/schema/passage.ts';
import { decodeWitness } from '../../../src/lib/witness/decode-witness.ts';
import type { Span } from '../../../src/lib/witness/line-index.ts';
import { splitSentences } from '../../../src/lib/witness/split-sentences.ts';
import { editionInput } from '../edition-input.ts';
import { shuffled } from './shuffle.ts';

export interface RealPassage {
  frontmatter: PassageFrontmatter;
  /** The text as displayed (gap markers included), which the passage file's Markdown reads as. */
  text: string;
  /** The passage's sentences in the witness, as the ingest splits them. */
  source: string[];
}

/** The edition's passages in witness order, as the ingest meets them. */
export function readRealPassages(): RealPassage[] {
  const input = editionInput({ withLock: true });
  const witness = decodeWitness(input.witness, input.witnessFile).text;
  return ingestWitness(input)
    .passages.map(({ frontmatter, text }) => ({
      frontmatter,
      text,
      source: sentencesOf(witness, {
        start: frontmatter.witness.start.offset,
        end: frontmatter.witness.end.offset,
      }),
    }))
    .sort((a, b) => a.frontmatter.witness.start.offset - b.frontmatter.witness.start.offset);
}

const sentencesOf = (text: string, span: Span) =>
  splitSentences(text, span).map((sentence) => text.slice(sentence.start, sentence.end));

/** The witness of the N× corpus: every passage's source N times, shuffled after the first. */
export function syntheticWitness(real: readonly RealPassage[], scale: number): string {
  const paragraphs: string[] = [];
  for (let copy = 1; copy <= scale; copy++) {
    for (const passage of real) {
      const { source } = passage;
      paragraphs.push((copy === 1 ? source : shuffled(source, seedOf(passage, copy))).join(' '));
    }
  }
  return `${paragraphs.join('\n\n')}\n`;
}

const seedOf = (passage: RealPassage, copy: number) => `${passage.frontmatter.id}:${copy}`;

/** Writes N−1 copies of every real passage into the project copy; returns the number of passages. */
export function writeCopies(project: string, real: readonly RealPassage[], scale: number): number {
  const lastN = new Map<string, number>();
  for (const { frontmatter } of real)
    lastN.set(frontmatter.document, Math.max(lastN.get(frontmatter.document) ?? 0, frontmatter.n));
  let count = real.length;
  for (let copy = 2; copy <= scale; copy++) {
    for (const passage of real) {
      const { frontmatter } = passage;
      const id = `${frontmatter.id}-c${copy}`;
      const { text, gaps } = shuffledPassage(passage, id, seedOf(passage, copy));
      const copied: PassageFrontmatter = {
        ...frontmatter,
        id,
        n: frontmatter.n + (copy - 1) * (lastN.get(frontmatter.document) ?? 0),
        gaps,
      };
      writeFileSync(
        join(project, PASSAGES_DIR, frontmatter.document, `${id}.md`),
        passageMarkdown(copied, text),
      );
      count++;
    }
  }
  return count;
}

/**
 * The passage's text with its sentences shuffled, and its gaps moved with their sentences: each gap's
 * offset in the displayed text is recomputed and checked against its marker.
 */
export function shuffledPassage(
  passage: RealPassage,
  id: string,
  seed: string,
): { text: string; gaps: PassageFrontmatter['gaps'] } {
  const sentences = splitSentences(passage.text, { start: 0, end: passage.text.length });
  const shown = sentences.map((sentence) => passage.text.slice(sentence.start, sentence.end));
  if (shown.join(' ') !== passage.text)
    throw new Error(
      `bench: ${passage.frontmatter.id}: its sentences, joined by one space, do not make up its text`,
    );
  const order = shuffled(
    sentences.map((_, i) => i),
    seed,
  );
  // Where each sentence starts in the shuffled text (joined by one space).
  const newStarts = new Map<number, number>();
  let offset = 0;
  for (const i of order) {
    newStarts.set(i, offset);
    offset += (shown[i]?.length ?? 0) + 1;
  }
  const text = order.map((i) => shown[i]).join(' ');
  const gaps = passage.frontmatter.gaps
    .map((gap) => {
      const sentence = sentences.findLastIndex((span) => span.start <= gap.at);
      const moved = (newStarts.get(sentence) ?? 0) + gap.at - (sentences[sentence]?.start ?? 0);
      return { ...gap, at: moved };
    })
    .sort((a, b) => a.at - b.at)
    .map((gap, k) => {
      if (text.slice(gap.at, gap.at + gap.marker.length) !== gap.marker)
        throw new Error(`bench: ${id}: the gap marker ${gap.marker} is not at ${gap.at} after shuffling`);
      return { ...gap, id: `${id}-gap-${k + 1}` };
    });
  return { text, gaps };
}
