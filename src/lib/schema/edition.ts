import { z } from 'zod';
import { gapKindSchema } from './passage.ts';
import { webUrlSchema } from './web-url.ts';

/*
 * Every object here is strict: a field the schema does not know (`satus:` for `status:`) is refused
 * rather than ignored, since an ignored decision is a decision silently lost.
 */

/**
 * The longest quote, title, reason or other text of the edition file: 4,000 characters. A value far
 * longer is a page pasted in by mistake, which the apparatus would print whole.
 */
export const MAX_TEXT_CHARS = 4000;

/** The kinds of foreign matter the edition removes from a witness. */
export const removalKindSchema = z.enum([
  'keyword-spam',
  'web-title',
  'navigation',
  'snippet-stitch',
  'licence',
  'outside-document',
  'interface-text',
]);

/** An ISO 8601 date with its precision: `1934`, `1934-12` or `1934-12-01`. */
export const partialDateSchema = z
  .string()
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, {
    message: 'expected an ISO date with its precision: YYYY, YYYY-MM or YYYY-MM-DD',
  });

/**
 * An exact quote of the witness. Whitespace runs in the quote match any whitespace run in the witness.
 * At least three characters besides spaces and at least one letter or digit: a quote of spaces or
 * punctuation alone matches everywhere (with `occurrences: all` it would remove the text between letters).
 */
const quoteSchema = z
  .string()
  .max(MAX_TEXT_CHARS, {
    message: `expected a quote of at most ${MAX_TEXT_CHARS} characters: quote the words that identify the passage, not the passage`,
  })
  .refine((quote) => quote.trim().length >= 3, {
    message: 'expected a quote of at least 3 characters besides spaces (a blank quote matches everywhere)',
  })
  .refine((quote) => /[\p{L}\p{N}]/u.test(quote), {
    message: 'expected words of the witness (a quote of punctuation alone matches everywhere)',
  });

/** A line of text the reader sees: not empty, not only spaces, and at most MAX_TEXT_CHARS. */
const textSchema = z
  .string()
  .trim()
  .min(1, { message: 'expected text, not an empty or blank string' })
  .max(MAX_TEXT_CHARS, {
    message: `expected at most ${MAX_TEXT_CHARS} characters: a reason, a title or a description is a few sentences (the longest in the edition is under 900)`,
  });

/** A document the witness contains (the essay, the obituary glued before it). */
export const documentSchema = z.strictObject({
  /** Short id, used in passage paths and URLs: `essay`, `obituary`. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'expected a lowercase id such as "essay"' }),
  /** The title the edition prints. */
  title: textSchema,
  /** Other titles the text is known by. Default: none. */
  otherTitles: z.array(textSchema).default([]),
  /** Authors or signatories, as printed. */
  authors: z.array(textSchema).min(1),
  /** When it was written or dated, with its precision. */
  date: partialDateSchema,
  /** Translator into English, or null when unknown. */
  translator: textSchema.nullable(),
  /** What the document is, in one sentence, for the reader who meets it first. */
  description: textSchema,
  /**
   * What the witness lacks beyond the gaps it marks (words dropped without a trace), said to the reader in the
   * document's header and on /about/. Default: none, for a text the edition has no reason to think incomplete.
   */
  completeness: textSchema.optional(),
  /** Where the site publishes it: `/` for the essay, `/obituary/` for a companion. */
  path: z.string().regex(/^\/(?:[a-z0-9-]+\/)*$/, { message: 'expected a path such as "/" or "/obituary/"' }),
  /** Where the online text comes from, and what it credits. */
  source: z.strictObject({
    /** The archive that published the text the witness copies. */
    archive: textSchema,
    /** The archive page, when known: an http(s) URL, or null. */
    url: webUrlSchema('https://www.marxists.org/archive/trotsky/1934/12/kirov.htm').nullable(),
    /** The printed edition the archive transcribed, as the archive describes it. */
    printed: textSchema.nullable(),
    /**
     * The printings the text goes back to, oldest first, each as a bibliographic entry a reader can look
     * up (what the archive's header names, no more). Default: none known.
     */
    printings: z
      .array(
        z.strictObject({
          /** When it was printed, to the precision the source gives. */
          date: partialDateSchema,
          /** The entry as the edition cites it, with what is not verified said so. */
          citation: textSchema,
        }),
      )
      .default([]),
    /** The licence or permission under which the archive publishes it. */
    licence: textSchema,
    /** The credit line the archive asks for. */
    credit: textSchema,
  }),
  /**
   * What citations need beyond the title and date. Default: nothing more, the work is cited by its
   * title and dated by `date`.
   */
  citation: z
    .object({
      /**
       * When the printed title is not known: a description that names the work instead, which citations
       * set without quotation marks ("Obituary of Sergei Kirov"). Never a guessed title.
       */
      descriptiveTitle: z.string().min(1).optional(),
      /** The newspaper or journal the text was first printed in, when a source says so. */
      periodical: z.string().min(1).optional(),
      /** The date of that issue, to its precision. */
      published: partialDateSchema.optional(),
    })
    .default({}),
  /** Exact quote of the witness where the document begins. */
  begins: quoteSchema,
  /** Exact quote of the witness where the document ends (the end of the quote is the end of the document). */
  ends: quoteSchema,
});

