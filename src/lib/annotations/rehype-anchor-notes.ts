import { relative } from 'node:path';
import type { Root } from 'hast';
import type { Plugin } from 'unified';
import { anchorNotes, type NoteAnchor } from './anchor-notes.ts';
import { type NoteContent, noteAside, noteReference } from './note-markup.ts';

/** A note ready to anchor: its target, its number, its rendered content and what it relates to. */
export type AnchoredNote = NoteAnchor &
  NoteContent & {
    /** The ¶ number of its passage, for the link back to its words. */
    passageN: number;
    /** Ids of the timeline events it relates to. */
    related: readonly string[];
  };

export interface RehypeAnchorNotesOptions {
  /** Every note of the edition; each passage takes those whose `target.passage` is its id. */
  notes: readonly AnchoredNote[];
  /**
   * The timeline page's address (under the site's base) and each event's title by id, so that a
   * note links to the events it relates to. Default: none, and notes list no events.
   */
  timeline?: { href: string; titles: Readonly<Record<string, string>> } | undefined;
}

/** The frontmatter field a passage's own notes travel in, when its renderer is not given them. */
export const ANCHOR_FIELD = 'anchor';

/**
 * Anchors the marginal notes in a passage, in Astro's unified Markdown processor: the quoted words
 * become a link to the note (`#note-<id>`, ending with the note's number), and the note follows
 * the paragraph as an `aside` with a link back (`#ref-<id>`). The passage is known by the `id` of
 * its frontmatter, which Astro puts in `file.data.astro.frontmatter`; Markdown without an `id`
 * (the note files themselves) is left alone. The notes come with the passage, in its frontmatter's
 * `anchor` field (the passages' loader puts them there from the edition model, so that a render
 * depends on nothing but its input), or else from the options. A quote that matches nowhere or more
 * than once throws a ContentError naming the annotation file, the quote and the passage.
 */
export const rehypeAnchorNotes: Plugin<[RehypeAnchorNotesOptions?], Root> = (options) => {
  return (tree, file) => {
    const frontmatter = frontmatterOf(file.data);
    const { id } = frontmatter;
    const given = (frontmatter[ANCHOR_FIELD] as RehypeAnchorNotesOptions | undefined) ?? options;
    const notes = given?.notes.filter((note) => note.target.passage === id) ?? [];
    if (notes.length === 0 || typeof id !== 'string') return;
    const timeline = given?.timeline;
    const passage = { id, file: file.path ? relative(file.cwd, file.path) : undefined };
    anchorNotes(tree, passage, notes, noteReference, (note) =>
      // Each page render gets its own copy; later plugins may change the tree they are given.
      noteAside({
        ...note,
        body: structuredClone(note.body),
        related: note.related.flatMap((event) => {
          const title = timeline?.titles[event];
          return timeline && title ? [{ href: `${timeline.href}#${event}`, title }] : [];
        }),
      }),
    );
  };
};

function frontmatterOf(data: unknown): Record<string, unknown> {
  const astro = (data as { astro?: { frontmatter?: unknown } } | undefined)?.astro;
  const frontmatter = astro?.frontmatter;
  return typeof frontmatter === 'object' && frontmatter !== null
    ? (frontmatter as Record<string, unknown>)
    : {};
}
