import { z } from 'zod';
import { webUrlSchema } from './web-url.ts';

/*
 * Frontmatter of a marginal note, `content/annotations/<id>.md`. The file name is the note's id
 * (its anchor, `#note-<id>`); the Markdown body is the note's text. This schema is the single
 * source of truth: src/content.config.ts, the build-time anchoring (src/lib/annotations/) and
 * /notes.json all validate with it.
 */

/** What a note explains; the index and /notes.json group notes by it. */
export const noteKindSchema = z.enum(
  ['person', 'organisation', 'place', 'event', 'term', 'publication', 'gap', 'editorial', 'context'],
  {
    error: 'expected one of person, organisation, place, event, term, publication, gap, editorial, context',
  },
);

/** A passage id, as in the passage files' `id:` (lowercase words joined by hyphens). */
const passageIdSchema = z
  .string({ error: 'expected a passage id such as "zinoviev-and-kamenev-are-no-fools"' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'expected a passage id such as "zinoviev-and-kamenev-are-no-fools"',
  });

/**
 * Where the note anchors: words of one passage, as the W3C Web Annotation TextQuoteSelector
 * describes them. The quote is matched against the passage's text as the reader sees it
 * (editorial brackets such as `[…]` included, markup ignored, runs of white space read as one
 * space). It must match exactly once; when the words occur more than once, `prefix` and/or
 * `suffix` say which occurrence is meant.
 */
export const noteTargetSchema = z.strictObject(
  {
    /** The id of the passage the note belongs to. Required. */
    passage: passageIdSchema,
    /** The exact words the note explains; they become the link to the note. Required. */
    quote: z
      .string({ error: 'expected the exact words of the passage the note explains' })
      .refine((quote) => quote.trim() !== '', {
        error: 'expected the exact words of the passage the note explains',
      }),
    /** Text immediately before the quote, to pick one of several occurrences. Default: none. */
    prefix: z.string({ error: 'expected the words just before the quote, as text' }).optional(),
    /** Text immediately after the quote, to pick one of several occurrences. Default: none. */
    suffix: z.string({ error: 'expected the words just after the quote, as text' }).optional(),
  },
  { error: 'expected `target:` with `passage` and `quote` (and optionally `prefix`, `suffix`)' },
);

/** A work the note rests on; the reader sees every source under the note. */
export const noteSourceSchema = z.strictObject(
  {
    /** What is cited, as the reader sees it: a page title and site, or a bibliographic reference. Required. */
    title: z
      .string({ error: 'expected the title of the source, as the reader sees it' })
      .min(1, { error: 'expected the title of the source, as the reader sees it' }),
    /** Where to read it online; the title links there. Default: none (printed works, the witness). */
    url: webUrlSchema('https://en.wikipedia.org/wiki/Sergei_Kirov').optional(),
  },
  { error: 'expected a source with `title` and optionally `url`' },
);

export const annotationSchema = z.strictObject({
  /** What the note explains. Required. */
  kind: noteKindSchema,
  /** The note's heading: a name with dates for a person ("Grigory Zinoviev (1883–1936)"), a term, a title. Required. */
  title: z
    .string({ error: 'expected a title for the note' })
    .refine((title) => title.trim() !== '', { error: 'expected a title for the note' }),
  /** The words of a passage the note is anchored to. Required. */
  target: noteTargetSchema,
  /** What the note rests on, at least one; shown to the reader under the note. Required. */
  sources: z
    .array(noteSourceSchema, { error: 'expected a list of sources, each with `title` and optionally `url`' })
    .min(1, { error: 'expected at least one source: every note shows the reader what it rests on' }),
  /**
   * Ids of timeline events the note relates to (the timeline's own ids). Default: none. Checked
   * against the timeline collection when there is one.
   */
  related: z
    .array(z.string().min(1, { error: 'expected a timeline event id' }), {
      error: 'expected a list of timeline event ids',
    })
    .default([]),
});

export type NoteKind = z.infer<typeof noteKindSchema>;
export type NoteTarget = z.infer<typeof noteTargetSchema>;
export type NoteSource = z.infer<typeof noteSourceSchema>;
export type Annotation = z.infer<typeof annotationSchema>;
