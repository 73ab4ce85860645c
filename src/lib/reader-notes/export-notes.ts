import { ANNOTATION_CONTEXT } from './model.ts';
import type { WebAnnotation } from './web-annotation.ts';

/**
 * A W3C AnnotationCollection of annotations, the file a reader exports and imports. A class layer's
 * file carries the layer's id and author, so that importing it adds the layer rather than notes.
 */
export function exportJson(
  label: string,
  annotations: readonly WebAnnotation[],
  layer?: { id: string; author: string },
): string {
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    ...(layer && { id: layer.id }),
    type: 'AnnotationCollection',
    label,
    ...(layer?.author && { creator: { type: 'Person', name: layer.author } }),
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

/** One annotation as the Markdown export lists it, with where it stands in the edition now. */
export interface ListedNote {
  annotation: WebAnnotation;
  /** The layer's title for a class layer; null for the reader's own notes. */
  layer: string | null;
  /** Where its words are now; null when they could not be placed. */
  paragraph: { n: number; document: string; url: string } | null;
  /** For an answer: the question it answers. */
  question?: string | undefined;
}

const KIND: Record<WebAnnotation['motivation'], string> = {
  highlighting: 'Highlight',
  commenting: 'Note',
  questioning: 'Question',
  replying: 'Answer',
};

/**
 * The notes as Markdown for an essay: grouped by paragraph in reading order (the order given), each
 * the quoted words, the note, and the paragraph's link; those that could not be placed last.
 */
export function exportMarkdown(title: string, notes: readonly ListedNote[]): string {
  const lines = [`# ${title}`, ''];
  let heading = '';
  const placed = notes.filter((note) => note.paragraph);
  const unplaced = notes.filter((note) => !note.paragraph);
  for (const note of placed) {
    const paragraph = note.paragraph;
    if (!paragraph) continue;
    const here = `## ${paragraph.document}, ¶ ${paragraph.n}`;
    if (here !== heading) {
      heading = here;
      lines.push(here, '', `<${paragraph.url}>`, '');
    }
    lines.push(...noteLines(note));
  }
  if (unplaced.length > 0) {
    lines.push('## Could not be placed in this release', '');
    for (const note of unplaced)
      lines.push(...noteLines(note), `(was on <${note.annotation.target.source}>)`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function noteLines(note: ListedNote): string[] {
  const quote = note.annotation.target.selector[0].exact.replace(/\s+/g, ' ').trim();
  const by = note.layer ? ` (${note.layer})` : '';
  const lines = [`> ${quote}`, ''];
  if (note.question) lines.push(`Question: ${note.question}`, '');
  const body = note.annotation.body?.value.trim();
  lines.push(
    body
      ? `**${KIND[note.annotation.motivation]}${by}:** ${body}`
      : `**${KIND[note.annotation.motivation]}${by}**`,
    '',
  );
  return lines;
}
