import { z } from 'zod';
import { webUrlSchema } from './web-url.ts';

/** What an index entry names; the index page groups entries by it, in this order. */
export const indexKindSchema = z.enum(['person', 'organisation', 'place', 'term'], {
  error: 'expected one of person, organisation, place, term',
});

/** Where the entry's description comes from; the index page shows it beside the entry. */
export const indexSourceSchema = z.strictObject({
  /** The source as a reader would cite it: a title, or "the witness, line 142". */
  title: z.string().min(1, { error: 'expected the source’s title, e.g. "Wikipedia, Leonid Nikolaev"' }),
  /** Its address, when it is on the web. Default: none. */
  url: webUrlSchema('https://en.wikipedia.org/wiki/Smolny').optional(),
});

/**
 * One entry of the index of names and terms, `content/index/<id>.yaml`. The build finds every passage
 * that mentions the name or one of its aliases; an entry that no passage mentions stops the build.
 */
export const indexEntrySchema = z.strictObject({
  /** Stable id, equal to the file name without `.yaml`; the entry's anchor on the index page. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'expected a lowercase id of letters, digits and hyphens, such as "communist-international"',
  }),
  /** The heading of the entry, in the form a reader looks it up: "Nikolaev, Leonid". */
  name: z.string().min(1, { error: 'expected the name the index prints' }),
  kind: indexKindSchema,
  /**
   * The spellings the texts use, when they differ from `name` ("Nikolaiev", "CI", "Kolkhozes"). Each is
   * matched as whole words; people, organisations and places match case-sensitively, terms do not; a
   * possessive ("Stalin's") counts, a longer word ("Stalinist") does not. Default: none.
   */
  aliases: z.array(z.string().min(1, { error: 'expected a spelling, not an empty string' })).default([]),
  /**
   * Further spellings a reader may type that the rules of src/lib/search/name-variants.ts do not
   * generate ("Zinovieff"); search finds them as the texts' spelling. One word each. Default: none.
   */
  variants: z
    .array(z.string().regex(/^\p{L}+$/u, { error: 'expected one word of letters, such as "Zinovieff"' }))
    .default([]),
  /**
   * Generated variants that are wrong for this name (a real word, or another person's name): search
   * leaves them alone. /search-spellings.json lists what was generated. Default: none.
   */
  notVariants: z
    .array(z.string().regex(/^\p{L}+$/u, { error: 'expected one word of letters, such as "Kiroff"' }))
    .default([]),
  /** What or who it is, in one line, from the source. */
  description: z
    .string()
    .min(1, { error: 'expected a one-line description' })
    .regex(/^[^\n]*$/, { error: 'expected one line; use `>-` in YAML to fold a long description' }),
  /** The id of a marginal note in content/annotations/ that says more. Default: none. */
  note: z.string().min(1).optional(),
  source: indexSourceSchema,
});

export type IndexKind = z.infer<typeof indexKindSchema>;
export type IndexEntry = z.infer<typeof indexEntrySchema>;
export type IndexSource = z.infer<typeof indexSourceSchema>;
