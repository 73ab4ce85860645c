import type { Element, ElementContent, Root } from 'hast';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { NoteKind, NoteSource } from '../schema/annotation.ts';

/*
 * The markup of a note: the link its quoted words become, and the `aside` after the paragraph.
 * Built as hast so that the rehype plugin inserts it into the passage's tree directly.
 */

/** What the markup of one note needs. */
export interface NoteContent {
  id: string;
  /** 1-based, in reading order across the document. */
  number: number;
  kind: NoteKind;
  title: string;
  /** The note's text, already rendered (see renderNoteBody). */
  body: ElementContent[];
  sources: NoteSource[];
}

// CommonMark as the site renders passages (no GFM, no smart punctuation; see astro.config.ts).
const markdownToHast = unified().use(remarkParse).use(remarkRehype);

/**
 * Renders the Markdown text of a note to hast, without the blank-line text nodes between blocks
 * and without source positions, which point into the note's file and would mislead in a passage.
 */
export function renderNoteBody(markdown: string): ElementContent[] {
  const tree = markdownToHast.runSync(markdownToHast.parse(markdown)) as Root;
  return tree.children.filter((node): node is Element => node.type === 'element').map(withoutPosition);
}

function withoutPosition(node: ElementContent): ElementContent {
  if (node.type === 'element') {
    const { position: _position, ...element } = node;
    return { ...element, children: element.children.map(withoutPosition) };
  }
  const { position: _position, ...leaf } = node;
  return leaf;
}

const element = (
  tagName: string,
  properties: Element['properties'],
  children: ElementContent[] = [],
): Element => ({ type: 'element', tagName, properties, children });

const text = (value: string): ElementContent => ({ type: 'text', value });

/**
 * The link that the quoted words are moved into. Its number is drawn by CSS from `data-n`
 * (notes.css), so that it is not part of the passage's text: copying a sentence, the search index
 * and /passages.json get the author's words only, while a screen reader still hears "note 1".
 */
export function noteReference(note: Pick<NoteContent, 'id' | 'number'>): Element {
  return element('a', {
    className: ['note-ref'],
    href: `#note-${note.id}`,
    id: `ref-${note.id}`,
    dataN: String(note.number),
  });
}

/**
 * The note itself, placed after the paragraph: number, title, text, sources, and a link back to
 * the words it explains. `role="note"` keeps it out of the landmarks list, where every `aside`
 * would otherwise appear as a complementary region. It carries no label of its own: its first
 * line, number and title, says what it is, and a label would only repeat it in every note's bytes
 * (the kind stays in /notes.json).
 */
export function noteAside(note: NoteContent): Element {
  const sources = note.sources.flatMap((source, index): ElementContent[] => [
    ...(index > 0 ? [text('; ')] : []),
    source.url
      ? element('a', { href: source.url }, [text(source.title)])
      : element('cite', {}, [text(source.title)]),
  ]);
  return element(
    'aside',
    {
      className: ['note'],
      id: `note-${note.id}`,
      role: 'note',
    },
    [
      element('p', { className: ['note-title'] }, [
        element('span', { className: ['note-n'] }, [text(String(note.number))]),
        text(' '),
        element('b', {}, [text(note.title)]),
      ]),
      ...note.body,
      element('p', { className: ['note-src'] }, [
        text(note.sources.length > 1 ? 'Sources: ' : 'Source: '),
        ...sources,
      ]),
      element('p', { className: ['note-back'] }, [
        element('a', { href: `#ref-${note.id}` }, [text('Back to the text')]),
      ]),
    ],
  );
}
