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
 * A paragraph's address as the export may link it: an http(s) address on one of the edition's
 * `origins`, never `javascript:`, `data:` or another site's page; null otherwise.
 */
function siteAddress(source: string, origins: ReadonlySet<string>): string | null {
  try {
    const url = new URL(source);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !origins.has(url.origin)) return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * A reader's text as Markdown writes it, read as text only: no link, image, autolink or HTML can
 * form from it (the characters that make them are escaped), so a note that came in a file never
 * becomes a `javascript:` link or an image from elsewhere in the export.
 */
const asText = (text: string): string => text.replace(/[\\[\]<>`]/g, (c) => `\\${c}`);

/**
 * The notes as Markdown for an essay: grouped by paragraph in reading order (the order given), each
 * the quoted words, the note, and the paragraph's link; those that could not be placed last, with
 * the address they were on when it is one of the edition's `origins`.
 */
export function exportMarkdown(
  title: string,
  notes: readonly ListedNote[],
  origins: ReadonlySet<string> = new Set(),
): string {
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
    for (const note of unplaced) {
      const source = siteAddress(note.annotation.target.source, origins);
      lines.push(
        ...noteLines(note),
        source ? `(was on <${source}>)` : '(was on a page outside this edition, not linked)',
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function noteLines(note: ListedNote): string[] {
  const quote = asText(note.annotation.target.selector[0].exact.replace(/\s+/g, ' ').trim());
  const by = note.layer ? ` (${asText(note.layer)})` : '';
  const lines = [`> ${quote}`, ''];
  if (note.question) lines.push(`Question: ${asText(note.question)}`, '');
  const body = note.annotation.body ? asText(note.annotation.body.value.trim()) : '';
  lines.push(
    body
      ? `**${KIND[note.annotation.motivation]}${by}:** ${body}`
      : `**${KIND[note.annotation.motivation]}${by}**`,
    '',
  );
  return lines;
}
