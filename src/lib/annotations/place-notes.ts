import { ContentError } from '../content-error.ts';
import { markdownToHast } from '../markdown/pipeline.ts';
import type { RetiredId } from '../schema/ledger.ts';
import { locateNotes, passageBlocks } from './anchor-notes.ts';
import { type NoteContent, renderNoteBody } from './note-markup.ts';
import type { AnnotationFile } from './parse-annotation-file.ts';

/** A passage as the notes need it: its id, place in the edition, and Markdown text. */
export interface NotePassage {
  id: string;
  document: string;
  /** The ¶ number. */
  n: number;
  /** The passage file, relative to the project root, for error messages. */
  file?: string | undefined;
  markdown: string;
}

/** A note checked against its passage and numbered: what the rehype plugin and /notes.json use. */
export interface PlacedNote extends NoteContent {
  file: string;
  at?: AnnotationFile['at'];
  target: AnnotationFile['data']['target'];
  related: string[];
  /** The note's Markdown text. */
  markdown: string;
  /** The document of the passage it anchors in. */
  document: string;
  /** The ¶ number of that passage. */
  passageN: number;
}

/**
 * Checks every note against the passages and numbers the notes of each document in reading
 * order (¶, then position in the paragraph), 1, 2, 3 … Returns them in that order, documents in
 * the order of `passages`. A note naming a passage that does not exist, or whose quote does not
 * match exactly once, stops with a ContentError naming the annotation file.
 */
export function placeNotes(
  annotations: readonly AnnotationFile[],
  passages: readonly NotePassage[],
  retired: readonly RetiredId[] = [],
): PlacedNote[] {
  const byId = new Map(passages.map((passage) => [passage.id, passage]));
  const seen = new Map<string, string>();
  for (const annotation of annotations) {
    const other = seen.get(annotation.id);
    if (other !== undefined) {
      throw new ContentError({
        file: annotation.file,
        line: 1,
        column: 1,
        rule: 'annotation-id-duplicate',
        message: `Unexpected second note with id "${annotation.id}" (also ${other}), expected each file name once`,
        fix: 'rename one of the two files; the file name is the note’s id and anchor',
      });
    }
    seen.set(annotation.id, annotation.file);
    if (!byId.has(annotation.data.target.passage)) throw unknownPassage(annotation, passages, retired);
  }

  const located = passages.flatMap((passage) => {
    const notes = annotations.filter((annotation) => annotation.data.target.passage === passage.id);
    if (notes.length === 0) return [];
    // The passage's tree as the page's rehype plugins receive it, so that a quote found here is found in the page.
    const blocks = passageBlocks(markdownToHast(passage.markdown));
    const anchors = notes.map((annotation) => ({ ...annotation, target: annotation.data.target }));
    return locateNotes(blocks, passage, anchors).map((location) => ({ ...location, passage }));
  });
  const documents = [...new Set(passages.map((passage) => passage.document))];
  located.sort(
    (a, b) =>
      documents.indexOf(a.passage.document) - documents.indexOf(b.passage.document) ||
      a.passage.n - b.passage.n ||
      a.block - b.block ||
      a.start - b.start,
  );
  const counters = new Map<string, number>();
  return located.map(({ note, passage }): PlacedNote => {
    const number = (counters.get(passage.document) ?? 0) + 1;
    counters.set(passage.document, number);
    return {
      id: note.id,
      number,
      file: note.file,
      at: note.at,
      kind: note.data.kind,
      title: note.data.title,
      target: note.data.target,
      sources: note.data.sources,
      related: note.data.related,
      markdown: note.body,
      body: renderNoteBody(note.body),
      document: passage.document,
      passageN: passage.n,
    };
  });
}

function unknownPassage(
  annotation: AnnotationFile,
  passages: readonly NotePassage[],
  retired: readonly RetiredId[],
): ContentError {
  const id = annotation.data.target.passage;
  const at = annotation.at?.passage ?? { line: 1, column: 1 };
  const retiredEntry = retired.find((entry) => entry.id === id);
  if (retiredEntry) {
    const how = retiredEntry.reason === 'merged' ? 'was merged into' : 'was removed; its place is taken by';
    return new ContentError({
      file: annotation.file,
      ...at,
      rule: 'note-passage-retired',
      message: `Unexpected retired passage id "${id}", expected a live passage: "${id}" ${how} "${retiredEntry.successor}"`,
      fix: `set \`target.passage: ${retiredEntry.successor}\` and check that the quote is in that passage`,
    });
  }
  const nearest = passages
    .map((passage) => ({ id: passage.id, distance: editDistance(id, passage.id) }))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((candidate) => `"${candidate.id}"`);
  return new ContentError({
    file: annotation.file,
    ...at,
    rule: 'note-passage-unknown',
    message: `Unexpected passage id "${id}", expected the id of a passage in content/passages/`,
    fix: `use the \`id:\` of the passage file the quote is in; the nearest ids are ${nearest.join(', ')}`,
  });
}

/** Levenshtein distance, for suggesting the id a typo meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
