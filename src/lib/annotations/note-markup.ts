import type { Element, ElementContent } from 'hast';
import { markdownToHast } from '../markdown/pipeline.ts';
import type { NoteKind, NoteSource } from '../schema/annotation.ts';
import { noteOpening } from './note-gist.ts';

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

/**
 * Renders the Markdown text of a note to hast, without the blank-line text nodes between blocks
 * and without source positions, which point into the note's file and would mislead in a passage.
 */
export function renderNoteBody(markdown: string): ElementContent[] {
  // A note holds no raw HTML (parse-annotation-file.ts refuses it), so the passages' pipeline renders it as it is.
  return markdownToHast(markdown)
    .children.filter((node): node is Element => node.type === 'element')
    .map(withoutPosition);
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

/** A timeline event a note relates to, as the note links to it. */
export interface RelatedEvent {
  /** The event's page address: the timeline page and the event's id as its fragment. */
  href: string;
  title: string;
}

/** Where the note's words stand, for the link back to them: the ¶ number and the quote. */
export interface NoteWords {
  passageN: number;
  /** The quote, and the words around it when it occurs more than once in its passage. */
  target: { quote: string; prefix?: string | undefined; suffix?: string | undefined };
}

/**
 * The back link's text names the paragraph and the words, so that it makes sense read out of
 * context (a screen reader's list of links) and no two back links on a page read the same: a
 * quote that occurs more than once in its paragraph (a gap's "[…]") comes with the two words
 * before or after it that its note uses to pick it.
 */
export function backLinkText({ passageN, target }: NoteWords): string {
  const flat = (words: string) => words.replace(/\s+/g, ' ').trim();
  const quote = flat(target.quote);
  const short = quote.length <= 40 ? quote : `${quote.slice(0, quote.lastIndexOf(' ', 40)).trimEnd()}…`;
  const before = target.prefix !== undefined ? flat(target.prefix).split(' ').slice(-2).join(' ') : '';
  const after = target.suffix !== undefined ? flat(target.suffix).split(' ').slice(0, 2).join(' ') : '';
  const words = before ? `${before} ${short}` : after ? `${short} ${after}` : short;
  return `Back to ¶ ${passageN}, “${words}”`;
}

/**
 * The note itself, placed after the paragraph: a disclosure whose summary is the short form read
 * in the margin (number, title, the opening words of the text; see note-gist.ts) and whose body is
 * the whole note: the text, its sources, the timeline events it relates to, and a link back to the
 * words it explains. A `details` element opens and closes with a click, a tap, Enter or Space and
 * tells a screen reader its state, with or without scripting. `role="note"` keeps the aside out
 * of the landmarks list, where every `aside` would otherwise appear as a complementary region. It
 * carries no label of its own: its summary says what it is (the kind stays in /notes.json).
 */
export function noteAside(note: NoteContent & NoteWords & { related?: readonly RelatedEvent[] }): Element {
  const sources = note.sources.flatMap((source, index): ElementContent[] => [
    ...(index > 0 ? [text('; ')] : []),
    source.url
      ? element('a', { href: source.url }, [text(source.title)])
      : element('cite', {}, [text(source.title)]),
  ]);
  const related = (note.related ?? []).flatMap((event, index): ElementContent[] => [
    ...(index > 0 ? [text('; ')] : []),
    element('a', { href: event.href }, [text(event.title)]),
  ]);
  const [first] = note.body;
  const opening = first?.type === 'element' && first.tagName === 'p' ? noteOpening(first) : [];
  // The first words take a line of their own under the title (a line break costs the page fewer
  // bytes than a block). They stand for the note while it is closed; opened, the note reads whole
  // from its first word, so its text never breaks off mid-sentence where the short form ended
  // (notes.css hides them in an open note, print.css in print).
  const gist: ElementContent[] =
    opening.length > 0 ? [element('span', { className: ['ng'] }, [element('br', {}), ...opening])] : [];
  return element(
    'aside',
    {
      className: ['note'],
      id: `note-${note.id}`,
      role: 'note',
    },
    [
      element('details', {}, [
        element('summary', {}, [
          element('span', { className: ['note-n'] }, [text(String(note.number))]),
          text(' '),
          element('b', {}, [text(note.title)]),
          ...gist,
        ]),
        ...note.body,
        element('p', { className: ['note-src'] }, [
          text(note.sources.length > 1 ? 'Sources: ' : 'Source: '),
          ...sources,
        ]),
        // The timeline and the back link follow the sources, styled as they are (notes.css).
        ...(related.length > 0 ? [element('p', {}, [text('Timeline: '), ...related])] : []),
        element('p', {}, [element('a', { href: `#ref-${note.id}` }, [text(backLinkText(note))])]),
      ]),
    ],
  );
}
