import type { Element, Root } from 'hast';
import { abbreviate, ContentError } from '../content-error.ts';
import type { NoteTarget } from '../schema/annotation.ts';
import { elementsOverlapping, visibleText, wrapRange } from './hast-range.ts';
import type { Point } from './parse-annotation-file.ts';
import { findTextQuote, type TextRange } from './text-quote.ts';

/** A note as the anchoring needs it: where it points, and where its file says so (for errors). */
export interface NoteAnchor {
  id: string;
  /** The annotation file, relative to the project root. */
  file: string;
  target: NoteTarget;
  at?: { passage: Point; quote: Point } | undefined;
}

/** Where a note's quote was found: the top-level block of the passage, and the range of its text. */
export interface NoteLocation<Note extends NoteAnchor> extends TextRange {
  note: Note;
  /** Index of the block element among the passage tree's top-level elements. */
  block: number;
}

/** The passage the notes anchor in, for error messages. */
export interface PassageRef {
  id: string;
  /** Its file, relative to the project root, when known. */
  file?: string | undefined;
}

const start: Point = { line: 1, column: 1 };

/** The top-level elements of a passage's tree: its paragraphs (or other blocks). */
export function passageBlocks(tree: Root): Element[] {
  return tree.children.filter((node): node is Element => node.type === 'element');
}

/**
 * Finds each note's quote in the passage's blocks, in reading order. A quote found nowhere, found
 * more than once, overlapping another note's quote, or running into a link stops the build with
 * the annotation file, the quote and the passage named.
 */
export function locateNotes<Note extends NoteAnchor>(
  blocks: readonly Element[],
  passage: PassageRef,
  notes: readonly Note[],
): NoteLocation<Note>[] {
  const texts = blocks.map(visibleText);
  const located = notes.map((note): NoteLocation<Note> => {
    const { quote: exact, prefix, suffix } = note.target;
    const found = texts.map((text) => findTextQuote(text, { exact, prefix, suffix }));
    const matches = found.flatMap(({ matches }, block) => matches.map((range) => ({ block, ...range })));
    const [only] = matches;
    if (matches.length === 1 && only) return { note, ...only };
    const occurrences = found.flatMap(({ occurrences }, block) =>
      occurrences.map((range) => ({ block, ...range })),
    );
    if (matches.length === 0) throw quoteNotFound(note, passage, occurrences.length);
    throw quoteAmbiguous(
      note,
      passage,
      matches.map(({ block, ...range }) => contextOf(texts[block] ?? '', range)),
    );
  });
  located.sort((a, b) => a.block - b.block || a.start - b.start);
  located.forEach((location, index) => {
    const previous = located[index - 1];
    if (previous && previous.block === location.block && location.start < previous.end) {
      throw new ContentError({
        file: location.note.file,
        ...(location.note.at?.quote ?? start),
        rule: 'note-quote-overlap',
        message: `Unexpected quote “${abbreviate(location.note.target.quote)}” overlapping the quote of ${previous.note.file} in passage "${passage.id}", expected each note to anchor to words of its own`,
        fix: 'shorten one of the two quotes so that they do not share words',
      });
    }
    const block = blocks[location.block];
    if (block && elementsOverlapping(block, location.start, location.end, 'a').length > 0) {
      throw new ContentError({
        file: location.note.file,
        ...(location.note.at?.quote ?? start),
        rule: 'note-quote-in-link',
        message: `Unexpected quote “${abbreviate(location.note.target.quote)}” running into a link in passage "${passage.id}", expected words outside any link (a note's words become a link themselves)`,
        fix: 'quote words next to the link instead',
      });
    }
  });
  return located;
}

/**
 * Anchors the notes in a passage's tree: wraps each quote in the element `reference(note)`
 * returns and inserts `aside(note)` after the block that holds it, notes in reading order.
 * Returns the locations, in reading order.
 */
export function anchorNotes<Note extends NoteAnchor>(
  tree: Root,
  passage: PassageRef,
  notes: readonly Note[],
  reference: (note: Note) => Element,
  aside: (note: Note) => Element,
): NoteLocation<Note>[] {
  const blocks = passageBlocks(tree);
  const located = locateNotes(blocks, passage, notes);
  // Wrapping from the end keeps the offsets of the earlier quotes valid, whatever a link adds.
  for (const location of located.toReversed()) {
    const block = blocks[location.block];
    if (block) wrapRange(block, location.start, location.end, reference(location.note));
  }
  for (const [index, block] of blocks.entries()) {
    const asides = located.filter((location) => location.block === index).map(({ note }) => aside(note));
    if (asides.length > 0) tree.children.splice(tree.children.indexOf(block) + 1, 0, ...asides);
  }
  return located;
}

function quoteNotFound(note: NoteAnchor, passage: PassageRef, occurrences: number): ContentError {
  const { quote, prefix, suffix } = note.target;
  const where = passage.file ? ` (${passage.file})` : '';
  if (occurrences > 0) {
    const context = [
      prefix !== undefined ? `prefix “${prefix}”` : '',
      suffix !== undefined ? `suffix “${suffix}”` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return new ContentError({
      file: note.file,
      ...(note.at?.quote ?? start),
      rule: 'note-quote-not-found',
      message: `Unexpected ${context} around quote “${abbreviate(quote)}” in passage "${passage.id}"${where}: the quote occurs ${times(occurrences)}, but never with that context`,
      fix: 'copy the words just before (prefix) or after (suffix) the quote from the passage, exactly as displayed',
    });
  }
  return new ContentError({
    file: note.file,
    ...(note.at?.quote ?? start),
    rule: 'note-quote-not-found',
    message: `Unexpected quote “${abbreviate(quote)}” not found in passage "${passage.id}"${where}, expected words of the passage as displayed`,
    fix: 'copy the words from the passage; editorial brackets such as […] are part of the text, Markdown markup is not',
  });
}

function quoteAmbiguous(note: NoteAnchor, passage: PassageRef, contexts: string[]): ContentError {
  return new ContentError({
    file: note.file,
    ...(note.at?.quote ?? start),
    rule: 'note-quote-ambiguous',
    message: `Unexpected quote “${abbreviate(note.target.quote)}” found ${times(contexts.length)} in passage "${passage.id}", expected exactly one match`,
    fix: `add \`prefix:\` (the words just before) or \`suffix:\` (the words just after) to pick one: ${contexts.map((context, index) => `${index + 1}. ${context}`).join('; ')}`,
  });
}

/** The text either side of an occurrence, written as the prefix and suffix that would pick it. */
function contextOf(text: string, range: TextRange): string {
  const before = text.slice(Math.max(0, range.start - 20), range.start).replace(/\s+/g, ' ');
  const after = text.slice(range.end, range.end + 20).replace(/\s+/g, ' ');
  return `prefix “${before}” or suffix “${after}”`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}