/** A section heading that the scrape flattened into the running text. */
export const headingDecisionSchema = z.strictObject({
  /** The heading's words, exactly as in the witness. */
  quote: quoteSchema,
  /** `rejected` overrules a heuristic that took these words for a heading. Default: heading. */
  status: z.enum(['heading', 'rejected']).default('heading'),
  /** Why the editor takes these words for a heading. */
  reason: textSchema,
});

/** Foreign matter to remove, with its reason. */
export const removalDecisionSchema = z.strictObject({
  /** The removed text, exactly as in the witness (a whole block or sentences of it). */
  quote: quoteSchema,
  /** `all` removes every occurrence; otherwise the quote must occur exactly once. Default: 1. */
  occurrences: z.union([z.literal('all'), z.literal(1)]).default(1),
  kind: removalKindSchema,
  /** Why it is not part of any document. Shown to the reader in the apparatus. */
  reason: textSchema,
});

/** A heuristic removal the editor overrules: the text stays. */
export const retainDecisionSchema = z.strictObject({
  quote: quoteSchema,
  reason: textSchema,
});

/** A gap in the witness: confirmed and marked, restored from a source, or rejected as a false alarm. */
export const gapDecisionSchema = z
  .strictObject({
    /** Exact quote of the witness that ends where the missing words belong. */
    after: quoteSchema,
    /** `unresolved` marks […]; `restored` prints [value]; `rejected` says the heuristic was wrong here. */
    status: z.enum(['unresolved', 'restored', 'rejected']),
    /** What is missing, in a few words: "a year", "a population figure", "a quotation". */
    missing: textSchema.optional(),
    /** The heuristic that found it, when the editor adds a gap no heuristic saw. Default: editorial. */
    kind: gapKindSchema.default('editorial'),
    /** The restored value (only with status `restored`). */
    value: textSchema.optional(),
    /** Where the value comes from (only with status `restored`). */
    source: textSchema.optional(),
    /** The editor's reasoning, shown in the apparatus. */
    reason: textSchema,
  })
  .superRefine((gap, ctx) => {
    if (gap.status === 'restored' && (!gap.value || !gap.source)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a restored gap needs both `value` and `source`; without a source, use status: unresolved',
        path: [gap.value ? 'source' : 'value'],
      });
    }
    if (gap.status !== 'restored' && (gap.value || gap.source)) {
      ctx.addIssue({
        code: 'custom',
        message: 'only a restored gap has `value` and `source`; set status: restored or remove them',
        path: [gap.value ? 'value' : 'source'],
      });
    }
    if (gap.status !== 'rejected' && !gap.missing) {
      ctx.addIssue({
        code: 'custom',
        message: 'say what is missing, e.g. missing: "a year"',
        path: ['missing'],
      });
    }
  });

/** The edition file, `content/source/<witness>.edition.yaml`: every editorial decision as data. */
export const editionFileSchema = z.strictObject({
  /** The edition as a whole. */
  edition: z.strictObject({
    title: textSchema,
    /** Who is responsible for the edition. */
    editors: textSchema,
    /** The licence of the edition's own apparatus (notes, timeline, decisions). */
    licence: textSchema,
  }),
  /** The documents in the witness, in witness order. */
  documents: z.array(documentSchema).min(1),
  /** Section headings flattened into running text. Default: none. */
  headings: z.array(headingDecisionSchema).default([]),
  /** Foreign matter to remove. Default: none. */
  removals: z.array(removalDecisionSchema).default([]),
  /** Heuristic removals the editor overrules. Default: none. */
  retained: z.array(retainDecisionSchema).default([]),
  /** Gaps: confirmed, restored or rejected. Default: none. */
  gaps: z.array(gapDecisionSchema).default([]),
});

export type RemovalKind = z.infer<typeof removalKindSchema>;
export type EditionDocument = z.infer<typeof documentSchema>;
export type EditionFile = z.infer<typeof editionFileSchema>;
export type GapDecision = z.infer<typeof gapDecisionSchema>;
